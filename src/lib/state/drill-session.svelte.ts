/**
 * One drill session as runes state: questions rendered in the worker (the next one prefetched while
 * the learner answers), played through the A/B player, graded by the pure drill kind, stored in Dexie
 * with the staircase it moves. A session practises one kind, or several (the daily mix), each on its
 * own staircase.
 */
import { renderInWorker } from '../audio/render-client';
import type { ResponseFor } from '../audio/render-protocol';
import { recordAttempt, recordSession, readDrillState } from '../db/attempts-repo';
import { trackIdOfSource } from '../settings/settings';
import { activeMsOf } from '../progress/aggregate';
import { requestPersistence } from './storage';
import { writeNoted } from './answer-journal';
import { getDatabase } from '../db/database';
import { deviceTimeZone, localDay, utcOffsetMinutes } from '../progress/days';
import { styleForSeed, styleIds } from '../dsp/synth/styles';
import { eqLoudnessChangeDb } from '../drills/eq-loudness';
import { octaveBandOf } from '../drills/bands';
import { generateQuestion } from '../drills/question-rng';
import { pickWeakBandSeed } from '../drills/weakness';
import { createStaircase, recordAnswer, type StaircaseState } from '../drills/staircase';
import type { DrillKind, DrillKindId, DrillSource, Grade } from '../drills/types';
import { AbPlayer, setMonoListening, type AbState } from '../player/ab-player';
import { describeStorageError, settings } from './settings.svelte';

export const CLIP_SECONDS = 8;
export const SAMPLE_RATE = 44100;

type Rendered = ResponseFor<'question'>;

export interface SessionItem {
	kind: DrillKind;
	rendered: Rendered;
	answer: string;
	grade: Grade;
	levelBefore: number;
	levelAfter: number;
	responseMs: number;
}

export type Phase = 'loading' | 'asking' | 'revealed' | 'results' | 'review' | 'error';

function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0] >>> 1;
}

/**
 * The source for a question: a saved track (`track:<id>`), the chosen style, pink noise, or a style
 * drawn from the seed. A drill made from stems (`kind.stems`) always gets a style's stems: the
 * chosen style, or one drawn from the seed when the choice is noise or a track.
 */
export function sourceFor({
	choice,
	seed,
	kind
}: {
	/** The learner's source setting. */
	choice: string;
	seed: number;
	kind?: Pick<DrillKind, 'stems'>;
}): DrillSource {
	const chosenStyle = (styleIds as string[]).includes(choice)
		? (choice as (typeof styleIds)[number])
		: undefined;
	if (kind?.stems) return { kind: 'stems', style: chosenStyle ?? styleForSeed(seed) };
	const trackId = trackIdOfSource(choice);
	if (trackId !== null) return { kind: 'track', trackId };
	if (choice === 'pink-noise') return { kind: 'pink-noise' };
	return { kind: 'arrangement', style: chosenStyle ?? styleForSeed(seed) };
}

/** Picks an index with probability proportional to its weight, from a uniform number in [0, 1). */
export function pickWeighted(weights: number[], uniform: number): number {
	const total = weights.reduce((a, b) => a + b, 0);
	let target = uniform * total;
	for (let i = 0; i < weights.length; i++) {
		target -= weights[i];
		if (target < 0) return i;
	}
	return weights.length - 1;
}

export class DrillSessionState {
	readonly kinds: DrillKind[];
	readonly sessionId = crypto.randomUUID();
	/** The kind of the current question. */
	kind = $state.raw<DrillKind>() as DrillKind;
	phase = $state<Phase>('loading');
	error = $state('');
	storageError = $state('');
	index = $state(0);
	total = $state(10);
	current = $state.raw<Rendered | null>(null);
	lastItem = $state.raw<SessionItem | null>(null);
	items = $state.raw<SessionItem[]>([]);
	staircases = $state.raw<Partial<Record<DrillKindId, StaircaseState>>>({});
	startLevels = $state.raw<Partial<Record<DrillKindId, number>>>({});
	playerState = $state<AbState>('loading');
	active = $state(0);
	/** Listening in mono (offered by drills with a mono switch). */
	mono = $state(false);
	/** Milliseconds from "Next" to a playable question, for the benchmark. */
	lastSwitchMs = $state(0);
	#weights: number[];
	#bandWeights: Record<string, number> | undefined;
	#player: AbPlayer | undefined;
	#shownAt = 0;
	// Private bookkeeping, never rendered: a plain Map on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#prefetched = new Map<number, Promise<Rendered>>();
	#nextSeed = randomSeed();
	#nextKind: DrillKind;
	#nextPlayer: Promise<{ rendered: Rendered; player: AbPlayer }> | undefined;
	#wasPlaying = false;
	#finishing = false;
	/** An answer is being stored; a second submit of the same question is dropped. */
	#answering = false;
	#startedAt = Date.now();

	/**
	 * `weights` (one per kind) make weak kinds come up more often in a mixed session; `bandWeights`
	 * (per octave band) do the same for the bands EQ questions ask about.
	 */
	constructor({
		kinds,
		weights,
		bandWeights
	}: {
		kinds: DrillKind[];
		weights?: number[];
		bandWeights?: Record<string, number>;
	}) {
		if (kinds.length === 0) throw new RangeError('a session needs at least one drill kind');
		this.kinds = kinds;
		this.#weights = weights ?? kinds.map(() => 1);
		this.#bandWeights = bandWeights;
		this.#nextKind = this.#pickKind();
		this.kind = this.#nextKind;
	}

	/** The staircase of the current question's kind. */
	get staircase(): StaircaseState {
		return this.staircases[this.kind.id] ?? createStaircase(0);
	}

	get player(): AbPlayer | undefined {
		return this.#player;
	}

	#pickKind(): DrillKind {
		return this.kinds[pickWeighted(this.#weights, Math.random())];
	}

	#levelOf(kind: DrillKind): number {
		return this.staircases[kind.id]?.level ?? 0;
	}

	/** Loads the learner's staircases and the first question. */
	async start(): Promise<void> {
		await settings.load();
		this.total = settings.sessionLength;
		const staircases: Partial<Record<DrillKindId, StaircaseState>> = {};
		try {
			for (const kind of this.kinds) {
				staircases[kind.id] = (await readDrillState(getDatabase(), kind.id))?.staircase;
			}
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
		for (const kind of this.kinds) staircases[kind.id] ??= createStaircase(0);
		this.staircases = staircases;
		this.startLevels = Object.fromEntries(this.kinds.map((k) => [k.id, staircases[k.id]!.level]));
		try {
			const kind = this.#nextKind;
			this.#nextSeed = this.#seedFor(kind, this.#levelOf(kind));
			const rendered = await this.#request(kind, this.#levelOf(kind), this.#nextSeed);
			await this.#show(kind, rendered, this.#makePlayer(rendered));
		} catch (error) {
			this.#fail(error);
		}
	}

	/** A fresh seed; with band weights, EQ questions lean towards the learner's weak bands. */
	#seedFor(kind: DrillKind, level: number): number {
		const weights = this.#bandWeights;
		if (!weights || kind.family !== 'eq') return randomSeed();
		return pickWeakBandSeed({
			bandOf: (seed) =>
				octaveBandOf(
					generateQuestion({
						kind: kind.id,
						level,
						seed,
						source: sourceFor({ choice: settings.drillSource, seed, kind })
					}).params.frequencyHz
				),
			weights,
			nextSeed: randomSeed,
			uniform: Math.random
		});
	}

	#request(kind: DrillKind, level: number, seed: number): Promise<Rendered> {
		return renderInWorker({
			kind: 'question',
			drill: kind.id,
			level,
			seed,
			source: sourceFor({ choice: settings.drillSource, seed, kind }),
			seconds: CLIP_SECONDS,
			sampleRate: SAMPLE_RATE,
			matched: settings.loudnessMatch
		});
	}

	#makePlayer(rendered: Rendered): AbPlayer {
		return new AbPlayer({
			versions: rendered.versions.map((v) => new Uint8Array(v.wav)),
			onState: (state, message) => {
				if (this.#player && rendered === this.current) {
					this.playerState = state;
					if (state === 'error' && message) this.error = message;
				}
			}
		});
	}

	async #show(kind: DrillKind, rendered: Rendered, player: AbPlayer, phase: Phase = 'asking') {
		this.#player?.unload();
		this.#player = player;
		this.kind = kind;
		this.current = rendered;
		this.active = 0;
		if (!rendered.question.monoSwitch && this.mono) this.setMono(false);
		this.playerState = 'loading';
		await player.ready;
		this.playerState = player.state;
		if (this.#wasPlaying) player.play();
		this.phase = phase;
		if (phase !== 'asking') return;
		this.#shownAt = performance.now();
		this.#prefetchNext();
	}

	/**
	 * Renders the next question in the worker before this one is answered: for the same kind, one for
	 * each possible outcome (the staircase moves either way); for another kind, at its level.
	 */
	#prefetchNext() {
		this.#prefetched.clear();
		if (this.index + 1 >= this.total) return;
		this.#nextKind = this.#pickKind();
		const next = this.#nextKind;
		this.#nextSeed = this.#seedFor(next, this.#levelOf(next));
		const levels =
			next === this.kind
				? [true, false].map(
						(correct) =>
							recordAnswer({ state: this.staircase, correct, maxLevel: next.levels.length - 1 })
								.level
					)
				: [this.#levelOf(next)];
		for (const level of levels) {
			if (!this.#prefetched.has(level)) {
				const request = this.#request(next, level, this.#nextSeed);
				request.catch(() => {});
				this.#prefetched.set(level, request);
			}
		}
	}

	select(index: number) {
		if (!this.#player || index < 0 || index >= this.#player.count) return;
		this.#player.select(index);
		this.active = index;
	}

	toggle() {
		this.#player?.toggle();
	}

	/** Listens in mono or stereo. */
	setMono(on: boolean) {
		this.mono = on;
		setMonoListening(on);
	}

	/**
	 * The match drill: puts the learner's EQ on the original version live, trimmed by its estimated
	 * loudness change so the two versions stay matched while the learner sweeps.
	 */
	setLiveEq(eq: { frequencyHz: number; gainDb: number; q: number }) {
		const current = this.current;
		if (!current || !this.#player) return;
		const index = current.question.versions.findIndex((v) => v.chain.length === 0);
		if (index < 0) return;
		const changeDb = settings.loudnessMatch
			? eqLoudnessChangeDb({
					spectrum: current.versions[index].spectrum,
					eq: [{ type: 'peaking', ...eq }],
					sampleRate: SAMPLE_RATE
				})
			: 0;
		this.#player.setLiveEq({ index, eq, trimDb: -changeDb });
	}

	/** Grades an answer, stores it with the moved staircase, and reveals what was done. */
	async answer(answer: string): Promise<void> {
		// One answer per question: a second submit while the first is being stored (a double tap on
		// "Answer") is dropped, or it would be stored twice and move the staircase twice.
		if (this.phase !== 'asking' || !this.current || this.#answering) return;
		this.#answering = true;
		const kind = this.kind;
		const rendered = this.current;
		const grade = kind.grade(rendered.question, answer);
		const levelBefore = this.staircase.level;
		const staircase = recordAnswer({
			state: this.staircase,
			correct: grade.correct,
			maxLevel: kind.levels.length - 1
		});
		// A timestamp for storage, not UI state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const now = new Date();
		const item: SessionItem = {
			kind,
			rendered,
			answer,
			grade,
			levelBefore,
			levelAfter: staircase.level,
			responseMs: Math.round(performance.now() - this.#shownAt)
		};
		// Store first, then reveal: the write takes a few milliseconds on its own, but several times
		// that when it has to share the main thread with the reveal's render and the next decode.
		const timeZone = deviceTimeZone();
		const writeStart = performance.now();
		// Noted on the device while it is stored: if the page closes mid-write, the next page says so.
		const noted = { sessionId: this.sessionId, timestamp: now.getTime(), drill: kind.name };
		const recording = writeNoted(noted, () =>
			recordAttempt(getDatabase(), {
				attempt: {
					kind: kind.id,
					family: kind.family,
					sessionId: this.sessionId,
					level: levelBefore,
					levelValue: kind.levels[levelBefore].value,
					seed: rendered.question.seed,
					source: rendered.question.source,
					params: rendered.question.params,
					answer,
					correctAnswer: rendered.question.answer,
					correct: grade.correct,
					score: grade.score,
					responseMs: item.responseMs,
					timestamp: now.getTime(),
					day: localDay(now, timeZone),
					timeZone,
					utcOffsetMinutes: utcOffsetMinutes(now, timeZone)
				},
				staircase
			})
		).then(() => {
			// User Timing for the benchmark (npm run benchmark).
			performance.measure('mftm:record-attempt', { start: writeStart });
		});
		try {
			await recording;
			// A message about an earlier answer goes once this one is stored.
			this.storageError = '';
		} catch (error) {
			this.storageError = describeStorageError(error, 'this answer');
		}
		this.staircases = { ...this.staircases, [kind.id]: staircase };
		this.items = [...this.items, item];
		this.lastItem = item;
		this.phase = 'revealed';
		this.#answering = false;
		// Decode the next question now, so "Next" is instant.
		const nextKind = this.#nextKind;
		const next = this.#prefetched.get(this.#levelOf(nextKind));
		if (next) {
			this.#nextPlayer = next.then((r) => ({ rendered: r, player: this.#makePlayer(r) }));
			this.#nextPlayer.catch(() => {});
		}
	}

	/** Moves to the next question, or to the results after the last. */
	async next(): Promise<void> {
		if (this.phase !== 'revealed' || this.#finishing) return;
		this.#wasPlaying = this.playerState === 'playing';
		if (this.index + 1 >= this.total) {
			this.#player?.pause();
			// Store the session before showing the results, as answers are stored before their reveal:
			// a learner who leaves the page the moment the results appear has lost nothing.
			this.#finishing = true;
			await this.#finish();
			this.#finishing = false;
			this.index += 1;
			this.phase = 'results';
			return;
		}
		this.index += 1;
		const started = performance.now();
		this.phase = 'loading';
		const kind = this.#nextKind;
		try {
			const pending =
				this.#nextPlayer ??
				this.#request(kind, this.#levelOf(kind), this.#seedFor(kind, this.#levelOf(kind))).then(
					(r) => ({
						rendered: r,
						player: this.#makePlayer(r)
					})
				);
			this.#nextPlayer = undefined;
			const next = await pending;
			await this.#show(kind, next.rendered, next.player);
			this.lastSwitchMs = Math.round(performance.now() - started);
		} catch (error) {
			this.#fail(error);
		}
	}

	/** Stores the finished session; after the first one, asks the browser to keep our storage. */
	async #finish() {
		// A timestamp for storage, not UI state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const now = new Date();
		const timeZone = deviceTimeZone();
		try {
			const first = await recordSession(getDatabase(), {
				sessionId: this.sessionId,
				mode: this.kinds.length > 1 ? 'daily' : 'drill',
				kinds: this.kinds.map((k) => k.id).filter((id) => this.items.some((i) => i.kind.id === id)),
				startedAt: this.#startedAt,
				endedAt: now.getTime(),
				day: localDay(now, timeZone),
				timeZone,
				utcOffsetMinutes: utcOffsetMinutes(now, timeZone),
				questions: this.items.length,
				correct: this.items.filter((item) => item.grade.correct).length,
				activeMs: this.items.reduce((sum, item) => sum + activeMsOf(item.responseMs), 0)
			});
			// Asking the browser to keep our storage need not hold up the results.
			if (first) void requestPersistence();
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
	}

	/** Plays a finished question again (from the results), with its reveal. */
	async review(item: SessionItem): Promise<void> {
		this.#wasPlaying = false;
		this.lastItem = item;
		this.phase = 'loading';
		await this.#show(item.kind, item.rendered, this.#makePlayer(item.rendered), 'review');
	}

	/** Leaves a review and shows the results again. */
	backToResults() {
		this.#player?.pause();
		this.phase = 'results';
	}

	#fail(error: unknown) {
		this.error = error instanceof Error ? error.message : 'The question could not be prepared.';
		this.phase = 'error';
	}

	/** Stops audio and frees players. */
	dispose() {
		if (this.mono) this.setMono(false);
		this.#player?.unload();
		this.#nextPlayer?.then(({ player }) => player.unload()).catch(() => {});
	}
}
