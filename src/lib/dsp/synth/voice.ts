/**
 * A sung lead voice for the vocal stem of mix projects, synthesised source–filter style after Klatt
 * (1980, "Software for a cascade/parallel formant synthesizer", JASA 67(3), 971–995). Pure
 * TypeScript: no DOM, no dependencies.
 *
 * - Source: a band-limited rising sawtooth at f0 (PolyBLEP: Välimäki & Huovilainen 2007,
 *   "Antialiasing oscillators in subtractive synthesis", IEEE Signal Processing Magazine 24(2))
 *   stands for the radiated glottal flow derivative: its harmonics fall 6 dB/octave, the
 *   −12 dB/octave of glottal flow plus the +6 dB/octave of lip radiation (Klatt 1980, Sec. I). A
 *   one-pole low-pass plays the part of Klatt's spectral tilt (darker when soft). Per-period jitter
 *   and shimmer, Klatt & Klatt's flutter and aspiration noise (50 % modulated over the glottal
 *   cycle, Klatt 1980) roughen it.
 * - Filter: a cascade of five Klatt resonators, F1–F5 of the syllable's vowel, gliding between
 *   syllables so a vowel change never clicks, plus a bypass for what lies above F5. Each syllable's
 *   level is its velocity over the vowel's computed RMS at that pitch, so a harmonic landing on a
 *   narrow F1 does not make one note 10 dB louder than the next.
 * - Consonants: /s/ and /ʃ/ are band-passed noise and /t/ a high-passed burst, added after the
 *   cascade (Klatt's parallel branch), just before the voiced onset; /t/'s aspiration goes through
 *   the cascade as in Klatt (1980).
 * - Pitch: vibrato that fades in on held notes, short glides between legato notes.
 *
 * Control values (pitch, formants, targets) are updated every 64 samples (1.5 ms at 44.1 kHz; Klatt
 * updated every 5 ms); the envelopes, the oscillator and the filters run per sample on locals, and
 * the samples land straight in the output, wrapped round the loop.
 */
import { dbToGain, type Decibels, type Hertz, type SampleRate, type Seconds } from '../units';
import { createRng, type Rng } from './rng';

/** A note the voice sings: one syllable. */
export interface VoiceNote {
	time: Seconds;
	duration: Seconds;
	/** MIDI note number (69 = A4 = 440 Hz). */
	note: number;
	/** MIDI velocity, 1–127 (clamped). */
	velocity: number;
}

/** The vowels the voice sings. */
export type VowelId = 'a' | 'e' | 'i' | 'o' | 'u';
/** The consonants a syllable may start with: /s/, /ʃ/ ("sh") and /t/. */
export type ConsonantId = 's' | 'sh' | 't';

/** One sung syllable, in clip time (a consonant of the first syllable may start before 0). */
export interface Syllable {
	/** Voiced onset: the note's time. */
	start: Seconds;
	vowel: VowelId;
	consonant: ConsonantId | null;
	/** Start of the consonant; equals `start` when there is none. */
	consonantStart: Seconds;
	/**
	 * End of the voiced part: the note's end, cut where the next syllable's consonant (or onset)
	 * begins. The release rings on for about 60 ms after it.
	 */
	end: Seconds;
}

/** Formant frequencies and bandwidths (F1–F5) of one vowel. */
export interface Vowel {
	/** IPA symbol of the vowel measured. */
	ipa: string;
	/** The /hVd/ word it was recorded in. */
	word: string;
	formantsHz: readonly [Hertz, Hertz, Hertz, Hertz, Hertz];
	bandwidthsHz: readonly [Hertz, Hertz, Hertz, Hertz, Hertz];
}

/**
 * Bandwidths B1–B5: the defaults of Klatt (1980), Table I (50, 70, 110, 250, 200 Hz). Klatt gives
 * them for his own voice; no study measured them for the women below, so they are conventions.
 */
const klattBandwidthsHz = [50, 70, 110, 250, 200] as const;
/**
 * F5: the top of Klatt's (1980, Table I) 3500–4900 Hz range, since a woman's shorter vocal tract
 * puts every formant higher, and it must clear F4 (up to 4352 Hz here).
 */
const f5Hz = 4900;

/**
 * The vowel table. F1–F4 are the averages for 48 adult women of Hillenbrand, Getty, Clark & Wheeler
 * (1995, "Acoustic characteristics of American English vowels", JASA 97(5), 3099–3111, Table V,
 * steady state). F5 and the bandwidths are Klatt conventions (see above). The five are spread as
 * far apart as that table allows: /ɑ/ "hod" for a, /ɛ/ "head" for e, /ɔ/ "hawed" for o.
 */
export const vowels: Readonly<Record<VowelId, Vowel>> = {
	a: {
		ipa: 'ɑ',
		word: 'hod',
		formantsHz: [936, 1551, 2815, 4299, f5Hz],
		bandwidthsHz: klattBandwidthsHz
	},
	e: {
		ipa: 'ɛ',
		word: 'head',
		formantsHz: [731, 2058, 2979, 4294, f5Hz],
		bandwidthsHz: klattBandwidthsHz
	},
	i: {
		ipa: 'i',
		word: 'heed',
		formantsHz: [437, 2761, 3372, 4352, f5Hz],
		bandwidthsHz: klattBandwidthsHz
	},
	o: {
		ipa: 'ɔ',
		word: 'hawed',
		formantsHz: [781, 1136, 2824, 3923, f5Hz],
		bandwidthsHz: klattBandwidthsHz
	},
	u: {
		ipa: 'u',
		word: "who'd",
		formantsHz: [459, 1105, 2735, 4115, f5Hz],
		bandwidthsHz: klattBandwidthsHz
	}
};

const vowelIds = Object.keys(vowels) as VowelId[];
const consonantIds: readonly ConsonantId[] = ['s', 'sh', 't'];

/**
 * A filter stage of a consonant's noise: an RBJ cookbook band-pass (0 dB peak), high- or low-pass.
 */
interface NoiseStage {
	type: 'bandpass' | 'highpass' | 'lowpass';
	hz: Hertz;
	q: number;
}

/** How a consonant is made. */
interface ConsonantSpec {
	/** Range of its length before the voiced onset. */
	seconds: readonly [Seconds, Seconds];
	/** Filters its noise passes. */
	stages: readonly NoiseStage[];
	/** Level of its noise (RMS for fricatives, peak for the burst) against the vowel's RMS. */
	levelDb: Decibels;
}

/**
 * The consonants. Fricative peaks: Jongman, Wayland & Wong (2000, "Acoustic characteristics of
 * English fricatives", JASA 108(3), 1252–1263) measured spectral peaks at 6839 Hz for /s/ and 3820
 * Hz for /ʃ/ over ten women and ten men, women's about 700 Hz higher, hence 7.2 and 4 kHz here for
 * a woman's voice; their fricatives sit 10 dB (/s/) and 9 dB (/ʃ/) below the vowel's RMS
 * ("normalized amplitude"). Their fricatives lasted about 180 ms in careful /CVC/ words; sung
 * consonants are shorter, so 80–120 ms. /t/: a short closure (silence), then an alveolar burst,
 * which is high-frequency ("diffuse-rising", Stevens & Blumstein 1978, JASA 64(5), 1358–1368), then
 * aspiration until the voice starts: English /t/'s voice onset time is about 70 ms (Lisker &
 * Abramson 1964, "A cross-language study of voicing in initial stops", Word 20, 384–422); 40–70 ms
 * here after a 20 ms closure. The Q values, the closure and the burst level are chosen.
 */
const consonants: Readonly<Record<ConsonantId, ConsonantSpec>> = {
	s: {
		seconds: [0.08, 0.12],
		stages: [
			{ type: 'bandpass', hz: 7200, q: 1.4 },
			{ type: 'highpass', hz: 4500, q: 0.7 }
		],
		levelDb: -10
	},
	sh: {
		seconds: [0.08, 0.12],
		stages: [
			{ type: 'bandpass', hz: 4000, q: 1.5 },
			{ type: 'lowpass', hz: 5000, q: 0.7 }
		],
		levelDb: -9
	},
	t: {
		seconds: [0.06, 0.09],
		stages: [{ type: 'highpass', hz: 3000, q: 0.7 }],
		levelDb: -4
	}
};

/** Share of syllables that start with a consonant. */
const consonantChance = 0.5;
/** A consonant shorter than this (when notes are too close for it) is left out. */
const minConsonantSeconds: Seconds = 0.04;
/** A consonant takes at most this share of the gap from the previous onset. */
const maxConsonantShare = 0.5;
/** /t/: its closure before the burst, the burst's length before the aspiration, its decay. */
const closureSeconds: Seconds = 0.02;
const burstSeconds: Seconds = 0.008;
const burstDecaySeconds: Seconds = 0.004;
/** /t/ aspiration level against full voicing at the cascade input (chosen). */
const stopAspirationGain = 0.35;

/**
 * Vibrato: rate drawn per note in 5.2–5.9 Hz and extent in ±40–±60 cents, starting 0.2 s into a
 * note and fading in over 0.25 s. Singers' vibrato runs at 5.5–8 Hz with an extent of 0.6–2
 * semitones peak to peak, ±30 to ±100 cents (Seashore 1938 and Sundberg 1987, "The Science of the
 * Singing Voice", as summarised by Timmers & Desain, "Vibrato: questions and answers from musicians
 * and science", ICMPC 6, 2000); Prame (1994, "Measurements of the vibrato rate of ten singers",
 * JASA 96(4), 1979–1984) measured rates of about 6 Hz. The rate sits at the slow end and the extent
 * at the narrow end, as suits a pop lead. The delay and fade are chosen.
 */
const vibratoHz: readonly [Hertz, Hertz] = [5.2, 5.9];
const vibratoCents: readonly [number, number] = [40, 60];
const vibratoDelaySeconds: Seconds = 0.2;
const vibratoFadeSeconds: Seconds = 0.25;
/**
 * The vibrato depth follows its target with this time constant, so it never jumps at a new note.
 */
const vibratoSmoothSeconds: Seconds = 0.04;
/** Legato notes (less than this apart, no consonant) glide over `glideSeconds`. */
const legatoGapSeconds: Seconds = 0.03;
const glideSeconds: Seconds = 0.045;
/**
 * Flutter after Klatt & Klatt (1990, "Analysis, synthesis, and perception of voice quality
 * variations among female and male talkers", JASA 87(2), 820–857): f0 deviates by
 * (FL/50)·(f0/100)·(sin 2π·12.7t + sin 2π·7.1t + sin 2π·4.7t) Hz; FL = 10 gives at most ±10 cents.
 */
const flutterLevel = 10;
/**
 * Jitter and shimmer: each glottal period's length and amplitude are drawn afresh with standard
 * deviations of 0.4 % and 2 % (near-Gaussian and uniform). Independent draws give a local jitter
 * (mean |ΔT|/T) of about 0.45 % and shimmer of about 2.3 %, under the thresholds of pathology in
 * Kay Elemetrics' MDVP, the program's default norms (Jitt 1.040 %, Shim 3.810 %).
 */
const jitterSd = 0.004;
const shimmerSd = 0.02;
/**
 * Level of the bypass (the second difference of the voiced source, scaled by the vowel's steady
 * RMS) added to the cascade's output. Chosen so a sung vowel keeps about 0.1–0.2 % of its energy
 * above 5 kHz (−27 to −30 dB, measured); without it the five resonators, falling 60 dB/octave above
 * F5, leave under 10⁻⁶ there: a muffled voice with no "air" for a mix to work on.
 */
const bypassGain = 0.6;
/** Aspiration noise against full voicing at the cascade input (chosen: audible breath, no hiss). */
const breathGain = 0.04;

/** Amplitude envelope: 10–90 % rise and 100–10 % fall times of a two-pole smoother. */
const attackSeconds: Seconds = 0.03;
const releaseSeconds: Seconds = 0.06;
/** Before a /t/ the tongue closes the tract: the voice stops within the closure (chosen). */
const stopReleaseSeconds: Seconds = 0.012;
/** Formants follow their targets with this time constant: a vowel change takes about 40 ms. */
const formantSmoothSeconds: Seconds = 0.012;
/** A vowel change without a consonant starts this long before the onset. */
const vowelLeadSeconds: Seconds = 0.02;
/** Spectral tilt corner: from soft (velocity 1) to loud (127). */
const tiltHz: readonly [Hertz, Hertz] = [2000, 6000];
/**
 * Ring-out rendered after the last voiced end: the release (a two-pole smoother with a time
 * constant of 15 ms) is below −180 dB after it, and the resonators and DC blocker have died away
 * long before.
 */
const tailSeconds: Seconds = 0.4;
/** Corner of the DC blocker on the output (J. O. Smith, "Introduction to Digital Filters"). */
const dcCornerHz: Hertz = 10;
/** Output peak. */
const peakDbfs: Decibels = -6;
/** Formants are held below this share of the sample rate (F5 = 4.9 kHz needs 11 kHz or more). */
const formantCeiling = 0.45;
/** Samples per control update. */
const block = 64;
/**
 * Highest harmonic counted when levelling a vowel (the energy above is under 0.3 % of the total).
 */
const levelCeilingHz: Hertz = 5000;

/** A syllable with what the renderer needs besides what callers see. */
interface PlannedSyllable extends Syllable {
	note: number;
	gain: number;
	velocity: number;
	/** MIDI note a legato glide starts from, or null. */
	glideFrom: number | null;
	vibratoHz: Hertz;
	vibratoCents: number;
}

/** Square law from MIDI velocity to amplitude (the DLS Level 1 default: 40·log10(v/127) dB). */
function velocityGain(velocity: number): number {
	const v = Math.min(127, Math.max(1, velocity)) / 127;
	return v * v;
}

/** Cubic smoothstep, 0 below 0 and 1 above 1. */
function smoothstep(x: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	return x * x * (3 - 2 * x);
}

/** Sorts the notes and draws each syllable's vowel, consonant and vibrato from `rng`. */
function plan({
	notes,
	seconds,
	rng
}: {
	notes: readonly VoiceNote[];
	seconds: Seconds;
	rng: Rng;
}): PlannedSyllable[] {
	const sorted = notes
		.filter((n) => Number.isFinite(n.time) && Number.isFinite(n.note) && n.duration > 0)
		.slice()
		.sort((a, b) => a.time - b.time);
	const count = sorted.length;
	const planned: PlannedSyllable[] = sorted.map((n, i) => {
		// The same draws for every note, whatever they decide, so one note's consonant does not
		// change the vowels of the notes after it.
		const vowel = rng.pick(vowelIds);
		const wantsConsonant = rng.chance(consonantChance);
		const kind = rng.pick(consonantIds);
		const lengthShare = rng.next();
		const rate = rng.range(vibratoHz[0], vibratoHz[1]);
		const extent = rng.range(vibratoCents[0], vibratoCents[1]);
		// The previous onset, wrapping to the last note of the loop before the first.
		const previousStart = i > 0 ? sorted[i - 1].time : sorted[count - 1].time - seconds;
		const [shortest, longest] = consonants[kind].seconds;
		const length = Math.min(
			shortest + lengthShare * (longest - shortest),
			maxConsonantShare * (n.time - previousStart)
		);
		const consonant = wantsConsonant && length >= minConsonantSeconds ? kind : null;
		return {
			start: n.time,
			vowel,
			consonant,
			consonantStart: consonant ? n.time - length : n.time,
			end: n.time + n.duration,
			note: n.note,
			velocity: n.velocity,
			gain: velocityGain(n.velocity),
			glideFrom: null,
			vibratoHz: rate,
			vibratoCents: extent
		};
	});
	planned.forEach((s, i) => {
		// Monophonic: the voice stops where the next syllable begins (its consonant, or its onset).
		const next = i + 1 < count ? planned[i + 1] : planned[0];
		const shift = i + 1 < count ? 0 : seconds;
		s.end = Math.max(s.start, Math.min(s.end, next.consonantStart + shift, next.start + shift));
		if (i > 0) {
			const previous = planned[i - 1];
			const legato = s.start - previous.end < legatoGapSeconds;
			if (legato && s.consonant === null && previous.note !== s.note) s.glideFrom = previous.note;
		}
	});
	return planned;
}

/** What a caller sees of a planned syllable. */
function publicSyllable({ start, vowel, consonant, consonantStart, end }: Syllable): Syllable {
	return { start, vowel, consonant, consonantStart, end };
}

/**
 * The syllables `renderVoice` would sing for these notes and seed (one per note with a positive
 * duration, in time order), without rendering.
 */
export function planSyllables({
	notes,
	seconds,
	seed
}: {
	notes: readonly VoiceNote[];
	seconds: Seconds;
	seed: number;
}): Syllable[] {
	return plan({ notes, seconds, rng: createRng(seed).fork(1) }).map(publicSyllable);
}

/** One-pole coefficient for a time constant of `seconds` at `rate` updates per second. */
function onePole({ seconds, rate }: { seconds: Seconds; rate: number }): number {
	return 1 - Math.exp(-1 / (seconds * rate));
}

/**
 * RBJ cookbook biquad coefficients b0, b1, b2, a1, a2 normalised by a0 (R. Bristow-Johnson,
 * "Cookbook formulae for audio EQ biquad filter coefficients"), written into `out` at `offset`.
 */
function biquad({
	stage,
	sampleRate,
	out,
	offset
}: {
	stage: NoiseStage;
	sampleRate: SampleRate;
	out: Float64Array;
	offset: number;
}): void {
	const w0 = (2 * Math.PI * Math.min(stage.hz, 0.42 * sampleRate)) / sampleRate;
	const cos = Math.cos(w0);
	const alpha = Math.sin(w0) / (2 * stage.q);
	const a0 = 1 + alpha;
	// Numerators of the three shapes; the denominators are shared.
	const [b0, b1, b2] =
		stage.type === 'bandpass'
			? [alpha, 0, -alpha]
			: stage.type === 'highpass'
				? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
				: [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
	out[offset] = b0 / a0;
	out[offset + 1] = b1 / a0;
	out[offset + 2] = b2 / a0;
	out[offset + 3] = (-2 * cos) / a0;
	out[offset + 4] = (1 - alpha) / a0;
}

/** A consonant's two noise filters (a missing second stage passes through) and its level scale. */
interface ConsonantFilter {
	coefficients: Float64Array;
	/** 1 / RMS of uniform noise in [−1, 1) through the filters. */
	scale: number;
}

/** Consonant filters by sample rate: they never change, so each rate builds them once. */
const filterCache = new Map<SampleRate, Record<ConsonantId, ConsonantFilter>>();

/** The filters of each consonant at `sampleRate`. */
function consonantFilters(sampleRate: SampleRate): Record<ConsonantId, ConsonantFilter> {
	const cached = filterCache.get(sampleRate);
	if (cached) return cached;
	const build = (kind: ConsonantId): ConsonantFilter => {
		const coefficients = Float64Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0);
		consonants[kind].stages.forEach((stage, k) =>
			biquad({ stage, sampleRate, out: coefficients, offset: 5 * k })
		);
		// Power gain for white noise: the energy of the impulse response. Its slowest pole decays
		// with a time constant of 2Q/ω0, under 0.2 ms for these filters; 5 ms is ample.
		const h = new Float64Array(Math.ceil(0.005 * sampleRate));
		h[0] = 1;
		for (let k = 0; k < 2; k++) {
			const [b0, b1, b2, a1, a2] = coefficients.subarray(5 * k, 5 * k + 5);
			let x1 = 0;
			let x2 = 0;
			let y1 = 0;
			let y2 = 0;
			for (let i = 0; i < h.length; i++) {
				const x = h[i];
				const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
				x2 = x1;
				x1 = x;
				y2 = y1;
				y1 = y;
				h[i] = y;
			}
		}
		let energy = 0;
		for (let i = 0; i < h.length; i++) energy += h[i] * h[i];
		// Uniform noise in [−1, 1) has an RMS of 1/√3.
		return { coefficients, scale: Math.sqrt(3) / Math.sqrt(energy) };
	};
	const filters = { s: build('s'), sh: build('sh'), t: build('t') };
	filterCache.set(sampleRate, filters);
	return filters;
}

/** The one-pole coefficient of the spectral tilt low-pass for a note of `velocity`. */
function tiltCoefficient({
	velocity,
	sampleRate
}: {
	velocity: number;
	sampleRate: SampleRate;
}): number {
	const v = (Math.min(127, Math.max(1, velocity)) - 1) / 126;
	return 1 - Math.exp((-2 * Math.PI * (tiltHz[0] + v * (tiltHz[1] - tiltHz[0]))) / sampleRate);
}

/**
 * RMS of the steady voiced output for a unit sawtooth at `note` through the tilt and `vowel`'s
 * cascade, summed over harmonics: the sawtooth's hth harmonic has amplitude 2/(πh), and each
 * stage's gain is |H(e^jω)| of its difference equation. e^−jω and e^−2jω step from harmonic to
 * harmonic by complex multiplication, so the loop needs no trigonometry.
 */
function steadyRms({
	note,
	vowel,
	kTilt,
	sampleRate
}: {
	note: number;
	vowel: Vowel;
	kTilt: number;
	sampleRate: SampleRate;
}): number {
	const f0 = 440 * Math.pow(2, (note - 69) / 12);
	const w0 = (2 * Math.PI * f0) / sampleRate;
	const stepCos = Math.cos(w0);
	const stepSin = Math.sin(w0);
	const bs: number[] = [];
	const cs: number[] = [];
	for (let k = 0; k < 5; k++) {
		const f = Math.min(vowel.formantsHz[k], formantCeiling * sampleRate);
		const r = Math.exp((-Math.PI * vowel.bandwidthsHz[k]) / sampleRate);
		cs.push(-r * r);
		bs.push(2 * r * Math.cos((2 * Math.PI * f) / sampleRate));
	}
	const pole = 1 - kTilt;
	const harmonics = Math.floor(Math.min(levelCeilingHz, 0.45 * sampleRate) / f0);
	let cos1 = stepCos;
	let sin1 = stepSin;
	let power = 0;
	for (let h = 1; h <= harmonics; h++) {
		const cos2 = cos1 * cos1 - sin1 * sin1;
		const sin2 = 2 * sin1 * cos1;
		// One-pole low-pass k / (1 − (1 − k)·z⁻¹), then the resonators A / (1 − B·z⁻¹ − C·z⁻²).
		let gain = kTilt / Math.hypot(1 - pole * cos1, pole * sin1);
		for (let k = 0; k < bs.length; k++) {
			const b = bs[k];
			const c = cs[k];
			gain *= Math.abs(1 - b - c) / Math.hypot(1 - b * cos1 - c * cos2, b * sin1 + c * sin2);
		}
		const amplitude = (2 / (Math.PI * h)) * gain;
		power += (amplitude * amplitude) / 2;
		const nextCos = cos1 * stepCos - sin1 * stepSin;
		sin1 = sin1 * stepCos + cos1 * stepSin;
		cos1 = nextCos;
	}
	return Math.sqrt(power);
}

/**
 * A consonant's envelope `since` seconds after it starts (0 outside it). Fricatives swell in over
 * the first 40 % of their `length` and fade over the last 25 % (raised cosines); the /t/ burst
 * comes after the closure, rises in half a millisecond and decays with `burstDecaySeconds`.
 */
function consonantEnvelope({
	burst,
	since,
	length
}: {
	burst: boolean;
	since: Seconds;
	length: Seconds;
}): number {
	// Every shape is computed and one picked, so the optimised code never meets an untried path.
	const span = Math.max(length, 1e-6);
	const inside = since > 0 && since < span ? 1 : 0;
	const after = Math.max(0, since - closureSeconds);
	const click = Math.min(1, after / 0.0005) * Math.exp(-after / burstDecaySeconds);
	const rise = Math.min(1, Math.max(0, since / (0.4 * span)));
	const fall = Math.min(1, Math.max(0, (span - since) / (0.25 * span)));
	const swell = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(rise, fall));
	return inside * (burst ? click : swell);
}

/** Slots of the per-sample state, kept between blocks. */
const sPhase = 0;
const sPeriod = 1;
const sAmplitude = 2;
const sNoise = 3;
const sEnvelope1 = 4;
const sEnvelope2 = 5;
const sAspiration = 6;
const sTilt = 7;
/**
 * The consonant's biquads: input x[n−1], x[n−2], the first's output y[n−1], y[n−2], the second's
 * z[n−1], z[n−2].
 */
const sConsonant = 8;
/** DC blocker: x[n−1], y[n−1]. */
const sDc = 14;
/** The voiced source's two previous samples, for the bypass's second difference. */
const sInput = 16;
const sInput2 = 17;
/** Two delayed outputs per resonator, y[n−1] then y[n−2], from here. */
const sResonators = 18;
/** The consonant noise's own xorshift state. */
const sHiss = 28;
const stateSize = 29;
/** Slots of the control values one block runs with. */
const cIncrement = 0;
const cTilt = 1;
const cVoice = 2;
const cAspiration = 3;
const cAttack = 4;
const cRelease = 5;
const cAspirationSmooth = 6;
const cDcPole = 7;
/** Bypass gain: `bypassGain` times the steady RMS of the syllable's vowel (its level's divisor). */
const cAir = 8;
/** Consonant level times its envelope at the block's first sample, and the change per sample. */
const cConsonantFrom = 9;
const cConsonantStep = 10;
/** b0, b1, b2, a1, a2 of the consonant's two biquads. */
const cConsonantFilter = 11;
/** A, B, C of each resonator follow. */
const cResonators = 21;
const controlSize = cResonators + 15;

/** xorshift32 (Marsaglia 2003, "Xorshift RNGs", J. Stat. Softw. 8(14)) to uniform [−1, 1). */
const xorshiftScale = 1 / 2147483648;

/**
 * The source of one block into `voiced` and `air` (n samples): the envelopes, the PolyBLEP sawtooth
 * with jitter and shimmer, the tilt, breath and /t/ aspiration (the cascade's input, in `voiced`),
 * and the bypass (in `air`). The four stages are small functions with positional typed-array
 * arguments: they run once per block, and small functions are optimised soonest. Each reads its
 * state into locals, loops, and writes the state back.
 */
function sourceStage(
	voiced: Float64Array,
	air: Float64Array,
	n: number,
	state: Float64Array,
	control: Float64Array
): void {
	const increment = control[cIncrement];
	const kTilt = control[cTilt];
	const voiceTarget = control[cVoice];
	const aspirationTarget = control[cAspiration];
	const kAttack = control[cAttack];
	const kRelease = control[cRelease];
	const kAspiration = control[cAspirationSmooth];
	const airGain = control[cAir];
	let phase = state[sPhase];
	let periodFactor = state[sPeriod];
	let amplitude = state[sAmplitude];
	let noise = state[sNoise] | 0;
	let envelope1 = state[sEnvelope1];
	let envelope2 = state[sEnvelope2];
	let aspiration = state[sAspiration];
	let tilt = state[sTilt];
	let input1 = state[sInput];
	let input2 = state[sInput2];
	for (let i = 0; i < n; i++) {
		const k = voiceTarget > envelope1 ? kAttack : kRelease;
		envelope1 += (voiceTarget - envelope1) * k;
		envelope2 += (envelope1 - envelope2) * k;
		aspiration += (aspirationTarget - aspiration) * kAspiration;

		// xorshift32 (Marsaglia 2003, "Xorshift RNGs", J. Stat. Softw. 8(14)), uniform in [−1, 1).
		noise ^= noise << 13;
		noise ^= noise >>> 17;
		noise ^= noise << 5;
		const white = noise * xorshiftScale;

		// PolyBLEP sawtooth. A new period draws its jitter (the sum of four uniforms in [−1, 1), of
		// standard deviation 2/√3, is near enough to Gaussian) and its shimmer (one uniform).
		const step = increment * periodFactor;
		phase += step;
		if (phase >= 1) {
			phase -= 1;
			let sum = white;
			for (let j = 0; j < 3; j++) {
				noise ^= noise << 13;
				noise ^= noise >>> 17;
				noise ^= noise << 5;
				sum += noise * xorshiftScale;
			}
			periodFactor = 1 + jitterSd * 0.8660254 * sum;
			noise ^= noise << 13;
			noise ^= noise >>> 17;
			noise ^= noise << 5;
			amplitude = 1 + shimmerSd * 1.7320508 * noise * xorshiftScale;
		}
		let saw = 2 * phase - 1;
		if (phase < step) {
			const x = phase / step;
			saw -= x + x - x * x - 1;
		} else if (phase > 1 - step) {
			const x = (phase - 1) / step;
			saw -= x * x + x + x + 1;
		}
		tilt += (amplitude * saw - tilt) * kTilt;

		// Klatt's bypass path, fed the second difference (+12 dB/octave) of the voiced source: it
		// stands for what lies above F5, which the cascade alone would leave almost empty.
		const source = tilt * envelope2;
		air[i] = airGain * (source - 2 * input1 + input2);
		input2 = input1;
		input1 = source;
		// Breath, 50 % louder in the first (open) half of the period, and /t/'s aspiration.
		const breath = breathGain * envelope2 * (phase < 0.5 ? 1 : 0.5) + aspiration;
		voiced[i] = source + breath * white;
	}
	state[sPhase] = phase;
	state[sPeriod] = periodFactor;
	state[sAmplitude] = amplitude;
	state[sNoise] = noise;
	state[sEnvelope1] = envelope1;
	state[sEnvelope2] = envelope2;
	state[sAspiration] = aspiration;
	state[sTilt] = tilt;
	state[sInput] = input1;
	state[sInput2] = input2;
}

/**
 * Klatt's cascade over one block, in place: five resonators, y[n] = A·x[n] + B·y[n−1] + C·y[n−2]
 * with A = 1 − B − C (unity gain at DC); then the bypass is added.
 */
function cascadeStage(
	x: Float64Array,
	air: Float64Array,
	n: number,
	state: Float64Array,
	control: Float64Array
): void {
	for (let k = 0; k < 5; k++) {
		const a = control[cResonators + 3 * k];
		const b = control[cResonators + 3 * k + 1];
		const c = control[cResonators + 3 * k + 2];
		let y1 = state[sResonators + 2 * k];
		let y2 = state[sResonators + 2 * k + 1];
		for (let i = 0; i < n; i++) {
			const y = a * x[i] + b * y1 + c * y2;
			y2 = y1;
			y1 = y;
			x[i] = y;
		}
		state[sResonators + 2 * k] = y1;
		state[sResonators + 2 * k + 1] = y2;
	}
	for (let i = 0; i < n; i++) x[i] += air[i];
}

/**
 * Adds the consonant's noise, through its two biquads, to one block in place. Called only while a
 * consonant sounds: its swell is far longer than the filters take to settle from their last state.
 */
function consonantStage(
	x: Float64Array,
	n: number,
	state: Float64Array,
	control: Float64Array
): void {
	let level = control[cConsonantFrom];
	const step = control[cConsonantStep];
	const p0 = control[cConsonantFilter];
	const p1 = control[cConsonantFilter + 1];
	const p2 = control[cConsonantFilter + 2];
	const p3 = control[cConsonantFilter + 3];
	const p4 = control[cConsonantFilter + 4];
	const q0 = control[cConsonantFilter + 5];
	const q1 = control[cConsonantFilter + 6];
	const q2 = control[cConsonantFilter + 7];
	const q3 = control[cConsonantFilter + 8];
	const q4 = control[cConsonantFilter + 9];
	let noise = state[sHiss] | 0;
	let x1 = state[sConsonant];
	let x2 = state[sConsonant + 1];
	let y1 = state[sConsonant + 2];
	let y2 = state[sConsonant + 3];
	let z1 = state[sConsonant + 4];
	let z2 = state[sConsonant + 5];
	for (let i = 0; i < n; i++) {
		// xorshift32, as in sourceStage, from its own state.
		noise ^= noise << 13;
		noise ^= noise >>> 17;
		noise ^= noise << 5;
		const hiss = noise * xorshiftScale;
		const y = p0 * hiss + p1 * x1 + p2 * x2 - p3 * y1 - p4 * y2;
		x2 = x1;
		x1 = hiss;
		const z = q0 * y + q1 * y1 + q2 * y2 - q3 * z1 - q4 * z2;
		y2 = y1;
		y1 = y;
		z2 = z1;
		z1 = z;
		x[i] += level * z;
		level += step;
	}
	state[sHiss] = noise;
	state[sConsonant] = x1;
	state[sConsonant + 1] = x2;
	state[sConsonant + 2] = y1;
	state[sConsonant + 3] = y2;
	state[sConsonant + 4] = z1;
	state[sConsonant + 5] = z2;
}

/**
 * Adds `x[0…n)` onto `out[from…from+n)` through the DC blocker, y[n] = x[n] − x[n−1] + R·y[n−1]
 * (J. O. Smith, "Introduction to Digital Filters").
 */
function loopStage(
	out: Float32Array,
	from: number,
	x: Float64Array,
	n: number,
	state: Float64Array,
	control: Float64Array
): void {
	const pole = control[cDcPole];
	let x1 = state[sDc];
	let y = state[sDc + 1];
	for (let i = 0; i < n; i++) {
		y = x[i] - x1 + pole * y;
		x1 = x[i];
		out[from + i] += y;
	}
	state[sDc] = x1;
	state[sDc + 1] = y;
}

/** The plan as typed arrays, one slot per syllable: cheap to read once per block. */
interface Timeline {
	count: number;
	start: Float64Array;
	end: Float64Array;
	consonantStart: Float64Array;
	/**
	 * When the vocal tract starts moving to the syllable: its consonant, or just before its onset.
	 */
	articulation: Float64Array;
	note: Float64Array;
	/** MIDI note a glide starts from (the note itself when it does not glide). */
	glideFrom: Float64Array;
	vibratoHz: Float64Array;
	vibratoCents: Float64Array;
	/**
	 * Steady RMS of the vowel at the note's pitch for a unit source; the voicing level, gain over it.
	 */
	rms: Float64Array;
	level: Float64Array;
	/** Consonant noise level (RMS against a vowel of RMS `gain`), 0 without one. */
	consonantLevel: Float64Array;
	tilt: Float64Array;
	/** Index into `vowelIds`, and into `consonantIds` (−1 for none). */
	vowel: Int8Array;
	consonant: Int8Array;
}

/** Lays the planned syllables out as a Timeline for `sampleRate`. */
function timeline({
	syllables,
	sampleRate
}: {
	syllables: readonly PlannedSyllable[];
	sampleRate: SampleRate;
}): Timeline {
	const count = syllables.length;
	const column = (value: (s: PlannedSyllable) => number) => Float64Array.from(syllables, value);
	// Melodies repeat notes and vowels: each pair is levelled once, with a mid-velocity tilt (a
	// louder note's brighter tilt adds at most about 1 dB, as a louder voice would).
	const levels = new Map<string, number>();
	const kTilt = tiltCoefficient({ velocity: 64, sampleRate });
	const rms = column(({ note, vowel }) => {
		const key = `${note} ${vowel}`;
		const known = levels.get(key);
		if (known !== undefined) return known;
		const value = steadyRms({ note, vowel: vowels[vowel], kTilt, sampleRate });
		levels.set(key, value);
		return value;
	});
	return {
		count,
		start: column((s) => s.start),
		end: column((s) => s.end),
		consonantStart: column((s) => s.consonantStart),
		articulation: column((s) => (s.consonant ? s.consonantStart : s.start - vowelLeadSeconds)),
		note: column((s) => s.note),
		glideFrom: column((s) => s.glideFrom ?? s.note),
		vibratoHz: column((s) => s.vibratoHz),
		vibratoCents: column((s) => s.vibratoCents),
		rms,
		level: Float64Array.from(syllables, (s, i) => s.gain / rms[i]),
		consonantLevel: column((s) =>
			s.consonant ? s.gain * dbToGain(consonants[s.consonant].levelDb) : 0
		),
		tilt: column((s) => tiltCoefficient({ velocity: s.velocity, sampleRate })),
		vowel: Int8Array.from(syllables, (s) => vowelIds.indexOf(s.vowel)),
		consonant: Int8Array.from(syllables, (s) =>
			s.consonant ? consonantIds.indexOf(s.consonant) : -1
		)
	};
}

/**
 * The control-rate half of the synthesiser. For each block it finds the syllable sung and the one
 * articulated, and sets the voicing and aspiration targets, the pitch (glide, vibrato, flutter),
 * the gliding formants' resonator coefficients and the consonant's filters and envelope in
 * `control`.
 */
class Controller {
	readonly control = new Float64Array(controlSize);
	readonly #line: Timeline;
	readonly #filters: readonly ConsonantFilter[];
	readonly #sampleRate: SampleRate;
	readonly #kFormant: number;
	readonly #kVibrato: number;
	readonly #formantTable: Float64Array;
	readonly #bandwidthTable: Float64Array;
	readonly #formants: Float64Array;
	readonly #bandwidths: Float64Array;
	readonly #flutterPhases: Float64Array;
	readonly #kRelease: number;
	readonly #kStopRelease: number;
	#current = -1;
	#articulated = -1;
	#filterKind = 0;
	#vibratoDepth = 0;
	#vibratoPhase = 0;
	#tilt: number;
	#air: number;
	#consonantEnd = 0;

	constructor({ line, sampleRate, rng }: { line: Timeline; sampleRate: SampleRate; rng: Rng }) {
		this.#line = line;
		const filters = consonantFilters(sampleRate);
		this.#filters = consonantIds.map((id) => filters[id]);
		this.#sampleRate = sampleRate;
		const blockRate = sampleRate / block;
		this.#kFormant = onePole({ seconds: formantSmoothSeconds, rate: blockRate });
		this.#kVibrato = onePole({ seconds: vibratoSmoothSeconds, rate: blockRate });
		this.#formantTable = Float64Array.from(vowelIds.flatMap((id) => vowels[id].formantsHz));
		this.#bandwidthTable = Float64Array.from(vowelIds.flatMap((id) => vowels[id].bandwidthsHz));
		const row = 5 * line.vowel[0];
		this.#formants = this.#formantTable.slice(row, row + 5);
		this.#bandwidths = this.#bandwidthTable.slice(row, row + 5);
		this.#flutterPhases = Float64Array.from([0, 1, 2], () => rng.range(0, 2 * Math.PI));
		this.#tilt = line.tilt[0];
		this.#air = bypassGain * line.rms[0];
		const control = this.control;
		control[cAttack] = onePole({ seconds: attackSeconds / 3.9, rate: sampleRate });
		this.#kRelease = onePole({ seconds: releaseSeconds / 3.9, rate: sampleRate });
		this.#kStopRelease = onePole({ seconds: stopReleaseSeconds / 3.9, rate: sampleRate });
		control[cAspirationSmooth] = onePole({ seconds: 0.003, rate: sampleRate });
		control[cDcPole] = Math.exp((-2 * Math.PI * dcCornerHz) / sampleRate);
	}

	/** Sets `control` for the `count` samples from `t0` to `t1`. */
	update(t0: Seconds, t1: Seconds, count: number): void {
		const line = this.#line;
		const control = this.control;
		const fs = this.#sampleRate;
		const t = 0.5 * (t0 + t1);
		while (this.#current + 1 < line.count && line.start[this.#current + 1] <= t) this.#current++;
		while (this.#articulated + 1 < line.count && line.articulation[this.#articulated + 1] <= t) {
			this.#articulated++;
		}
		// The values of every branch are computed and one picked, so the optimised code never meets a
		// path it has not tried (each first /t/ or glide would otherwise cost a recompilation).
		const singing = this.#current >= 0 ? 1 : 0;
		const sung = Math.max(0, this.#current);
		const shaped = Math.max(0, this.#articulated);
		const kind = line.consonant[shaped];
		const stop = kind === 2;
		const voiced = t < line.end[sung] ? singing : 0;
		const beforeOnset = t < line.start[shaped];
		const aspirating =
			t >= line.consonantStart[shaped] + closureSeconds + burstSeconds &&
			t < line.start[shaped] + 0.005;
		const aspiration = stopAspirationGain * line.level[shaped];
		control[cVoice] = voiced * line.level[sung];
		// Fields are read before choosing, so the optimised code has seen both (see above).
		const kStopRelease = this.#kStopRelease;
		const kRelease = this.#kRelease;
		control[cRelease] = stop && beforeOnset ? kStopRelease : kRelease;
		control[cAspiration] = stop && aspirating ? aspiration : 0;
		// The bypass level steps with the syllable's vowel and pitch; smoothed like the tilt below.
		const air = bypassGain * line.rms[sung];
		this.#air += (air - this.#air) * this.#kVibrato;
		control[cAir] = this.#air;

		// The consonant: its filters, and its envelope at this block's ends, interpolated per sample.
		// Without one, the last consonant's filters run on silently (consonantLevel is 0).
		const lastKind = this.#filterKind;
		this.#filterKind = kind >= 0 ? kind : lastKind;
		const filter = this.#filters[this.#filterKind];
		for (let k = 0; k < 10; k++) control[cConsonantFilter + k] = filter.coefficients[k];
		const since = line.consonantStart[shaped];
		const length = line.start[shaped] - since;
		const scale = line.consonantLevel[shaped] * filter.scale;
		// The envelope at this block's start is the one at the last block's end: when a new consonant
		// is reached, the last one has long faded to 0, as the new one starts from 0.
		const e0 = this.#consonantEnd;
		const e1 = scale * consonantEnvelope({ burst: stop, since: t1 - since, length });
		this.#consonantEnd = e1;
		control[cConsonantFrom] = e0;
		control[cConsonantStep] = (e1 - e0) / count;

		// Pitch: the note, a glide into it (from the note itself when there is none), vibrato, flutter.
		const note = line.note[sung];
		const glideFrom = line.glideFrom[sung];
		const semitones =
			glideFrom + (note - glideFrom) * smoothstep((t - line.start[sung]) / glideSeconds);
		const vibratoTarget =
			singing *
			line.vibratoCents[sung] *
			smoothstep((t - line.start[sung] - vibratoDelaySeconds) / vibratoFadeSeconds);
		this.#vibratoDepth += (vibratoTarget - this.#vibratoDepth) * this.#kVibrato;
		this.#vibratoPhase += (line.vibratoHz[sung] * count) / fs;
		this.#vibratoPhase -= Math.floor(this.#vibratoPhase);
		const cents = this.#vibratoDepth * Math.sin(2 * Math.PI * this.#vibratoPhase);
		let f0 = 440 * Math.pow(2, (semitones - 69) / 12 + cents / 1200);
		const phases = this.#flutterPhases;
		f0 +=
			(flutterLevel / 50 / 100) *
			f0 *
			(Math.sin(2 * Math.PI * 12.7 * t + phases[0]) +
				Math.sin(2 * Math.PI * 7.1 * t + phases[1]) +
				Math.sin(2 * Math.PI * 4.7 * t + phases[2]));
		control[cIncrement] = f0 / fs;
		// The tilt follows a change of velocity as smoothly as the vibrato depth does: a sudden change
		// of brightness between legato notes would be a step in the waveform's slope.
		this.#tilt += (line.tilt[sung] - this.#tilt) * this.#kVibrato;
		control[cTilt] = this.#tilt;

		// Formants glide to the vowel being articulated; Klatt's resonator coefficients.
		const row = 5 * line.vowel[shaped];
		const formants = this.#formants;
		const bandwidths = this.#bandwidths;
		for (let k = 0; k < 5; k++) {
			formants[k] += (this.#formantTable[row + k] - formants[k]) * this.#kFormant;
			bandwidths[k] += (this.#bandwidthTable[row + k] - bandwidths[k]) * this.#kFormant;
			const o = cResonators + 3 * k;
			const f = Math.min(formants[k], formantCeiling * fs);
			const r = Math.exp((-Math.PI * bandwidths[k]) / fs);
			const c = -r * r;
			const bb = 2 * r * Math.cos((2 * Math.PI * f) / fs);
			control[o] = 1 - bb - c;
			control[o + 1] = bb;
			control[o + 2] = c;
		}
	}
}

/**
 * Renders `total` samples, starting `head` samples before the clip's 0, and adds each onto its
 * place in the loop `out` (modulo its length): what comes before 0 lands on the end, the ring-out
 * after the end on the start. That is exact overlap-add looping, and `total` reaches far enough
 * past the last release (`tailSeconds`, to below −180 dB) that nothing is cut.
 */
function renderSamples({
	out,
	total,
	head,
	syllables,
	sampleRate,
	rng
}: {
	out: Float32Array;
	total: number;
	head: number;
	syllables: PlannedSyllable[];
	sampleRate: SampleRate;
	rng: Rng;
}): void {
	const length = out.length;
	const controller = new Controller({ line: timeline({ syllables, sampleRate }), sampleRate, rng });
	const control = controller.control;
	const state = new Float64Array(stateSize);
	state[sPhase] = rng.next();
	state[sPeriod] = 1;
	state[sAmplitude] = 1;
	state[sNoise] = Math.floor(rng.next() * 0xffffffff) | 1;
	state[sHiss] = Math.floor(rng.next() * 0xffffffff) | 1;
	const voiced = new Float64Array(block);
	const air = new Float64Array(block);
	let position = ((-head % length) + length) % length;
	for (let b = 0; b < total; b += block) {
		const count = Math.min(block, total - b);
		controller.update((b - head) / sampleRate, (b + count - head) / sampleRate, count);
		sourceStage(voiced, air, count, state, control);
		cascadeStage(voiced, air, count, state, control);
		if (control[cConsonantFrom] !== 0 || control[cConsonantStep] !== 0) {
			consonantStage(voiced, count, state, control);
		}
		// Onto the loop, split where the block wraps round its end.
		let remaining = count;
		while (remaining > 0) {
			const run = Math.min(remaining, length - position);
			loopStage(out, position, voiced, run, state, control);
			remaining -= run;
			if (remaining > 0) voiced.copyWithin(0, run, run + remaining);
			position = (position + run) % length;
		}
	}
}

/** The largest absolute sample. */
function peakOf(samples: Float32Array): number {
	let peak = 0;
	for (let i = 0; i < samples.length; i++) {
		const a = Math.abs(samples[i]);
		if (a > peak) peak = a;
	}
	return peak;
}

/** Multiplies `samples` by `gain` in place. */
function scale(samples: Float32Array, gain: number): void {
	for (let i = 0; i < samples.length; i++) samples[i] *= gain;
}

/**
 * Renders a mono, loopable sung line: one syllable per note, `seconds` long at `sampleRate`, peak
 * at −6 dBFS (unless silent). What rings past the end is added back onto the start and a consonant
 * before 0 onto the end, so the clip loops seamlessly. The same notes and seed give the same
 * samples; another seed picks other vowels and consonants. Notes should lie in [0, seconds); the
 * voice is monophonic, so a note overlapping the next is cut where the next one's syllable begins.
 */
export function renderVoice({
	notes,
	seconds,
	sampleRate,
	seed
}: {
	notes: readonly VoiceNote[];
	seconds: Seconds;
	sampleRate: SampleRate;
	seed: number;
}): { samples: Float32Array<ArrayBuffer>; syllables: Syllable[] } {
	if (!(seconds > 0) || !(sampleRate > 0)) {
		throw new RangeError('renderVoice needs positive seconds and sampleRate');
	}
	const length = Math.round(seconds * sampleRate);
	const rng = createRng(seed);
	const syllables = plan({ notes, seconds, rng: rng.fork(1) });
	const out = new Float32Array(length);
	if (syllables.length === 0 || length === 0) return { samples: out, syllables: [] };

	let earliest = 0;
	let latest = 0;
	for (const s of syllables) {
		earliest = Math.min(earliest, s.consonantStart);
		latest = Math.max(latest, s.end);
	}
	// Render from the earliest consonant until the last release has died away.
	const head = Math.ceil(-earliest * sampleRate);
	const total = head + Math.max(length, Math.ceil((latest + tailSeconds) * sampleRate));
	renderSamples({ out, total, head, syllables, sampleRate, rng: rng.fork(2) });
	const peak = peakOf(out);
	if (peak > 0) scale(out, dbToGain(peakDbfs) / peak);
	return { samples: out, syllables: syllables.map(publicSyllable) };
}
