/**
 * The planted problems: the classic reasons a mix does not survive mastering, each with an amount the
 * level scales (level 1 obvious, higher levels subtler and more of them), and the target mix that
 * undoes them. Some live in the rough mix's settings (a fader too high, a limiter left on the bus),
 * as in a session handed over; the rest are in the recording itself (rumble, a harsh resonance, a
 * bass boomy where the kick lives, a pad widened out of polarity, a tilted tonal balance) and the
 * target fixes them with the mixer's own tools. Every amount is the change it makes to its check's
 * measure (see `check.ts`), which the spec verifies on the audio.
 */
import { tiltSteps } from '../dsp/master/quick-master';
import { designBiquad, magnitudeDb } from '../dsp/process/biquad';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { createRng, type Rng } from '../dsp/synth/rng';
import type { StyleId } from '../dsp/synth/styles';
import { dbToGain, type Dbfs, type Decibels, type Hertz, type SampleRate } from '../dsp/units';
import { bandPower, type PowerSpectrum } from '../dsp/analysis/spectrum';
import { balanceSpectrum } from './balance-spectrum';
import { flatMix, Mixer, squashBus } from './mixer';
import { measureLoudness } from '../dsp/analysis/loudness';
import { samplePeak } from '../dsp/analysis/levels';
import {
	problemKinds,
	stemIds,
	type MixSettings,
	type Problem,
	type ProblemKind,
	type Stem,
	type StemId
} from './types';

/**
 * The target mix's sample peak sits here, leaving the master its headroom (a mix's true peak is
 * rarely more than 1 dB above its sample peak, so it stays under −5 dBTP).
 */
export const TARGET_MIX_PEAK_DBFS: Dbfs = -6;

/** Levels are numbered from 1; the highest gives no hints (the page's business) and the subtlest amounts. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

/** How many problems each level plants. */
export const problemsPerLevel: Record<Level, number> = { 1: 1, 2: 2, 3: 3 };

/** Size of each kind per level (dB; the sign is the direction). */
export const amounts: Record<ProblemKind, Record<Level, number>> = {
	'low-end-too-loud': { 1: 9, 2: 6, 3: 4 },
	rumble: { 1: -8, 2: -14, 3: -20 },
	'lead-buried': { 1: -8, 2: -5, 3: -4 },
	'lead-too-hot': { 1: 8, 2: 6, 3: 4.5 },
	harsh: { 1: 10, 2: 7, 3: 5 },
	'kick-bass-masking': { 1: 10, 2: 7, 3: 5 },
	'mono-collapse': { 1: 9, 2: 6, 3: 4 },
	'squashed-bus': { 1: 6, 2: 4.5, 3: 3.5 },
	'tonal-tilt': { 1: 8, 2: 6, 3: 4 }
};

/** Q of the planted and the corrective bells (about 1.1 octaves between the half-gain points). */
export const PROBLEM_BELL_Q = 1.2;
/** High-pass the target puts on a stem that had rumble, Hz. */
export const RUMBLE_HIGHPASS_HZ = 90;
/** High-passes every mix has on the stems with nothing musical down there, Hz. */
export const HIGHPASSES: Partial<Record<StemId, number>> = {
	hats: 250,
	chords: 70,
	texture: 70,
	vocal: 80
};
/** Exact IEC 61260 third-octave centres a harsh resonance sits on (nominal 2.5, 3.15, 4 kHz). */
export const HARSH_CENTRES: readonly Hertz[] = [2511.886, 3162.278, 3981.072];

/** Tonal balance is read as the mix's highs against its lows (the check's measure), Hz. */
export const TONAL_LOW: readonly [Hertz, Hertz] = [60, 250];
export const TONAL_HIGH: readonly [Hertz, Hertz] = [2500, 10000];

/** Mean of a response in dB over log-spaced points of a band. */
function meanDb(response: (hz: Hertz) => Decibels, [low, high]: readonly [Hertz, Hertz]): Decibels {
	const points = 24;
	let sum = 0;
	for (let i = 0; i < points; i++) sum += response(low * Math.pow(high / low, (i + 0.5) / points));
	return sum / points;
}

/**
 * The tilt (`tiltSteps`, dB) that moves the tonal measure by `amount` dB: the tilt's shelves are
 * still in their slopes at the measure's bands, so a 1 dB tilt moves it by less than 1 dB (closed
 * form from the shelves' response, averaged over each band on a log scale).
 */
export function tiltForAmount({
	amount,
	sampleRate
}: {
	amount: Decibels;
	sampleRate: SampleRate;
}): Decibels {
	const coefficients = tiltSteps(1).map((step) =>
		designBiquad(
			{
				type: step.type as 'lowshelf' | 'highshelf',
				frequency: (step as { frequencyHz: Hertz }).frequencyHz,
				gainDb: (step as { gainDb: Decibels }).gainDb,
				q: (step as { q: number }).q
			},
			sampleRate
		)
	);
	const response = (frequency: Hertz) => magnitudeDb({ coefficients, frequency, sampleRate });
	return amount / (meanDb(response, TONAL_HIGH) - meanDb(response, TONAL_LOW));
}

/** Target fader of each stem per style, dB, stems at `STEM_LUFS` (set by ear and by the checks). */
const balance: Record<StyleId, Record<StemId, Decibels>> = {
	'pop-rock': { kick: -1, snare: -1, hats: -8, bass: -2, chords: -4, texture: -8, vocal: 1 },
	electronic: { kick: 0, snare: -3, hats: -8, bass: -1, chords: -5, texture: -6, vocal: 0 },
	'hip-hop': { kick: 0, snare: -1, hats: -8, bass: -1, chords: -5, texture: -9, vocal: 1 },
	ballad: { kick: -5, snare: -6, hats: -11, bass: -3, chords: -1, texture: -6, vocal: 1 }
};

/** Target pans: a little spread for the hats and the chordal part. */
const pans: Partial<Record<StemId, number>> = { hats: 0.25, chords: -0.2 };

/**
 * A good mix of clean stems: the style's balance (±1 dB in half-dB steps, drawn from `rng`), the
 * hats and chordal part a little off-centre, and the high-passes every mix has.
 */
export function balancedMix({ style, rng }: { style: StyleId; rng: Rng }): MixSettings {
	const settings = flatMix();
	for (const id of stemIds) {
		const strip = settings.stems[id];
		strip.gainDb = balance[style][id] + Math.round(rng.range(-1, 1) * 2) / 2;
		strip.pan = pans[id] ?? 0;
	}
	for (const [id, hz] of Object.entries(HIGHPASSES)) settings.stems[id as StemId].highpassHz = hz;
	return settings;
}

/** Kinds that cannot share a project (they move the same measure, so one would hide the other). */
const exclusive: ProblemKind[][] = [
	['lead-buried', 'lead-too-hot'],
	['low-end-too-loud', 'kick-bass-masking'],
	// A harsh chordal part masks the lead in its band, which would hide a lead that is too hot.
	['lead-too-hot', 'harsh'],
	// A dark tilt pulls the harsh band down with everything above the pivot.
	['tonal-tilt', 'harsh']
];

/**
 * The order problems are planted in: the recorded ones first, so each later one is sized on the
 * audio as it finally is (a tilt after the rumble would change the rumble's level), then the
 * settings.
 */
const plantOrder: ProblemKind[] = [
	'tonal-tilt',
	'harsh',
	'kick-bass-masking',
	'mono-collapse',
	'rumble',
	'low-end-too-loud',
	'lead-buried',
	'lead-too-hot',
	'squashed-bus'
];

/** The planted project: problems, stems with the recorded ones baked in, rough and target settings. */
export interface Planted {
	problems: Problem[];
	stems: Stem[];
	rough: MixSettings;
	target: MixSettings;
}

/**
 * The target mix with only `problem` left unfixed (its own fields taken from the rough mix): what
 * the spec uses to see each problem move its measure by its amount.
 */
export function isolate({
	problem,
	rough,
	target
}: {
	problem: Problem;
	rough: MixSettings;
	target: MixSettings;
}): MixSettings {
	const settings = structuredClone(target);
	const stem = problem.stem === 'bus' ? null : settings.stems[problem.stem];
	const from = problem.stem === 'bus' ? null : rough.stems[problem.stem];
	switch (problem.kind) {
		case 'low-end-too-loud':
		case 'lead-buried':
		case 'lead-too-hot':
			stem!.gainDb = from!.gainDb;
			break;
		case 'rumble':
			stem!.highpassHz = from!.highpassHz;
			break;
		case 'harsh':
		case 'kick-bass-masking':
			stem!.eq = structuredClone(from!.eq);
			break;
		case 'mono-collapse':
			stem!.width = from!.width;
			stem!.gainDb = from!.gainDb;
			break;
		case 'squashed-bus':
			settings.bus.squashDb = rough.bus.squashDb;
			break;
		case 'tonal-tilt':
			settings.bus.tiltDb = rough.bus.tiltDb;
			break;
	}
	return settings;
}

/** Picks `count` kinds for a project: distinct, no two exclusive ones, seed-determined. */
export function pickKinds({ rng, count }: { rng: Rng; count: number }): ProblemKind[] {
	const kinds: ProblemKind[] = [];
	while (kinds.length < count) {
		const kind = rng.pick(problemKinds);
		const clash = exclusive.some((set) => set.includes(kind) && set.some((k) => kinds.includes(k)));
		if (!kinds.includes(kind) && !clash) kinds.push(kind);
	}
	return kinds;
}

/**
 * Where kick and bass fight: the third-octave band (exact centre, 40–125 Hz) where both have the
 * most power together (the largest product of their band powers), so a boost there lands on real
 * content of both.
 */
export function fightCentre({
	kick,
	bass,
	sampleRate
}: {
	kick: Float32Array;
	bass: Float32Array;
	sampleRate: SampleRate;
}): Hertz {
	const kickSpectrum = balanceSpectrum({ channels: [kick], sampleRate });
	const bassSpectrum = balanceSpectrum({ channels: [bass], sampleRate });
	let best = 0;
	let bestPower = -1;
	for (let k = -14; k <= -9; k++) {
		const centre = 1000 * Math.pow(10, k / 10);
		const range = { lowHz: centre * Math.pow(10, -1 / 20), highHz: centre * Math.pow(10, 1 / 20) };
		const power =
			bandPower({ spectrum: kickSpectrum, ...range }) *
			bandPower({ spectrum: bassSpectrum, ...range });
		if (power > bestPower) {
			bestPower = power;
			best = centre;
		}
	}
	return best;
}

/**
 * Low rumble (building, handling, wind): white noise through a 4th-order low-pass at 28 Hz and a
 * 2nd-order high-pass at 10 Hz, scaled to `levelDb` relative to the stem's own mean square.
 */
function addRumble({
	channels,
	sampleRate,
	levelDb,
	rng,
	eq
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	levelDb: Decibels;
	rng: Rng;
	eq: readonly ChainStep[];
}): void {
	const noise = new Float32Array(channels[0].length);
	for (let i = 0; i < noise.length; i++) noise[i] = rng.normal(0, 1);
	const [filtered] = applyChain({
		channels: [noise],
		sampleRate,
		chain: [
			{ type: 'lowpass', frequencyHz: 28, q: 0.5412 },
			{ type: 'lowpass', frequencyHz: 28, q: 1.3066 },
			{ type: 'highpass', frequencyHz: 10, q: Math.SQRT1_2 }
		]
	}).channels;
	// Its power below 40 Hz is `levelDb` against the stem's total once added, on the spectrum the
	// check reads: (g²·n₄₀ + s₄₀) / (s + g²·n) = A, with n, s the noise's and stem's total powers
	// and n₄₀, s₄₀ theirs below 40 Hz (the two add as powers: they are uncorrelated).
	const shape = (audio: Float32Array[]) =>
		eq.length > 0 ? applyChain({ channels: audio, sampleRate, chain: eq }).channels : audio;
	const noisePower = balanceSpectrum({ channels: shape([filtered]), sampleRate });
	const stemPower = balanceSpectrum({ channels: shape(channels), sampleRate });
	const below = (spectrum: PowerSpectrum) => bandPower({ spectrum, lowHz: 1, highHz: 40 });
	const all = (spectrum: PowerSpectrum) =>
		bandPower({ spectrum, lowHz: 1, highHz: sampleRate / 2 });
	const wanted = Math.pow(10, levelDb / 10);
	const g2 =
		(wanted * all(stemPower) - below(stemPower)) / (below(noisePower) - wanted * all(noisePower));
	const gain = Math.sqrt(Math.max(0, g2));
	for (const channel of channels)
		for (let i = 0; i < channel.length; i++) channel[i] += gain * filtered[i];
}

/** Total power of `channels` on the check's spectrum. */
function totalPower({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): number {
	return bandPower({
		spectrum: balanceSpectrum({ channels, sampleRate }),
		lowHz: 1,
		highHz: sampleRate / 2
	});
}

/** Runs `chain` over a stem's audio in place (the recording itself). */
function bake({
	stem,
	sampleRate,
	chain
}: {
	stem: Stem;
	sampleRate: SampleRate;
	chain: ChainStep[];
}) {
	const out = applyChain({
		channels: stem.channels,
		sampleRate,
		chain,
		into: stem.channels
	}).channels;
	stem.channels.forEach((channel, c) => {
		if (out[c] !== channel) channel.set(out[c]);
	});
}

/**
 * A project's plan before any audio, from its style, seed and level alone: the target and rough
 * settings, the kinds of problem to plant (in planting order), and the random stream as planting
 * goes on from it. Cheap: a lesson's preset can be checked for its problem without rendering.
 */
export function planProblems({
	style,
	seed,
	level
}: {
	style: StyleId;
	seed: number;
	level: Level;
}): { rng: Rng; target: MixSettings; rough: MixSettings; kinds: ProblemKind[] } {
	const rng = createRng(seed).fork(4242 + level);
	const target = balancedMix({ style, rng });
	const rough: MixSettings = structuredClone(target);
	// A handed-over rough mix is a little off everywhere, within what the checks accept.
	for (const id of stemIds) rough.stems[id].gainDb += Math.round(rng.range(-0.25, 0.25) * 4) / 4;
	const kinds = pickKinds({ rng, count: problemsPerLevel[level] }).sort(
		(a, b) => plantOrder.indexOf(a) - plantOrder.indexOf(b)
	);
	return { rng, target, rough, kinds };
}

/**
 * Plants `level`'s problems in copies of `stems` and returns them with the rough and target
 * settings. Deterministic in `seed`.
 */
export function plantProblems({
	stems: clean,
	style,
	seed,
	level,
	sampleRate,
	inPlace = false
}: {
	stems: readonly Stem[];
	style: StyleId;
	seed: number;
	level: Level;
	sampleRate: SampleRate;
	/** Plant into `stems` themselves (their owner has no further use for them clean): no copy. */
	inPlace?: boolean;
}): Planted {
	const { rng, target, rough, kinds } = planProblems({ style, seed, level });
	const stems: Stem[] = inPlace
		? [...clean]
		: clean.map((stem) => ({ ...stem, channels: stem.channels.map((c) => c.slice()) }));
	const byId = (id: StemId) => stems.find((stem) => stem.id === id)!;

	const problems: Problem[] = [];
	for (const kind of kinds) {
		const amount = amounts[kind][level];
		const id = `p${problems.length + 1}`;
		switch (kind) {
			case 'low-end-too-loud': {
				const stem = rng.chance(0.5) ? 'kick' : 'bass';
				rough.stems[stem].gainDb = target.stems[stem].gainDb + amount;
				problems.push({ id, kind, stem, amount, unit: 'dB' });
				break;
			}
			case 'lead-buried':
			case 'lead-too-hot':
				rough.stems.vocal.gainDb = target.stems.vocal.gainDb + amount;
				problems.push({ id, kind, stem: 'vocal', amount, unit: 'dB' });
				break;
			case 'squashed-bus':
				// The drive is found once the stems are final (below).
				problems.push({ id, kind, stem: 'bus', amount, unit: 'dB' });
				break;
			case 'rumble': {
				const stem: StemId = rng.chance(0.5) ? 'vocal' : 'chords';
				addRumble({
					channels: byId(stem).channels,
					sampleRate,
					levelDb: amount,
					rng: rng.fork(7),
					// Sized against the stem as the target's EQ and bus tilt leave it (a harsh cut lowers
					// its total; a tilt's low shelf moves the rumble).
					eq: [...target.stems[stem].eq, ...tiltSteps(target.bus.tiltDb)]
				});
				target.stems[stem].highpassHz = RUMBLE_HIGHPASS_HZ;
				rough.stems[stem].highpassHz = null;
				problems.push({ id, kind, stem, amount, unit: 'dB', frequencyHz: 28 });
				break;
			}
			case 'harsh': {
				const frequencyHz = rng.pick(HARSH_CENTRES);
				const band = { type: 'peaking' as const, frequencyHz, q: PROBLEM_BELL_Q };
				bake({ stem: byId('chords'), sampleRate, chain: [{ ...band, gainDb: amount }] });
				target.stems.chords.eq.push({ ...band, gainDb: -amount });
				problems.push({ id, kind, stem: 'chords', amount, unit: 'dB', frequencyHz });
				break;
			}
			case 'kick-bass-masking': {
				const frequencyHz = fightCentre({
					kick: byId('kick').channels[0],
					bass: byId('bass').channels[0],
					sampleRate
				});
				const band = { type: 'peaking' as const, frequencyHz, q: PROBLEM_BELL_Q };
				bake({ stem: byId('bass'), sampleRate, chain: [{ ...band, gainDb: amount }] });
				target.stems.bass.eq.push({ ...band, gainDb: -amount });
				problems.push({ id, kind, stem: 'bass', amount, unit: 'dB', frequencyHz });
				break;
			}
			case 'mono-collapse': {
				// Mid a·M and side b·S with the mono loss (mid power against the mean power of the two
				// channels, a²m / (a²m + b²s) for mid and side powers m and s: the cross terms cancel
				// between L² and R²) `amount` dB more than the recording's, at the same stereo power,
				// as an engineer widening it at the same loudness would. The target narrows it back
				// (width a/b) and makes up the mid (gain 1/a).
				const [left, right] = byId('texture').channels;
				const mid = new Float32Array(left.length);
				const side = new Float32Array(left.length);
				for (let i = 0; i < left.length; i++) {
					mid[i] = 0.5 * (left[i] + right[i]);
					side[i] = 0.5 * (left[i] - right[i]);
				}
				const m = totalPower({ channels: [mid], sampleRate });
				const s = totalPower({ channels: [side], sampleRate });
				const a2 = ((m + s) / m) * Math.pow(10, (10 * Math.log10(m / (m + s)) - amount) / 10);
				const b2 = (m + s - a2 * m) / s;
				const a = Math.sqrt(a2);
				const b = Math.sqrt(b2);
				for (let i = 0; i < left.length; i++) {
					left[i] = a * mid[i] + b * side[i];
					right[i] = a * mid[i] - b * side[i];
				}
				target.stems.texture.width = a / b;
				target.stems.texture.gainDb -= 20 * Math.log10(a);
				problems.push({ id, kind, stem: 'texture', amount, unit: 'dB' });
				break;
			}
			case 'tonal-tilt': {
				const signed = rng.chance(0.5) ? amount : -amount;
				const tilt = tiltForAmount({ amount: signed, sampleRate });
				for (const stem of stems) bake({ stem, sampleRate, chain: tiltSteps(tilt) });
				target.bus.tiltDb = -tilt;
				problems.push({ id, kind, stem: 'bus', amount: signed, unit: 'dB' });
				break;
			}
		}
	}
	// The target's plain sum sizes the headroom and the squash: the squash does not depend on the
	// level (its ceiling is the sum's own peak), so it is sized before the stems are scaled. Each strip
	// is summed and let go (no cache: nothing else mixes these stems here).
	const sum = new Mixer({ stems, sampleRate, cache: false }).mix({
		...target,
		bus: { ...target.bus, squashDb: 0 }
	}).channels;
	const peak = samplePeak({ channels: sum }).dbfs;
	const squash = problems.find((p) => p.kind === 'squashed-bus');
	if (squash) rough.bus.squashDb = driveForPlrLoss({ sum, sampleRate, loss: squash.amount });
	// One gain on every stem puts the target mix's sample peak at the headroom mark.
	if (peak !== null) {
		const gain = dbToGain(TARGET_MIX_PEAK_DBFS - peak);
		for (const stem of stems)
			for (const channel of stem.channels)
				for (let i = 0; i < channel.length; i++) channel[i] *= gain;
	}
	return { problems, stems, rough, target };
}

/**
 * Peak-to-loudness ratio of a mix on its sample peak (sample peak − integrated loudness), dB: the
 * bus squash is a sample clipper, and the check reads its loss the same way.
 */
function samplePlr({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): Decibels {
	const peak = samplePeak({ channels }).dbfs ?? 0;
	const lufs = measureLoudness({ channels, sampleRate }).integrated ?? 0;
	return peak - lufs;
}

/**
 * The bus squash's drive that takes `loss` dB off the peak-to-loudness ratio of the mix whose
 * plain sum (before the bus squash) is `sum`: a clipper's loudness gain falls short of its drive more
 * the harder it is driven, so the drive is searched (secant steps from drive = loss, within 0.1 dB
 * or six passes), each pass squashing a copy of the sum as the mixer's bus does.
 */
export function driveForPlrLoss({
	sum,
	sampleRate,
	loss
}: {
	sum: Float32Array[];
	sampleRate: SampleRate;
	loss: Decibels;
}): Decibels {
	const plain = samplePlr({ channels: sum, sampleRate });
	const copies = sum.map((c) => new Float32Array(c.length));
	const lossAt = (drive: Decibels) => {
		copies.forEach((copy, c) => copy.set(sum[c]));
		squashBus({ channels: copies, squashDb: drive });
		return plain - samplePlr({ channels: copies, sampleRate });
	};
	let [d0, l0] = [0, 0];
	let d1 = loss;
	let l1 = lossAt(d1);
	for (let pass = 0; pass < 6 && Math.abs(l1 - loss) > 0.1; pass++) {
		const slope = l1 !== l0 ? (l1 - l0) / (d1 - d0) : 1;
		const next = Math.min(24, Math.max(0.1, d1 + (loss - l1) / Math.max(0.2, slope)));
		[d0, l0] = [d1, l1];
		d1 = next;
		l1 = lossAt(d1);
	}
	return Math.round(d1 * 100) / 100;
}
