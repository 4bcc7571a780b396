/**
 * "Will it survive the master?": mixes the stems with the learner's settings, masters the mix (their
 * chain, or the quick master to −14 LUFS / −1 dBTP), and measures what mastering cannot fix. Balance
 * measures are taken on each stem as it sits in the mix (its strip's output, Welch power spectra)
 * and compared with the same measure on the project's target mix: the target is the style's good
 * balance for this song, and each window says how far from it still translates. Whole-mix measures
 * (tonal balance, dynamics, mono) are taken on the mix, the master's on the master.
 *
 * Each planted problem's amount is the change it makes to its own measure (checked on the audio by
 * the spec), and for each one the check also works out what fixing it *in the master* would take,
 * and what that does to the rest: master EQ is linear, so it is applied to every stem's spectrum.
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import { samplePeak, stereoCorrelation } from '../dsp/analysis/levels';
import { bandPower, type PowerSpectrum } from '../dsp/analysis/spectrum';
import { truePeakOvers } from '../dsp/analysis/true-peak';
import { balanceSpectrum } from './balance-spectrum';
import { designBiquad, magnitudeDb, type BiquadSpec } from '../dsp/process/biquad';
import { tiltSteps } from '../dsp/master/quick-master';
import type { ChainStep } from '../dsp/process/chain';
import { systems } from '../dsp/process/systems';
import { dbToGain, type Decibels, type Hertz, type SampleRate } from '../dsp/units';
import { DEFAULT_MASTER, masterMix, type Mastered } from './master';
import { audibleStems, faderGains, Mixer } from './mixer';
import { fightCentre, PROBLEM_BELL_Q, tiltForAmount, TONAL_HIGH, TONAL_LOW } from './problems';
import {
	stemIds,
	type MasterSettings,
	type MixSettings,
	type Problem,
	type ProblemKind,
	type Project,
	type StemId
} from './types';

/** Where kick and bass are weighed against the other instruments, Hz (above rumble). */
export const LOW_BAND: readonly [Hertz, Hertz] = [40, 150];
/** The parts that compete with the lead in its band. */
export const MASKERS: readonly StemId[] = ['snare', 'hats', 'chords', 'texture'];
/** The lead's band, where the parts that mask it compete, Hz. */
export const LEAD_BAND: readonly [Hertz, Hertz] = [300, 4000];
/** Below this is rumble on the stems that should be high-passed, Hz. */
export const RUMBLE_BELOW_HZ: Hertz = 40;
/** Third-octave centres of the harshness region (exact base-10, nominal 2 … 5 kHz). */
const HARSH_BANDS: readonly Hertz[] = [1995.262, 2511.886, 3162.278, 3981.072, 5011.872];
/** A stem's body, the reference its harshness is measured against, Hz. */
const BODY_BAND: readonly [Hertz, Hertz] = [200, 1000];
/** Stems with nothing musical below 40 Hz, which a mix high-passes. */
const HIGHPASSED: readonly StemId[] = ['hats', 'chords', 'texture', 'vocal'];

/** One result row. */
export interface CheckRow {
	id: CheckId;
	/** The planted problem this row is the check of, or null. */
	problem: string | null;
	pass: boolean;
	measured: number;
	/** The window: [min, max], either end null when open. */
	target: [number | null, number | null];
	unit: 'dB' | 'LU' | 'dBTP' | 'overs';
	/** Why it matters for the master, in plain words. */
	reason: string;
	/** What to do in the mix. */
	hint: string;
}

export const checkIds = [
	'low-end',
	'lead',
	'harsh',
	'kick-bass',
	'rumble',
	'stereo-part-in-mono',
	'mix-in-mono',
	'tonal-balance',
	'octave-63',
	'octave-125',
	'octave-250',
	'octave-500',
	'octave-1k',
	'octave-2k',
	'octave-4k',
	'octave-8k',
	'mix-dynamics',
	'bass-on-phone',
	'master-dynamics',
	'limiter-work',
	'true-peak'
] as const;
export type CheckId = (typeof checkIds)[number];

/** Which check row measures each kind of problem. */
export const checkOfKind: Record<ProblemKind, CheckId> = {
	'low-end-too-loud': 'low-end',
	rumble: 'rumble',
	'lead-buried': 'lead',
	'lead-too-hot': 'lead',
	harsh: 'harsh',
	'kick-bass-masking': 'kick-bass',
	'mono-collapse': 'stereo-part-in-mono',
	'squashed-bus': 'mix-dynamics',
	'tonal-tilt': 'tonal-balance'
};

/** What fixing a planted problem in the master instead would take, and what it does, measured. */
export interface MasterFix {
	problem: string;
	/** The master move, e.g. "Boost 2.5 kHz by 8 dB on the whole mix". */
	action: string;
	chain: ChainStep[];
	/** The problem's measure before and after that move. */
	before: number;
	after: number;
	/** What the move does to the rest, in words, with the measured number. */
	sideEffect: string;
}

export interface CheckResult {
	checks: CheckRow[];
	master: { I: number | null; TP: number | null; PLR: number | null; gainReductionDb: Decibels };
	passed: number;
	total: number;
	masterFixes: MasterFix[];
}

/** Balance measures of one mix (all in dB). */
export interface Measures {
	/** Kick and bass each against the other instruments in `LOW_BAND` (the vocal aside). */
	lowEnd: Record<'kick' | 'bass', number>;
	/** The vocal against the parts that mask it (`MASKERS`) in `LEAD_BAND`. */
	lead: number;
	/** Per stem and harsh band: band level against the stem's body. */
	harsh: Record<StemId, number[]>;
	/** Bass against kick in the kick's third-octave band. */
	kickBass: number;
	/** Per stem: power below 40 Hz against the stem's total. */
	rumble: Record<StemId, number>;
	/** The texture's mono fold loss (mid against the mean of the two channels). */
	textureMono: number;
	/** Mix: loudness of the mono fold minus the stereo loudness, LU; and the correlation. */
	mixMono: number;
	correlation: number;
	/** Per stem, highs against lows (`TONAL_HIGH`, `TONAL_LOW`) through the bus EQ (null: silent there). */
	tilts: Record<StemId, number | null>;
	/** Per octave (63 Hz … 8 kHz), the mix's level against its total. */
	octaves: number[];
	/** Per octave, each stem's level there as it sits in the mix (dB, `stemIds` order). */
	octaveStems: number[][];
	/** Mix peak-to-loudness ratio (sample peak − integrated), dB, when the bus squashes (else 0). */
	plr: number;
	/** What the bus squash took off the (sample-peak) peak-to-loudness ratio (0 without it), dB. */
	busPlrLoss: number;
	/** The bass line's level on the phone against the whole mix on the phone. */
	bassOnPhone: number;
}

const db = (power: number) => 10 * Math.log10(Math.max(power, 1e-30));
/** Octave centres of the tonal balance rows, Hz (nominal; bands are centre/√2 … centre·√2). */
export const OCTAVES: readonly Hertz[] = [63, 125, 250, 500, 1000, 2000, 4000, 8000];
const octaveBand = (centre: Hertz): [Hertz, Hertz] => [centre / Math.SQRT2, centre * Math.SQRT2];
/** How far an octave may sit from the target's balance, dB: wider at the ends, where mixes vary most. */
const octaveWindow = (i: number): [number, number] =>
	i === 0 || i === OCTAVES.length - 1 ? [-4, 4] : [-3, 3];
/** Streaming services' true-peak ceiling: the master's points above it are counted as overs, dBTP. */
export const OVERS_ABOVE_DBTP = -1;
/**
 * Overs are counted 0.05 dB above the ceiling: a limiter set to −1 dBTP lands a few points within
 * a few thousandths of a dB over it (float rounding), which a meter shows as −1.0 and no codec hears.
 */
const OVERS_MARGIN_DB = 0.05;

/** Spectra of strips already measured: the mixer returns the same arrays while a strip is unchanged. */
const stripSpectra = new WeakMap<
	Float32Array[],
	{ spectrum: PowerSpectrum; mid?: PowerSpectrum }
>();

/** A strip's spectrum (and its mid's, when stereo), measured once per strip output. */
function stripSpectrum({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): { spectrum: PowerSpectrum; mid?: PowerSpectrum } {
	let cached = stripSpectra.get(channels);
	if (!cached) {
		let mid: PowerSpectrum | undefined;
		if (channels.length === 2) {
			const m = new Float32Array(channels[0].length);
			for (let i = 0; i < m.length; i++) m[i] = 0.5 * (channels[0][i] + channels[1][i]);
			mid = balanceSpectrum({ channels: [m], sampleRate });
		}
		cached = { spectrum: balanceSpectrum({ channels, sampleRate }), mid };
		stripSpectra.set(channels, cached);
	}
	return cached;
}

/** Spectra of every stem as it sits in `settings` (silent stems: zero), and the mix's. */
function spectra({
	mixer,
	settings,
	mix
}: {
	mixer: Mixer;
	settings: MixSettings;
	mix: Float32Array[];
}): { stems: Record<StemId, PowerSpectrum & { mid?: PowerSpectrum }>; mix: PowerSpectrum } {
	const audible = new Set(audibleStems(settings));
	const sampleRate = mixer.sampleRate;
	const stems = {} as Record<StemId, PowerSpectrum & { mid?: PowerSpectrum }>;
	for (const id of stemIds) {
		const strip = settings.stems[id];
		const channels = mixer.strip({ id, settings: strip, tiltDb: settings.bus.tiltDb });
		const stereo = channels.length === 2;
		const { spectrum, mid } = stripSpectrum({ channels, sampleRate });
		// The fader's and pan's power, averaged over the two sides.
		const [gl, gr] = faderGains(strip, stereo);
		const scale = audible.has(id) ? (gl * gl + gr * gr) / 2 : 0;
		const power = spectrum.power.map((p) => p * scale);
		// The mid scaled alike, so the mono loss (mid against the channels) does not see the fader.
		stems[id] = {
			power,
			binHz: spectrum.binHz,
			mid: mid && { power: mid.power.map((p) => p * scale), binHz: mid.binHz }
		};
	}
	return {
		stems,
		mix: balanceSpectrum({ channels: mix, sampleRate })
	};
}

/** Band power of a spectrum after an optional power weighting per bin. */
function band(spectrum: PowerSpectrum, [lowHz, highHz]: readonly [Hertz, Hertz]): number {
	return bandPower({ spectrum, lowHz, highHz });
}

const third = (centre: Hertz): [Hertz, Hertz] => [
	centre * 10 ** (-1 / 20),
	centre * 10 ** (1 / 20)
];

/** Measures a mix from its stems' spectra (and the mix's own audio for the whole-mix measures). */
export function measureMix({
	mixer,
	settings,
	mix,
	kickHz
}: {
	mixer: Mixer;
	settings: MixSettings;
	mix: Float32Array[];
	kickHz: Hertz;
}): Measures & { spectra: ReturnType<typeof spectra> } {
	const sampleRate = mixer.sampleRate;
	const s = spectra({ mixer, settings, mix });
	const full: [Hertz, Hertz] = [20, sampleRate / 2];
	const total = (id: StemId, range: readonly [Hertz, Hertz]) => band(s.stems[id], range);
	const sumOf = (ids: readonly StemId[], range: readonly [Hertz, Hertz]) =>
		ids.reduce((sum, id) => sum + total(id, range), 0);
	const instruments = (id: StemId) => stemIds.filter((other) => other !== id && other !== 'vocal');
	const lowEnd = {
		kick: db(total('kick', LOW_BAND)) - db(sumOf(instruments('kick'), LOW_BAND)),
		bass: db(total('bass', LOW_BAND)) - db(sumOf(instruments('bass'), LOW_BAND))
	};
	const harsh = Object.fromEntries(
		stemIds.map((id) => [
			id,
			HARSH_BANDS.map((centre) => db(total(id, third(centre))) - db(total(id, BODY_BAND)))
		])
	) as Record<StemId, number[]>;
	// A silent stem has no rumble: −100 dB.
	const rumble = Object.fromEntries(
		stemIds.map((id) => [
			id,
			total(id, [1, sampleRate / 2]) > 0
				? db(total(id, [1, RUMBLE_BELOW_HZ])) - db(total(id, [1, sampleRate / 2]))
				: -100
		])
	) as Record<StemId, number>;
	const texture = s.stems.texture;
	const everything: [Hertz, Hertz] = [1, sampleRate / 2];
	const textureMono = texture.mid
		? db(band(texture.mid, everything)) - db(band(texture, everything))
		: 0;

	const [left, right] = mix;
	const fold = new Float32Array(left.length);
	for (let i = 0; i < fold.length; i++) fold[i] = 0.5 * (left[i] + right[i]);
	const stereoLoudness = measureLoudness({ channels: mix, sampleRate }).integrated;
	// BS.1770 sums channel powers: a mono fold played on both speakers is the fold counted twice.
	const monoLoudness = measureLoudness({ channels: [fold, fold], sampleRate }).integrated;
	const mixMono =
		stereoLoudness !== null && monoLoudness !== null ? monoLoudness - stereoLoudness : 0;
	const correlation = stereoCorrelation({ left, right }) ?? 1;
	// Tonal balance: each stem's highs against its lows, bus tilt included (the strips carry it). The
	// check takes the median of the stems' changes: faders do not move it, and neither does one
	// stem's EQ; a colour every part shares does.
	const tilts = Object.fromEntries(
		stemIds.map((id) => {
			const high = band(s.stems[id], TONAL_HIGH);
			const low = band(s.stems[id], TONAL_LOW);
			return [id, high > 0 && low > 0 ? db(high) - db(low) : null];
		})
	) as Record<StemId, number | null>;
	const mixTotal = band(s.mix, full);
	const octaves = OCTAVES.map((centre) => db(band(s.mix, octaveBand(centre)) / mixTotal));
	const octaveStems = OCTAVES.map((centre) =>
		stemIds.map((id) => db(band(s.stems[id], octaveBand(centre))))
	);
	// The bus squash's own work: the sum before it against the mix after it, on sample peaks (the
	// squash is a sample clipper); measured only when the squash is on (otherwise they are the same).
	let plr = 0;
	let busPlrLoss = 0;
	if (settings.bus.squashDb > 0) {
		const peak = samplePeak({ channels: mix }).dbfs;
		if (peak !== null && stereoLoudness !== null) plr = peak - stereoLoudness;
		const sum = mixer.mix({
			...settings,
			bus: { tiltDb: settings.bus.tiltDb, squashDb: 0 }
		}).channels;
		const sumLufs = measureLoudness({ channels: sum, sampleRate }).integrated;
		const sumPeak = samplePeak({ channels: sum }).dbfs;
		if (sumLufs !== null && sumPeak !== null) busPlrLoss = plr - (sumPeak - sumLufs);
	}

	// The phone's filters (its limiter aside) weigh the bass and the mix alike: power through |H|².
	const phone = weighting({ specs: phoneFilters, spectrum: s.mix, sampleRate });
	const through = (spectrum: PowerSpectrum) =>
		spectrum.power.reduce((sum, p, k) => sum + p * phone[k], 0);
	const sum = {
		power: s.stems.kick.power.map((_, k) => stemIds.reduce((a, id) => a + s.stems[id].power[k], 0)),
		binHz: s.mix.binHz
	};
	// Against the stems' sum (before the bus), so a bus limiter does not read as a quieter bass.
	const bassOnPhone = db(through(s.stems.bass)) - db(through(sum));

	return {
		lowEnd,
		lead: db(total('vocal', LEAD_BAND)) - db(sumOf(MASKERS, LEAD_BAND)),
		harsh,
		kickBass: db(total('bass', third(kickHz))) - db(total('kick', third(kickHz))),
		rumble,
		textureMono,
		mixMono,
		correlation,
		tilts,
		octaves,
		octaveStems,
		plr,
		busPlrLoss,
		bassOnPhone,
		spectra: s
	};
}

/** The phone simulation's filters (`dsp/process/systems`), its limiter left out. */
const phoneFilters: BiquadSpec[] = systems.phone.stages.flatMap((stage) =>
	stage.kind === 'filter' ? [stage.filter] : []
);

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const inWindow = (value: number, [min, max]: [number | null, number | null]) =>
	(min === null || value >= min) && (max === null || value <= max);

/** A project's measures of its target mix and target master, computed once and reused by checks. */
export interface TargetReference {
	measures: Measures;
	/** The target's master: its readings and the limiter's work (the audio is not kept). */
	master: Pick<Mastered, 'after' | 'gainReductionDb'>;
	kickHz: Hertz;
}

/** The band where kick and bass fight: the planted one, or where both have most power. */
export function fightBand(project: Pick<Project, 'problems' | 'stems' | 'sampleRate'>): Hertz {
	const planted = project.problems.find((p) => p.kind === 'kick-bass-masking')?.frequencyHz;
	if (planted !== undefined) return planted;
	const stem = (id: StemId) => project.stems.find((s) => s.id === id)!.channels[0];
	return fightCentre({ kick: stem('kick'), bass: stem('bass'), sampleRate: project.sampleRate });
}

/** Measures the target mix and its quick master: what every check compares with. */
export function targetReference({
	project,
	mixer,
	scratch
}: {
	project: Project;
	mixer: Mixer;
	/** Two buffers of the stems' length to make the mix in (see `Mixer.mix`), or fresh ones. */
	scratch?: Float32Array[];
}): TargetReference {
	const kickHz = fightBand(project);
	const mix = mixer.mix(project.target, scratch).channels;
	const { spectra, ...measures } = measureMix({ mixer, settings: project.target, mix, kickHz });
	void spectra; // the target's spectra are not kept: the reference stays small
	const { after, gainReductionDb } = masterMix({
		channels: mix,
		sampleRate: project.sampleRate,
		settings: DEFAULT_MASTER
	});
	return { measures, master: { after, gainReductionDb }, kickHz };
}

/** The rows of the mix-level checks (no master), from the mix's measures and the target's. */
export function mixRows({
	project,
	measures: m,
	reference
}: {
	project: Project;
	measures: Measures;
	reference: Pick<TargetReference, 'measures' | 'kickHz'>;
}): Omit<CheckRow, 'pass'>[] {
	const t = reference.measures;
	const problemFor = (check: CheckId) =>
		project.problems.find((p) => checkOfKind[p.kind] === check)?.id ?? null;

	const lowEnd = Math.max(m.lowEnd.kick - t.lowEnd.kick, m.lowEnd.bass - t.lowEnd.bass);
	const louder = m.lowEnd.kick - t.lowEnd.kick >= m.lowEnd.bass - t.lowEnd.bass;
	const tiltChanges = stemIds
		.flatMap((id) => {
			const now = m.tilts[id];
			const then = t.tilts[id];
			return now !== null && then !== null ? [now - then] : [];
		})
		.sort((a, b) => a - b);
	const tonal = tiltChanges.length > 0 ? tiltChanges[Math.floor(tiltChanges.length / 2)] : 0;
	// A build-up is one part's: each stem's change in a band, less the median change of every stem
	// there (a colour all parts share, such as a tilt, is the tonal balance's row, not a build-up).
	const harshBy = HARSH_BANDS.flatMap((_, b) => {
		const devs = stemIds.map((id) => m.harsh[id][b] - t.harsh[id][b]);
		const shared = median(devs);
		return stemIds.map((id, k) => ({ id, b, dev: devs[k] - shared }));
	});
	const worstHarsh = harshBy.reduce((a, b) => (b.dev > a.dev ? b : a));
	const rumbleBy = HIGHPASSED.map((id) => ({ id, value: m.rumble[id] }));
	const worstRumble = rumbleBy.reduce((a, b) => (b.value > a.value ? b : a));
	const octaveDevs = octaveDeviations(m.octaves, t.octaves);
	const worstOctave = octaveDevs.reduce(
		(best, v, i) => (Math.abs(v) > Math.abs(octaveDevs[best]) ? i : best),
		0
	);
	const names = Object.fromEntries(project.stems.map((stem) => [stem.id, stem.name.toLowerCase()]));

	return [
		{
			id: 'low-end',
			problem: problemFor('low-end'),
			measured: round(lowEnd),
			target: [-4, 2],
			unit: 'dB',
			reason:
				'Kick and bass carry most of a mix’s energy: too much of them and the limiter spends its work on the low end, pumping and flattening everything else.',
			hint:
				lowEnd >= 0
					? `Bring the ${louder ? 'kick' : 'bass'} down: it sits ${signed(lowEnd)} dB against the target balance.`
					: `Kick and bass sit ${signed(lowEnd)} dB against the target balance: bring them up, or the rest down.`
		},
		{
			id: 'lead',
			problem: problemFor('lead'),
			measured: round(m.lead - t.lead),
			target: [-1.5, 2.5],
			unit: 'dB',
			reason:
				'The lead competes with the parts that share its band (300 Hz–4 kHz). Mastering EQ lifts or cuts them all together, so only the mix can set the lead against them.',
			hint:
				m.lead < t.lead
					? `Raise the lead vocal (${signed(m.lead - t.lead)} dB against the target balance), or cut the parts under it in its band.`
					: `Lower the lead vocal (${signed(m.lead - t.lead)} dB against the target balance).`
		},
		{
			id: 'harsh',
			problem: problemFor('harsh'),
			measured: round(worstHarsh.dev),
			target: [null, 2],
			unit: 'dB',
			reason:
				'A build-up at 2–5 kHz, where the ear is most sensitive, turns harsh once the limiter raises the level; a master EQ cut there also dulls the vocal and the cymbals.',
			hint: `Cut the ${names[worstHarsh.id]} around ${(HARSH_BANDS[worstHarsh.b] / 1000).toFixed(1)} kHz (${signed(worstHarsh.dev)} dB against its body).`
		},
		{
			id: 'kick-bass',
			problem: problemFor('kick-bass'),
			measured: round(m.kickBass - t.kickBass),
			target: [null, 2],
			unit: 'dB',
			reason:
				'Kick and bass fighting in the same band blur together; the master can only lift or cut both.',
			hint: `Carve the bass around ${Math.round(reference.kickHz)} Hz, where the kick lives (${signed(m.kickBass - t.kickBass)} dB).`
		},
		{
			id: 'rumble',
			problem: problemFor('rumble'),
			measured: round(worstRumble.value),
			target: [null, -30],
			unit: 'dB',
			reason:
				'Rumble below 40 Hz is felt more than heard, but it eats headroom: the limiter reacts to it and pumps.',
			hint: `High-pass the ${names[worstRumble.id]} (its energy below 40 Hz is ${worstRumble.value.toFixed(1)} dB against its total).`
		},
		{
			id: 'stereo-part-in-mono',
			problem: problemFor('stereo-part-in-mono'),
			measured: round(m.textureMono - t.textureMono),
			target: [-2, null],
			unit: 'dB',
			reason:
				'Phones, club systems and many speakers play mono: a part widened with out-of-polarity content loses itself when folded.',
			hint: `Narrow the ${names.texture}: it loses ${Math.abs(m.textureMono).toFixed(1)} dB in mono.`
		},
		{
			id: 'mix-in-mono',
			problem: null,
			measured: round(m.mixMono),
			target: [-1.5, null],
			unit: 'LU',
			reason: `Folded to mono the mix changes by ${m.mixMono.toFixed(1)} LU (correlation ${m.correlation.toFixed(2)}).`,
			hint: 'Check the widest parts in mono and narrow them until the fold keeps them.'
		},
		{
			id: 'tonal-balance',
			problem: problemFor('tonal-balance'),
			measured: round(tonal),
			target: [-2, 2],
			unit: 'dB',
			reason:
				'The balance of highs (2.5–10 kHz) against lows (60–250 Hz) that every part shares decides how bright or dull the master sounds everywhere.',
			hint: `The ${octaveName(worstOctave)} octave is ${signed(octaveDevs[worstOctave])} dB against the target: tilt the mix bus the other way.`
		},
		...OCTAVES.map((_, i): Omit<CheckRow, 'pass'> => {
			const dev = octaveDevs[i];
			const part = names[mover(m.octaveStems[i], t.octaveStems[i], dev)];
			return {
				id: checkIds[checkIds.indexOf('octave-63') + i],
				problem: null,
				measured: round(dev),
				target: octaveWindow(i),
				unit: 'dB',
				reason: `The ${octaveName(i)} octave against the rest of the mix, compared with the target balance (the whole mix’s level does not count). A master EQ can move an octave, but it moves every part in it.`,
				hint:
					dev >= 0
						? `The ${octaveName(i)} octave is ${signed(dev)} dB: the ${part} adds most of it. Turn it down or cut it there.`
						: `The ${octaveName(i)} octave is ${signed(dev)} dB: the ${part} lost most there. Bring it back up or undo its cut.`
			};
		}),
		{
			id: 'mix-dynamics',
			problem: problemFor('mix-dynamics'),
			measured: round(m.busPlrLoss),
			target: [-2, null],
			unit: 'dB',
			reason:
				'A mix already squashed leaves the master nothing to shape: the limiter then only adds distortion, and no master brings the punch back.',
			hint:
				m.busPlrLoss < 0
					? `Take the limiter off the mix bus: it took ${Math.abs(m.busPlrLoss).toFixed(1)} dB off the mix’s peak-to-loudness ratio (now ${m.plr.toFixed(1)} dB).`
					: 'Keep the mix bus free of limiting: leave the loudness to the master.'
		},
		{
			id: 'bass-on-phone',
			problem: null,
			measured: round(m.bassOnPhone - t.bassOnPhone),
			target: [-4, null],
			unit: 'dB',
			reason:
				'A phone plays nothing below about 350 Hz: the bass line survives only through its harmonics.',
			hint: 'Bring the bass up, or give it more upper harmonics (a brighter tone) so it reads on small speakers.'
		}
	];
}

/** Runs every check on the mix `settings` make, mastered with `master` (default: the quick master). */
export function checkMix({
	project,
	settings,
	master = DEFAULT_MASTER,
	mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate }),
	scratch,
	reference = targetReference({ project, mixer, scratch })
}: {
	project: Project;
	settings: MixSettings;
	master?: MasterSettings;
	mixer?: Mixer;
	/** Two buffers of the stems' length to make the mix in (see `Mixer.mix`), or fresh ones. */
	scratch?: Float32Array[];
	reference?: TargetReference;
}): CheckResult {
	const { sampleRate } = project;
	const mix = mixer.mix(settings, scratch).channels;
	const m = measureMix({ mixer, settings, mix, kickHz: reference.kickHz });
	const mastered = masterMix({ channels: mix, sampleRate, settings: master });
	// The master's true peak is already read (to 0.001 dB): no point can be over when it is not.
	const oversAt = OVERS_ABOVE_DBTP + OVERS_MARGIN_DB;
	const overs =
		(mastered.after.truePeak ?? -Infinity) > oversAt - 0.001
			? truePeakOvers({ channels: mastered.channels, sampleRate, threshold: dbToGain(oversAt) })
			: 0;
	const rows: Omit<CheckRow, 'pass'>[] = [
		...mixRows({ project, measures: m, reference }),
		{
			id: 'master-dynamics',
			problem: null,
			measured: round((mastered.after.plr ?? 0) - (reference.master.after.plr ?? 0)),
			target: [-2, null],
			unit: 'dB',
			reason: `The master’s peak-to-loudness ratio is ${mastered.after.plr?.toFixed(1)} dB against the target master’s ${reference.master.after.plr?.toFixed(1)}.`,
			hint: 'Less low end and no bus limiting leave the master more punch at the same loudness.'
		},
		{
			id: 'limiter-work',
			problem: null,
			measured: round(mastered.gainReductionDb - reference.master.gainReductionDb),
			target: [null, 3],
			unit: 'dB',
			reason: `The limiter took up to ${mastered.gainReductionDb.toFixed(1)} dB to reach ${master.targetLufs} LUFS (the target mix needed ${reference.master.gainReductionDb.toFixed(1)}).`,
			hint: 'Whatever sticks out of the mix (usually the low end or one loud part) makes the limiter work: balance it in the mix.'
		},
		{
			id: 'true-peak',
			problem: null,
			measured: overs,
			target: [null, 0],
			unit: 'overs',
			reason: `Peaks over −${Math.abs(OVERS_ABOVE_DBTP)} dBTP (between samples too, 4× oversampled) clip once a lossy codec or the listener’s converter gets them. The master peaks at ${mastered.after.truePeak?.toFixed(1) ?? '−∞'} dBTP; ${overs} ${overs === 1 ? 'point is' : 'points are'} over.`,
			hint:
				overs > 0
					? `Set the limiter’s ceiling to −${Math.abs(OVERS_ABOVE_DBTP)} dBTP or lower, or lower its loudness target.`
					: 'Nothing to do: keep the ceiling where it is.'
		}
	];
	const checks = rows.map((row) => ({ ...row, pass: inWindow(row.measured, row.target) }));
	const passed = checks.filter((c) => c.pass).length;
	return {
		checks,
		master: {
			I: mastered.after.lufs,
			TP: mastered.after.truePeak,
			PLR: mastered.after.plr,
			gainReductionDb: round(mastered.gainReductionDb)
		},
		passed,
		total: checks.length,
		masterFixes: project.problems.map((problem) =>
			masterFixFor({ problem, rows, measures: m, sampleRate })
		)
	};
}

/** The linear filters of a chain as biquad specs (other steps left out). */
function filterSpecs(chain: readonly ChainStep[]): BiquadSpec[] {
	return chain.flatMap((step): BiquadSpec[] =>
		step.type === 'peaking' ||
		step.type === 'lowshelf' ||
		step.type === 'highshelf' ||
		step.type === 'highpass' ||
		step.type === 'lowpass'
			? [
					{
						type: step.type,
						frequency: step.frequencyHz,
						q: step.q,
						gainDb: 'gainDb' in step ? step.gainDb : 0
					}
				]
			: []
	);
}

/** Power weighting of each bin under a cascade of biquads (|H|², from the closed-form response). */
function weighting({
	specs,
	spectrum,
	sampleRate
}: {
	specs: readonly BiquadSpec[];
	spectrum: PowerSpectrum;
	sampleRate: SampleRate;
}): Float64Array {
	const coefficients = specs.map((spec) => designBiquad(spec, sampleRate));
	return Float64Array.from(spectrum.power, (_, k) =>
		coefficients.length === 0
			? 1
			: 10 **
				(magnitudeDb({ coefficients, frequency: Math.max(1, k * spectrum.binHz), sampleRate }) / 10)
	);
}

type Spectra = Record<StemId, PowerSpectrum>;

/**
 * What the master move for `problem` does to its check's measure and to the rest. The move is
 * linear, so it is applied to each stem's spectrum; `before` is the check's own reading and `after`
 * adds the change the move makes.
 */
function masterFixFor({
	problem,
	rows,
	measures,
	sampleRate
}: {
	problem: Problem;
	rows: Omit<CheckRow, 'pass'>[];
	measures: ReturnType<typeof measureMix>;
	sampleRate: SampleRate;
}): MasterFix {
	const now = measures.spectra.stems as Spectra;
	const apply = (chain: ChainStep[]): Spectra => {
		const w = weighting({ specs: filterSpecs(chain), spectrum: now.kick, sampleRate });
		return Object.fromEntries(
			stemIds.map((id) => [
				id,
				{ power: now[id].power.map((p, k) => p * w[k]), binHz: now[id].binHz }
			])
		) as Spectra;
	};
	const level = (s: Spectra, ids: readonly StemId[], range: readonly [Hertz, Hertz]) =>
		db(ids.reduce((sum, id) => sum + band(s[id], range), 0));
	const others = (id: StemId) => stemIds.filter((other) => other !== id);
	const full: [Hertz, Hertz] = [20, sampleRate / 2];
	const amount = Math.abs(problem.amount);
	const before = rows.find((row) => row.id === checkOfKind[problem.kind])!.measured;
	/** The fix: `chain`, the measure as a function of the spectra, and the side effect in words. */
	const fix = (
		action: string,
		chain: ChainStep[],
		measure: ((s: Spectra) => number) | null,
		sideEffect: (after: Spectra) => string
	): MasterFix => {
		const after = apply(chain);
		const change = measure ? measure(after) - measure(now) : 0;
		return {
			problem: problem.id,
			action,
			chain,
			before,
			after: round(before + change),
			sideEffect: sideEffect(after)
		};
	};
	const hz = (f: Hertz) => (f >= 1000 ? `${(f / 1000).toFixed(1)} kHz` : `${Math.round(f)} Hz`);
	switch (problem.kind) {
		case 'lead-buried':
		case 'lead-too-hot': {
			const gainDb = Math.round(-problem.amount);
			return fix(
				`${gainDb > 0 ? 'Boost' : 'Cut'} 1.5 kHz by ${Math.abs(gainDb)} dB on the whole mix`,
				[{ type: 'peaking', frequencyHz: 1500, gainDb, q: 0.5 }],
				(s) => level(s, ['vocal'], LEAD_BAND) - level(s, MASKERS, LEAD_BAND),
				(after) =>
					`Every other part in the lead’s band moves with it: ${signed(level(after, MASKERS, LEAD_BAND) - level(now, MASKERS, LEAD_BAND))} dB.`
			);
		}
		case 'low-end-too-loud': {
			const stem = problem.stem as StemId;
			const other: StemId = stem === 'kick' ? 'bass' : 'kick';
			return fix(
				`Cut the lows (a shelf at 100 Hz) by ${amount} dB on the whole mix`,
				[{ type: 'lowshelf', frequencyHz: 100, gainDb: -amount, q: Math.SQRT1_2 }],
				(s) =>
					level(s, [stem], LOW_BAND) -
					level(
						s,
						others(stem).filter((id) => id !== 'vocal'),
						LOW_BAND
					),
				(after) =>
					`The ${other} loses ${(level(now, [other], full) - level(after, [other], full)).toFixed(1)} dB with it.`
			);
		}
		case 'harsh':
		case 'kick-bass-masking': {
			const frequencyHz = problem.frequencyHz ?? 3000;
			const range = third(frequencyHz);
			const harsh = problem.kind === 'harsh';
			const victim: StemId = harsh ? 'vocal' : 'kick';
			return fix(
				`Cut ${hz(frequencyHz)} by ${amount} dB on the whole mix`,
				[{ type: 'peaking', frequencyHz, gainDb: -amount, q: PROBLEM_BELL_Q }],
				(s) =>
					harsh
						? db(band(s.chords, range)) - db(band(s.chords, BODY_BAND))
						: db(band(s.bass, range)) - db(band(s.kick, range)),
				(after) =>
					`The ${harsh ? 'lead vocal' : 'kick'} loses ${(level(now, [victim], range) - level(after, [victim], range)).toFixed(1)} dB in that band too, so the balance between them stays where it was.`
			);
		}
		case 'rumble': {
			const stem = problem.stem as StemId;
			return fix(
				'High-pass the whole mix at 40 Hz',
				[{ type: 'highpass', frequencyHz: 40, q: Math.SQRT1_2 }],
				(s) => db(band(s[stem], [1, RUMBLE_BELOW_HZ])) - db(band(s[stem], full)),
				(after) =>
					`It mostly works, but the kick and bass lose ${(level(now, ['kick', 'bass'], [20, 60]) - level(after, ['kick', 'bass'], [20, 60])).toFixed(1)} dB below 60 Hz with it.`
			);
		}
		case 'mono-collapse':
			return fix(
				'Narrow the whole master',
				[{ type: 'width', factor: 0.5 }],
				null,
				() =>
					'What mono cancels is gone from the mid, and narrowing the master cannot bring it back; every other part loses its width too.'
			);
		case 'squashed-bus':
			return fix(
				'Nothing in the master restores the peaks a bus limiter took off',
				[],
				null,
				() => 'An expander could only guess at the lost transients: the master keeps the squash.'
			);
		case 'tonal-tilt':
			return fix(
				`Tilt the master ${problem.amount > 0 ? 'darker' : 'brighter'} by ${amount} dB`,
				tiltSteps(-tiltForAmount({ amount: problem.amount, sampleRate })),
				(s) => level(s, stemIds, TONAL_HIGH) - level(s, stemIds, TONAL_LOW),
				() => 'None to speak of: every part had the same tilt, so this is one the master can fix.'
			);
	}
}

/**
 * Each octave's change from the target, less the median change: a louder or quieter mix moves every
 * octave alike and reads 0; one octave that moved reads as that octave alone.
 */
export function octaveDeviations(now: readonly number[], target: readonly number[]): number[] {
	const changes = now.map((v, i) => v - target[i]);
	const shared = median(changes);
	return changes.map((c) => c - shared);
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length / 2;
	return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "63 Hz", "1 kHz": an octave's name. */
function octaveName(i: number): string {
	const centre = OCTAVES[i];
	return centre >= 1000 ? `${centre / 1000} kHz` : `${centre} Hz`;
}

/**
 * The stem that moved an octave most in the direction `dev` points, among those that carry a real
 * part of it (within 20 dB of its loudest stem, now or in the target).
 */
function mover(now: readonly number[], target: readonly number[], dev: number): StemId {
	const loudest = Math.max(...now, ...target);
	let best = 0;
	let bestChange = -Infinity;
	stemIds.forEach((_, k) => {
		if (Math.max(now[k], target[k]) < loudest - 20) return;
		const change = (now[k] - target[k]) * Math.sign(dev || 1);
		if (change > bestChange) {
			bestChange = change;
			best = k;
		}
	});
	return stemIds[best];
}

function signed(v: number): string {
	return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;
}
