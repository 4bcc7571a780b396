/**
 * A Mix Lab session as the device keeps it: which project (style, seed and level make it again),
 * the learner's mix and master settings, and a summary of each check. The stems are not stored:
 * the seed renders the same samples again.
 */
import type { StyleId } from '../dsp/synth/styles';
import type { CheckResult } from './check';
import type { MasterSettings, MixSettings, Problem, ProblemKind } from './types';

/** One check, summarised: how many passed, which failed, and each planted problem's fate. */
export interface MixCheckSummary {
	/** When, ms since the epoch. */
	at: number;
	/**
	 * The learner's local day then (YYYY-MM-DD): the day it counts toward the goal and streak on.
	 * Absent from checks stored before it was kept (progress/mix-checks.ts dates those by `at`).
	 */
	day?: string;
	/**
	 * A fingerprint of the mix and master settings checked (`settingsKey`): a check of settings
	 * the session's previous check had already checked does not count again. Absent from checks
	 * stored before it was kept (each of those counts).
	 */
	settingsKey?: string;
	passed: number;
	total: number;
	/** Ids of the checks that failed. */
	failed: string[];
	/** Each planted problem's kind, and whether its check passed. */
	problems: { kind: ProblemKind; pass: boolean }[];
}

export interface MixSessionRow {
	/** crypto.randomUUID() */
	id: string;
	style: StyleId;
	seed: number;
	level: number;
	/** ms since the epoch. */
	startedAt: number;
	updatedAt: number;
	/** The learner's local day of the last change (YYYY-MM-DD). */
	day: string;
	settings: MixSettings;
	master: MasterSettings;
	checks: MixCheckSummary[];
	/**
	 * How many times the session was saved (absent before it was kept: 0). A tab saves only over the
	 * revision it last read or wrote, so a tab left behind cannot overwrite another tab's newer work.
	 */
	revision?: number;
}

/**
 * A short fingerprint of mix and master settings (FNV-1a, 32 bits, of their JSON, as hex): equal
 * settings give equal keys; a change as small as one 0.5 dB step gives another (a collision between
 * two different mixes is about one in four billion, and would only leave one check uncounted).
 */
export function settingsKey({
	settings,
	master
}: {
	settings: MixSettings;
	master: MasterSettings;
}): string {
	const text = JSON.stringify([settings, master]);
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

/** A check's summary for the record. */
export function summarizeCheck({
	result,
	problems,
	at,
	day,
	settings,
	master
}: {
	result: Pick<CheckResult, 'checks' | 'passed' | 'total'>;
	problems: readonly Problem[];
	at: number;
	day: string;
	/** The mix and master checked. */
	settings: MixSettings;
	master: MasterSettings;
}): MixCheckSummary {
	return {
		at,
		day,
		settingsKey: settingsKey({ settings, master }),
		passed: result.passed,
		total: result.total,
		failed: result.checks.filter((c) => !c.pass).map((c) => c.id),
		problems: problems.map((problem) => ({
			kind: problem.kind,
			pass: result.checks.find((c) => c.problem === problem.id)?.pass ?? false
		}))
	};
}
