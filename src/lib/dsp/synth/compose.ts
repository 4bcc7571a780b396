/**
 * Seeded note-event generation for short, loopable drill clips: a chord progression in a key, a drum
 * groove with a fill at each phrase end, a bass line on the chord roots, voiced chords, arpeggios and a
 * motif-based lead, all humanized in timing and velocity. Pure data: no audio here.
 *
 * Theory used: diatonic Roman-numeral harmony and closest-position voice leading (Aldwell & Schachter,
 * "Harmony and Voice Leading"); swing as a delay of the off-beat sixteenth (Friberg & Sundström 2002,
 * "Swing ratios and ensemble timing in jazz performance"); timing humanization as Gaussian jitter of
 * a few milliseconds, in line with measured drummer timing deviations (Hennig et al. 2011, PLoS ONE).
 */
import type { Seconds } from '../units';
import { createRng, type Rng } from './rng';

/** One note: start time from the clip start, GM channel (9 = drums), MIDI note and velocity. */
export interface NoteEvent {
	time: Seconds;
	channel: number;
	note: number;
	velocity: number;
	duration: Seconds;
}

/**
 * A channel's instrument and mix: GM program, CC7 volume, CC10 pan, CC91 reverb and CC93 chorus
 * sends, and CC72 release time (64 = the preset's own; lower shortens tails and saves voices).
 */
export interface ChannelMix {
	channel: number;
	program: number;
	volume: number;
	pan: number;
	reverb: number;
	chorus?: number;
	release?: number;
}

/**
 * A 16-step rhythm for one bar. Symbols: `X` accent, `x` normal, `o` ghost, `-` holds the previous
 * note, `.` rest. Bass patterns may also use `5` (fifth), `8` (octave up), `3` (third), `b`
 * (approach the next chord's root from a step below) and `R` (root, same as `x`).
 */
export type StepPattern = string;

/** A drum groove: one 16-step pattern per GM percussion key. */
export type DrumPattern = Readonly<Record<number, StepPattern>>;

/** Which kind of line a melodic part plays. */
export type PartRole = 'bass' | 'chords' | 'power' | 'pad' | 'arp' | 'lead';

/** A melodic part of a style. */
export interface PartSpec {
	role: PartRole;
	mix: ChannelMix;
	/** Rhythms to choose from (bass, chords, power); ignored by pad, arp and lead. */
	patterns?: readonly StepPattern[];
	/** MIDI note the voicing or line centres on. */
	center: number;
	/** Loudest velocity the part uses (1–127). */
	velocity: number;
	/** Notes per chord (chords, pad). */
	size?: number;
	/** Sixteenths per note (arp, lead): 1 = sixteenths, 2 = eighths, 4 = quarters. */
	rate?: number;
	/** Chance a lead grid position starts a note. */
	density?: number;
	/** Fraction of each step a note sounds (1 = legato). */
	legato?: number;
	/** Timing jitter, standard deviation in seconds. */
	jitter?: Seconds;
	/** Constant timing offset (positive = behind the beat). */
	lag?: Seconds;
}

/** The drums of a style. */
export interface DrumSpec {
	mix: ChannelMix;
	/** Kits to choose from (programs on the percussion channel). */
	kits: readonly number[];
	grooves: readonly DrumPattern[];
	/** Fills replace the last `length` steps of a phrase's final bar (4 or 8 steps). */
	fills: readonly DrumPattern[];
	/** Key → timing offset (seconds, positive = late), e.g. a laid-back snare. */
	lag?: Readonly<Record<number, Seconds>>;
	jitter: Seconds;
	velocity: number;
	/** Key → velocity scale (e.g. quieter hats), 1 when absent. */
	levels?: Readonly<Record<number, number>>;
	/** Key of a cymbal to hit on the downbeat of the clip (after the fill when looping). */
	crash?: number;
	/** Chance to add ghost notes on this key at random empty sixteenths. */
	ghost?: { key: number; chance: number };
}

/** Everything that defines a style's music (see styles.ts). */
export interface StyleSpec {
	id: string;
	name: string;
	/** Tempo range in beats per minute; a seed picks one, then it is nudged to fit whole bars. */
	bpm: readonly [number, number];
	/** Delay of every off-beat sixteenth, as a fraction of a sixteenth (0 = straight). */
	swing: number;
	/** Tonic pitch classes to choose from (0 = C). */
	keys: readonly number[];
	mode: 'major' | 'minor';
	/** Roman numerals, e.g. `['i', 'bVI', 'bIII', 'bVII']` (see `parseChord`). */
	progressions: readonly (readonly string[])[];
	drums: DrumSpec;
	parts: readonly PartSpec[];
	/** Velocity humanization, standard deviation in MIDI velocity steps. */
	velocitySd: number;
}

/** A generated arrangement: its events plus the musical choices the seed made. */
export interface Arrangement {
	events: NoteEvent[];
	/** Channel setups (programs and CCs) to send before the first note. */
	mixes: ChannelMix[];
	bpm: number;
	bars: number;
	/** Tonic pitch class (0 = C). */
	key: number;
	progression: readonly string[];
	kit: number;
	seconds: Seconds;
}

const majorScale = [0, 2, 4, 5, 7, 9, 11];
const minorScale = [0, 2, 3, 5, 7, 8, 10];
const numerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

/** A chord as pitch classes relative to the key's tonic. */
export interface Chord {
	/** Root in semitones above the tonic. */
	root: number;
	/** Intervals above the root, ascending, starting with 0. */
	intervals: number[];
}

/**
 * Parses a Roman numeral relative to the major scale: case gives the quality (`IV` major, `ii`
 * minor), a `b`/`#` prefix alters the root, and the suffixes `7`, `maj7`, `sus2`, `sus4`, `add9`
 * and `dim` extend it.
 * @example parseChord('bVII') // { root: 10, intervals: [0, 4, 7] }
 */
export function parseChord(symbol: string): Chord {
	const match = /^([b#]?)([ivIV]+)(.*)$/.exec(symbol);
	if (!match) throw new RangeError(`not a Roman numeral: ${symbol}`);
	const [, accidental, numeral, suffix] = match;
	const degree = numerals.indexOf(numeral.toUpperCase());
	if (degree < 0) throw new RangeError(`not a Roman numeral: ${symbol}`);
	const root =
		(majorScale[degree] + (accidental === 'b' ? -1 : accidental === '#' ? 1 : 0) + 12) % 12;
	const minor = numeral === numeral.toLowerCase();
	let intervals = minor ? [0, 3, 7] : [0, 4, 7];
	if (suffix.includes('dim')) intervals = [0, 3, 6];
	if (suffix.includes('sus2')) intervals = [0, 2, 7];
	if (suffix.includes('sus4')) intervals = [0, 5, 7];
	if (suffix.includes('maj7')) intervals.push(11);
	else if (suffix.includes('7')) intervals.push(10);
	if (suffix.includes('add9')) intervals.push(14);
	return { root, intervals };
}

/** Picks the voicing of `pitchClasses` nearest to `previous` (fewest semitones moved) around `center`. */
function voiceLead(
	pitchClasses: number[],
	previous: number[],
	center: number,
	size: number
): number[] {
	const tones = pitchClasses.slice(0, size);
	while (tones.length < size) tones.push(tones[tones.length - size] ?? tones[0]);
	let best: number[] = [];
	let bestCost = Infinity;
	for (let inversion = 0; inversion < tones.length; inversion++) {
		for (let base = center - 12; base <= center + 6; base++) {
			if ((((base - tones[inversion]) % 12) + 12) % 12 !== 0) continue;
			const voicing = [base];
			for (let k = 1; k < tones.length; k++) {
				const pc = tones[(inversion + k) % tones.length];
				let n = voicing[k - 1] + 1;
				while ((((n - pc) % 12) + 12) % 12 !== 0) n++;
				voicing.push(n);
			}
			const mean = voicing.reduce((a, b) => a + b, 0) / voicing.length;
			const cost =
				previous.length === voicing.length
					? voicing.reduce((sum, n, k) => sum + Math.abs(n - previous[k]), 0) +
						Math.abs(mean - center) * 0.5
					: Math.abs(mean - center);
			if (cost < bestCost) {
				bestCost = cost;
				best = voicing;
			}
		}
	}
	return best;
}

/** The level of a pattern symbol (0 for rests and ties). */
function stepLevel(symbol: string): number {
	if (symbol === 'X') return 1;
	if (symbol === 'o') return 0.45;
	if (symbol === '.' || symbol === '-' || symbol === undefined) return 0;
	return 0.8;
}

/** Steps a note starting at `step` holds (its own plus following `-`). */
function holdSteps(pattern: StepPattern, step: number): number {
	let n = 1;
	while (step + n < pattern.length && pattern[step + n] === '-') n++;
	return n;
}

const clampVelocity = (v: number) => Math.max(1, Math.min(127, Math.round(v)));

/** Generates a seeded arrangement of `style` that fills `seconds` with whole bars. */
export function composeArrangement({
	style,
	seed,
	seconds
}: {
	style: StyleSpec;
	seed: number;
	seconds: Seconds;
}): Arrangement {
	const rng = createRng(seed);
	const nominalBpm = rng.range(style.bpm[0], style.bpm[1]);
	// Whole bars make the music itself loop; the tempo bends to fit them into `seconds`, staying in
	// the style's range when a whole number of bars allows it.
	const exact = (seconds * nominalBpm) / 240;
	const outside = (b: number) => {
		const tempo = (b * 240) / seconds;
		return Math.max(0, style.bpm[0] - tempo, tempo - style.bpm[1]);
	};
	const bars = [Math.max(1, Math.floor(exact)), Math.max(1, Math.ceil(exact))].sort(
		(a, b) => outside(a) - outside(b) || Math.abs(a - exact) - Math.abs(b - exact)
	)[0];
	const bpm = (bars * 240) / seconds;
	const step = 15 / bpm;
	const key = rng.pick(style.keys);
	const progression = rng.pick(style.progressions);
	const chords = progression.map(parseChord);
	// Slots per bar: one chord per bar, or two when the clip is shorter than the progression.
	const slotsPerBar = bars < chords.length && (bars * 2) % chords.length === 0 ? 2 : 1;
	const stepsPerSlot = 16 / slotsPerBar;
	const totalSteps = bars * 16;
	const chordAt = (s: number) => chords[Math.floor(s / stepsPerSlot) % chords.length];
	const scale = style.mode === 'major' ? majorScale : minorScale;
	const events: NoteEvent[] = [];
	const swingOffset = (s: number) => (s % 2 === 1 ? style.swing * step : 0);

	const push = (
		r: Rng,
		e: { step: number; channel: number; note: number; level: number; velocity: number },
		opts: { steps: number; legato: number; jitter: Seconds; lag: Seconds }
	) => {
		if (e.level <= 0) return;
		let time = e.step * step + swingOffset(e.step) + opts.lag + r.normal(0, opts.jitter);
		// Early notes wrap to the end of the loop, where their sound folds back onto the start.
		time = ((time % seconds) + seconds) % seconds;
		const velocity = clampVelocity(e.velocity * e.level + r.normal(0, style.velocitySd));
		const duration = Math.max(0.03, opts.steps * step * opts.legato + r.normal(0, 0.004));
		events.push({ time, channel: e.channel, note: e.note, velocity, duration });
	};

	// Drums.
	const drums = style.drums;
	const drumRng = rng.fork(1);
	const kit = drumRng.pick(drums.kits);
	const groove = drumRng.pick(drums.grooves);
	const drumKeys = Object.keys(groove).map(Number);
	for (let bar = 0; bar < bars; bar++) {
		const phraseEnd = bar === bars - 1 || bar % 4 === 3;
		const fill = phraseEnd ? drumRng.pick(drums.fills) : undefined;
		const fillLength = fill ? Math.max(...Object.values(fill).map((p) => p.length)) : 0;
		for (let s = 0; s < 16; s++) {
			const inFill = fill !== undefined && s >= 16 - fillLength;
			const source: DrumPattern = inFill ? fill : groove;
			const offset = inFill ? s - (16 - fillLength) : s;
			const keys = inFill ? Object.keys(fill).map(Number) : drumKeys;
			for (const note of keys) {
				const symbol = source[note]?.[offset];
				let level = stepLevel(symbol);
				if (
					level === 0 &&
					!inFill &&
					drums.ghost?.key === note &&
					drumRng.chance(drums.ghost.chance)
				)
					level = 0.3;
				level *= drums.levels?.[note] ?? 1;
				push(
					drumRng,
					{ step: bar * 16 + s, channel: 9, note, level, velocity: drums.velocity },
					{ steps: 2, legato: 1, jitter: drums.jitter, lag: drums.lag?.[note] ?? 0 }
				);
			}
		}
	}
	if (drums.crash !== undefined && drumRng.chance(0.8))
		push(
			drumRng,
			{ step: 0, channel: 9, note: drums.crash, level: 0.9, velocity: drums.velocity },
			{ steps: 8, legato: 1, jitter: 0, lag: 0 }
		);

	// Melodic parts.
	style.parts.forEach((part, index) => {
		const r = rng.fork(100 + index);
		const ch = part.mix.channel;
		const legato = part.legato ?? 0.92;
		const timing = { jitter: part.jitter ?? 0.006, lag: part.lag ?? 0, legato };
		const rootNear = (chord: Chord) => {
			const pc = (key + chord.root) % 12;
			let n = part.center - 6;
			while ((((n - pc) % 12) + 12) % 12 !== 0) n++;
			return n;
		};
		if (part.role === 'bass') {
			const pattern = r.pick(part.patterns ?? ['x-------x-------']);
			for (let s = 0; s < totalSteps; s++) {
				const symbol = pattern[s % 16];
				const level = stepLevel(symbol === 'R' ? 'x' : /[583b]/.test(symbol) ? 'x' : symbol);
				if (level === 0) continue;
				const chord = chordAt(s);
				const root = rootNear(chord);
				let note = root;
				if (symbol === '5') note = root + 7;
				else if (symbol === '8') note = root + 12;
				else if (symbol === '3') note = root + chord.intervals[1];
				else if (symbol === 'b') {
					const next = rootNear(chordAt((s + 1) % totalSteps));
					note = next - (r.chance(0.5) ? 1 : 2);
				}
				push(
					r,
					{ step: s, channel: ch, note, level, velocity: part.velocity },
					{ steps: holdSteps(pattern.repeat(2), s % 16), ...timing }
				);
			}
		} else if (part.role === 'chords' || part.role === 'power' || part.role === 'pad') {
			const pattern =
				part.role === 'pad'
					? 'x' + '-'.repeat(stepsPerSlot - 1)
					: r.pick(part.patterns ?? ['x-------x-------']);
			let previous: number[] = [];
			let voicingSlot = -1;
			let voicing: number[] = [];
			for (let s = 0; s < totalSteps; s++) {
				const slot = Math.floor(s / stepsPerSlot);
				if (slot !== voicingSlot) {
					voicingSlot = slot;
					const chord = chordAt(s);
					if (part.role === 'power') {
						const root = rootNear(chord);
						voicing = [root, root + 7, root + 12];
					} else {
						const pcs = chord.intervals.map((i) => (key + chord.root + i) % 12);
						voicing = voiceLead(pcs, previous, part.center, part.size ?? 3);
						previous = voicing;
					}
				}
				const symbol = pattern[s % pattern.length];
				const level = stepLevel(symbol);
				if (level === 0) continue;
				// Hold no further than the end of the chord's slot.
				const hold = Math.min(
					holdSteps(pattern, s % pattern.length),
					stepsPerSlot - (s % stepsPerSlot)
				);
				// A strum: low to high, a few milliseconds apart.
				voicing.forEach((note, k) =>
					push(
						r,
						{ step: s, channel: ch, note, level, velocity: part.velocity },
						{ steps: hold, ...timing, lag: timing.lag + k * (part.role === 'pad' ? 0 : 0.006) }
					)
				);
			}
		} else if (part.role === 'arp') {
			const rate = part.rate ?? 2;
			const shape = r.pick(['up', 'down', 'updown', 'pinky'] as const);
			let previous: number[] = [];
			for (let s = 0, k = 0; s < totalSteps; s += rate, k++) {
				const chord = chordAt(s);
				const pcs = chord.intervals.map((i) => (key + chord.root + i) % 12);
				const voicing = voiceLead(pcs, previous, part.center, 3);
				previous = voicing;
				const tones = [...voicing, voicing[0] + 12];
				const n = tones.length;
				const cycle = shape === 'updown' ? 2 * n - 2 : n;
				const i = k % cycle;
				const index =
					shape === 'up'
						? i
						: shape === 'down'
							? n - 1 - i
							: shape === 'updown'
								? i < n
									? i
									: cycle - i
								: i % 2 === 0
									? 0
									: 1 + ((i >> 1) % (n - 1));
				const accent = (s % 4 === 0 ? 1 : 0.8) * r.range(0.9, 1);
				push(
					r,
					{ step: s, channel: ch, note: tones[index], level: accent, velocity: part.velocity },
					{ steps: rate, ...timing }
				);
			}
		} else {
			// Lead: a one-bar motif (rhythm and scale-step contour) repeated over the chords, its last
			// bar varied; strong beats land on chord tones.
			const rate = part.rate ?? 2;
			const density = part.density ?? 0.5;
			const pentatonic = style.mode === 'major' ? [0, 2, 4, 7, 9] : [0, 3, 5, 7, 10];
			const pcsOfScale = (part.rate ?? 2) >= 2 ? pentatonic : scale;
			const pitches: number[] = [];
			for (let n = part.center - 12; n <= part.center + 12; n++)
				if (pcsOfScale.includes((n - key + 120) % 12)) pitches.push(n);
			const motif = (variation: Rng) => {
				const cells: { step: number; move: number }[] = [];
				for (let s = 0; s < 16; s += rate) {
					const strong = s % 8 === 0;
					if (!variation.chance(strong ? Math.min(1, density + 0.3) : density)) continue;
					cells.push({ step: s, move: variation.int(-2, 2) });
				}
				return cells;
			};
			const main = motif(r);
			const varied = motif(r.fork(7));
			let index = Math.floor(pitches.length / 2);
			for (let bar = 0; bar < bars; bar++) {
				const cells =
					bar === bars - 1 && bars > 1
						? main.filter((c) => c.step < 8).concat(varied.filter((c) => c.step >= 8))
						: main;
				cells.forEach((cell, c) => {
					const s = bar * 16 + cell.step;
					index = Math.max(0, Math.min(pitches.length - 1, index + cell.move));
					if (cell.step % 4 === 0) {
						// Snap to the nearest chord tone.
						const chord = chordAt(s);
						const tones = chord.intervals.map((i) => (key + chord.root + i) % 12);
						let best = index;
						for (let d = 0; d < pitches.length; d++) {
							const up = index + d;
							const down = index - d;
							if (up < pitches.length && tones.includes(pitches[up] % 12)) {
								best = up;
								break;
							}
							if (down >= 0 && tones.includes(pitches[down] % 12)) {
								best = down;
								break;
							}
						}
						index = best;
					}
					const next = cells[c + 1]?.step ?? 16;
					const steps = Math.max(1, next - cell.step);
					const level = cell.step % 8 === 0 ? 1 : 0.8;
					push(
						r,
						{ step: s, channel: ch, note: pitches[index], level, velocity: part.velocity },
						{ steps, ...timing }
					);
				});
			}
		}
	});

	events.sort((a, b) => a.time - b.time || a.channel - b.channel || a.note - b.note);
	// A repeated note on a channel ends before its next start, so its note-off cannot cut the new one.
	const lastByKey = new Map<number, NoteEvent>();
	for (const e of events) {
		const id = e.channel * 128 + e.note;
		const previous = lastByKey.get(id);
		if (previous && previous.time + previous.duration > e.time - 0.002)
			previous.duration = Math.max(0.01, e.time - previous.time - 0.002);
		lastByKey.set(id, e);
	}
	const mixes = [{ ...drums.mix, program: kit }, ...style.parts.map((p) => p.mix)];
	return { events, mixes, bpm, bars, key, progression, kit, seconds };
}
