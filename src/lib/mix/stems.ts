/**
 * A song section as separate, dry stems: the arrangement the drills use, recomposed with a sung lead
 * and a verse that builds into a chorus, played once through SpessaSynth with every MIDI channel
 * rendered to its own output (`processSplit`), effects off and every channel centred, so each stem
 * is the instrument alone and mono (panning happens in the mixer). The drums are split over three
 * drum channels (kick; snare and toms; hats, cymbals and percussion). The texture stem is stereo:
 * the part plus a detuned, slightly late double of it in the sides (L = M + g·X, R = M − g·X), the
 * way pads are widened. The lead is the formant voice of `dsp/synth/voice`.
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import {
	composeArrangement,
	type NoteEvent,
	type PartSpec,
	type StyleSpec
} from '../dsp/synth/compose';
import { drum } from '../dsp/synth/presets';
import {
	applyMixes,
	createSynth,
	addTail,
	playEvents,
	removeDc,
	tailFadeSeconds,
	tailSeconds,
	type SynthBank
} from '../dsp/synth/render';
import { styles, type StyleId } from '../dsp/synth/styles';
import { renderVoice } from '../dsp/synth/voice';
import { dbToGain, type Decibels, type Lufs, type SampleRate, type Seconds } from '../dsp/units';
import { stemNamesOf } from './stem-names';
import { stemIds, type Stem, type StemId } from './types';

/** Every stem is normalised to this integrated loudness before the mixer's faders. */
export const STEM_LUFS: Lufs = -20;
/** Side level of the texture's double in the recording as the target mix wants it (mono loss ≈ 1 dB). */
export const TEXTURE_SIDE_GAIN = 0.5;
/** The texture's double: detuned by this many cents and this late, so it decorrelates from the part. */
const DOUBLE_CENTS = 14;
const DOUBLE_DELAY: Seconds = 0.011;

/** MIDI channels the stems render on (9–11 are drum channels; 15 is the voice, never sent to the synth). */
const KICK_CHANNEL = 9;
const SNARE_CHANNEL = 10;
const HATS_CHANNEL = 11;
const VOICE_CHANNEL = 15;
/** The texture's doubles go on these channels, in the order of the texture's parts. */
const DOUBLE_CHANNELS = [12, 13, 14];

const kickKeys = new Set<number>([35, drum.kick]);
const snareKeys = new Set<number>([
	drum.rim,
	drum.snare,
	drum.clap,
	drum.snare2,
	41,
	43,
	drum.lowTom,
	drum.midTom,
	48,
	drum.highTom
]);

/** Velocity scale of each stem in the verse (the chorus plays at full velocity). */
const verseVelocity: Record<StemId, number> = {
	kick: 0.85,
	snare: 0.8,
	hats: 0.75,
	bass: 0.9,
	chords: 0.8,
	texture: 0.55,
	vocal: 0.85
};

/** The sung line: eighths and quarters around E4, mostly legato. */
const voicePart: Omit<PartSpec, 'mix'> = {
	role: 'lead',
	center: 64,
	velocity: 104,
	rate: 2,
	density: 0.55,
	legato: 0.96,
	jitter: 0.008
};

/** Which stem each part of a style feeds: the first chordal part(s) and the rest as texture. */
function partStems(spec: StyleSpec): (StemId | null)[] {
	const chordal = spec.parts.some((p) => p.role === 'chords' || p.role === 'power');
	return spec.parts.map((part) => {
		if (part.role === 'bass') return 'bass';
		if (part.role === 'lead') return null;
		if (part.role === 'chords' || part.role === 'power') return 'chords';
		if (part.role === 'arp' && !chordal) return 'chords';
		// The ballad's piano arpeggio is its main chordal part.
		if (part.role === 'arp' && spec.id === 'ballad') return 'chords';
		return 'texture';
	});
}

/** Dry stems of one section, each at `STEM_LUFS`, and where the chorus starts. */
export interface RenderedStems {
	stems: Stem[];
	chorusAt: Seconds;
	/** The vocal's notes (for the balance drill and the check's lead measures). */
	vocalNotes: NoteEvent[];
}

/**
 * Renders the stems of `style` (seed-determined), `seconds` long and loopable; with `only`, just
 * those stems (in project order; `joinStems` in ./assemble puts parts together), each within a
 * float's rounding of a render of all of them: every MIDI channel renders dry to its own output, so
 * the parts can render in separate workers at once.
 */
export async function renderStems({
	style,
	seed,
	seconds,
	sampleRate,
	bank,
	only = stemIds
}: {
	style: StyleId;
	seed: number;
	seconds: Seconds;
	sampleRate: SampleRate;
	bank: SynthBank;
	only?: readonly StemId[];
}): Promise<RenderedStems> {
	const wanted = new Set(only);
	const base = styles[style];
	if (!base) throw new RangeError(`unknown style: ${style}`);
	const parts = base.parts.filter((p) => p.role !== 'lead');
	const spec: StyleSpec = {
		...base,
		parts: [
			...parts,
			{ ...voicePart, mix: { channel: VOICE_CHANNEL, program: 0, volume: 100, pan: 64, reverb: 0 } }
		]
	};
	const arrangement = composeArrangement({ style: spec, seed, seconds });
	const stemOfPart = partStems(spec);
	const stemOfChannel = new Map<number, StemId>();
	spec.parts.forEach((part, i) => {
		const stem = stemOfPart[i];
		if (stem) stemOfChannel.set(part.mix.channel, stem);
	});
	const barSeconds = seconds / arrangement.bars;
	const chorusAt = Math.max(1, Math.floor(arrangement.bars / 2)) * barSeconds;

	// Drums onto three drum channels; verse velocities; texture only in the chorus, doubled.
	const events: NoteEvent[] = [];
	const vocalNotes: NoteEvent[] = [];
	// Texture part channel → its double's channel.
	const doubles = new Map<number, number>();
	spec.parts.forEach((part, i) => {
		if (stemOfPart[i] === 'texture') doubles.set(part.mix.channel, DOUBLE_CHANNELS[doubles.size]);
	});
	for (const e of arrangement.events) {
		let stem: StemId;
		let channel = e.channel;
		if (e.channel === 9) {
			stem = kickKeys.has(e.note) ? 'kick' : snareKeys.has(e.note) ? 'snare' : 'hats';
			channel = stem === 'kick' ? KICK_CHANNEL : stem === 'snare' ? SNARE_CHANNEL : HATS_CHANNEL;
		} else if (e.channel === VOICE_CHANNEL) stem = 'vocal';
		else stem = stemOfChannel.get(e.channel) ?? 'texture';
		const inVerse = e.time < chorusAt - 0.05;
		const scale = inVerse ? verseVelocity[stem] : 1;
		const note = { ...e, channel, velocity: Math.max(1, Math.round(e.velocity * scale)) };
		if (stem === 'vocal') {
			vocalNotes.push(note);
			continue;
		}
		events.push(note);
		const double = doubles.get(channel);
		if (double !== undefined) {
			const time = (note.time + DOUBLE_DELAY) % seconds;
			events.push({ ...note, channel: double, time });
		}
	}
	if (base.drums.crash !== undefined)
		events.push({
			time: chorusAt,
			channel: HATS_CHANNEL,
			note: base.drums.crash,
			velocity: 110,
			duration: 1
		});
	events.sort((a, b) => a.time - b.time || a.channel - b.channel || a.note - b.note);

	const length = Math.round(seconds * sampleRate);
	const total = length + Math.round(tailSeconds * sampleRate);
	const synth = await createSynth({ bank, sampleRate, interpolation: 'linear', effects: false });
	const dry = (m: { channel: number; program: number; volume: number; release?: number }) => ({
		...m,
		pan: 64,
		reverb: 0,
		chorus: 0
	});
	const kit = arrangement.kit;
	for (const channel of [SNARE_CHANNEL, HATS_CHANNEL]) synth.midiChannels[channel].setDrums(true);
	const mixes = [
		...[KICK_CHANNEL, SNARE_CHANNEL, HATS_CHANNEL].map((channel) =>
			dry({ ...base.drums.mix, channel, program: kit })
		),
		...parts.map((p) => dry(p.mix)),
		...parts
			.filter((p) => doubles.has(p.mix.channel))
			.map((p) => dry({ ...p.mix, channel: doubles.get(p.mix.channel)! }))
	];
	applyMixes({ synth, mixes });
	// Default bend range is ±2 semitones over ±8192.
	for (const channel of doubles.values())
		synth.pitchWheel(channel, 8192 + Math.round((DOUBLE_CENTS / 200) * 8192));

	// One mono buffer per stem (the double apart), filled block by block from per-channel outputs:
	// the section itself, and a short one for what rings on after it, folded back onto its start.
	const heads = new Map<StemId | 'double', Float32Array<ArrayBuffer>>();
	const tails = new Map<StemId | 'double', Float32Array<ArrayBuffer>>();
	const keyOf = (channel: number): StemId | 'double' | undefined => {
		if (channel === KICK_CHANNEL) return 'kick';
		if (channel === SNARE_CHANNEL) return 'snare';
		if (channel === HATS_CHANNEL) return 'hats';
		if ([...doubles.values()].includes(channel)) return 'double';
		return stemOfChannel.get(channel);
	};
	/** Whether a channel renders a stem asked for (the texture's double goes with the texture). */
	const renders = (channel: number) => {
		const key = keyOf(channel);
		return key !== undefined && wanted.has(key === 'double' ? 'texture' : key);
	};
	const targets = Array.from({ length: 16 }, (_, channel) => {
		const key = keyOf(channel);
		if (!key || !renders(channel)) return undefined;
		if (!heads.has(key)) {
			heads.set(key, new Float32Array(length));
			tails.set(key, new Float32Array(total - length));
		}
		return { head: heads.get(key)!, tail: tails.get(key)! };
	});
	const outputs = Array.from({ length: 16 }, () => [new Float32Array(128), new Float32Array(128)]);
	/** The channels whose notes are sent, with their outputs and where their samples go. */
	const active = targets.flatMap((target, channel) => {
		if (!target) return [];
		const [left, right] = outputs[channel];
		return [{ left, right, head: target.head, tail: target.tail }];
	});
	const fx = [new Float32Array(128), new Float32Array(128)];
	playEvents({
		synth,
		events,
		total,
		sends: (e) => renders(e.channel),
		render: (start, count) => {
			// Only channels with a stem get notes (see `sends`), so only their outputs are read and
			// cleared; the others stay silent.
			for (const { left, right } of active) {
				left.fill(0);
				right.fill(0);
			}
			synth.processSplit(outputs, fx[0], fx[1], 0, count);
			// The block's samples before the section's end go to the head, the rest to the tail.
			const split = Math.max(0, Math.min(count, length - start));
			for (const { left, right, head, tail } of active) {
				for (let i = 0; i < split; i++) head[start + i] += 0.5 * (left[i] + right[i]);
				for (let i = split; i < count; i++) tail[start + i - length] += 0.5 * (left[i] + right[i]);
			}
		}
	});

	const fadeLength = Math.round(tailFadeSeconds * sampleRate);
	/** The stem's section with its ring-out folded in and DC removed, in place. */
	const finish = (key: StemId | 'double'): Float32Array<ArrayBuffer> => {
		const head = heads.get(key);
		if (!head) return new Float32Array(length);
		addTail({ head, tail: tails.get(key)!, fadeLength });
		tails.delete(key);
		removeDc({ buffer: head, sampleRate });
		return head;
	};
	const names = stemNamesOf(style);
	const mono = (id: Exclude<StemId, 'texture'>, samples: Float32Array<ArrayBuffer>): Stem => ({
		id,
		name: names[id],
		channels: [normalize({ channels: [samples], sampleRate })[0]]
	});
	const stems: Stem[] = stemIds
		.filter((id) => wanted.has(id))
		.map((id) => {
			if (id === 'texture') {
				const [mid, double] = normalize({ channels: [finish('texture')], sampleRate }).concat(
					normalize({ channels: [finish('double')], sampleRate })
				);
				return {
					id,
					name: names.texture,
					channels: normalize({
						channels: widen({ mid, side: double, gain: TEXTURE_SIDE_GAIN }),
						sampleRate
					})
				};
			}
			if (id !== 'vocal') return mono(id, finish(id));
			const voice = renderVoice({
				notes: vocalNotes.map(({ time, duration, note, velocity }) => ({
					time,
					duration,
					note,
					velocity
				})),
				seconds,
				sampleRate,
				seed
			});
			return mono('vocal', voice.samples);
		});
	return { stems, chorusAt, vocalNotes };
}

/** L = M + g·S, R = M − g·S, written over `mid` (left) and `side` (right), which it returns. */
export function widen<T extends Float32Array>({
	mid,
	side,
	gain
}: {
	mid: T;
	side: T;
	gain: number;
}): T[] {
	for (let i = 0; i < mid.length; i++) {
		const m = mid[i];
		const s = gain * side[i];
		mid[i] = m + s;
		side[i] = m - s;
	}
	return [mid, side];
}

/** Scales `channels` in place to `lufs` integrated (silent audio stays as it is) and returns them. */
export function normalize<T extends Float32Array>({
	channels,
	sampleRate,
	lufs = STEM_LUFS
}: {
	channels: T[];
	sampleRate: SampleRate;
	lufs?: Lufs;
}): T[] {
	const integrated = measureLoudness({ channels, sampleRate }).integrated;
	if (integrated === null) return channels;
	const gain = dbToGain((lufs - integrated) as Decibels);
	for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i] *= gain;
	return channels;
}
