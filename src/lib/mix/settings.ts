/**
 * Mix and master settings from untrusted JSON (a CLI file, later a saved session): validated with
 * valibot against the mixer's ranges, unknown stems refused by name, and turned into one plain
 * sentence when wrong.
 */
import * as v from 'valibot';
import { stemIds, type MasterSettings, type MixSettings } from './types';

const range = (min: number, max: number) =>
	v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

const eqBand = v.strictObject({
	type: v.picklist(['peaking', 'lowshelf', 'highshelf']),
	frequencyHz: range(20, 20000),
	gainDb: range(-24, 24),
	q: range(0.1, 10)
});

const strip = v.strictObject({
	gainDb: range(-60, 12),
	pan: range(-1, 1),
	mute: v.boolean(),
	solo: v.boolean(),
	highpassHz: v.nullable(range(20, 500)),
	eq: v.pipe(v.array(eqBand), v.maxLength(2)),
	compress: range(0, 1),
	width: range(0, 2),
	polarity: v.boolean()
});

const mixSchema = v.strictObject({
	stems: v.strictObject(
		Object.fromEntries(stemIds.map((id) => [id, strip])) as Record<
			(typeof stemIds)[number],
			typeof strip
		>
	),
	bus: v.strictObject({ tiltDb: range(-12, 12), squashDb: range(0, 24) })
});

const masterSchema = v.strictObject({
	lowShelfDb: range(-12, 12),
	bell: v.strictObject({
		frequencyHz: range(20, 20000),
		gainDb: range(-12, 12),
		q: range(0.1, 10)
	}),
	highShelfDb: range(-12, 12),
	glue: v.boolean(),
	targetLufs: range(-30, -5),
	ceilingDbtp: range(-6, 0)
});

/** The first issue as one sentence: where, and what is wrong. */
function describe(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
	const issue = issues[0];
	const path = v.getDotPath(issue);
	if (issue.type === 'strict_object' && path && issue.input === undefined)
		return `${path}: missing`;
	if (issue.type === 'strict_object' && path) {
		const parent = path.split('.').slice(0, -1).join('.');
		const key = path.split('.').at(-1);
		if (parent === 'stems') return `unknown stem '${key}' (stems: ${stemIds.join(', ')})`;
		return `unknown setting '${path}'`;
	}
	return `${path ?? 'settings'}: ${issue.message}`;
}

/** Parses mix settings (every stem, every control), or throws a RangeError saying what is wrong. */
export function parseMixSettings(input: unknown): MixSettings {
	const result = v.safeParse(mixSchema, input);
	if (!result.success) throw new RangeError(describe(result.issues));
	return result.output as MixSettings;
}

/** Parses master settings, or throws a RangeError saying what is wrong. */
export function parseMasterSettings(input: unknown): MasterSettings {
	const result = v.safeParse(masterSchema, input);
	if (!result.success) throw new RangeError(describe(result.issues));
	return result.output;
}
