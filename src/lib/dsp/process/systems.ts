/**
 * Playback-system simulations for translation checks ("how does my mix sound on a phone?"). Each system
 * is a chain of this folder's processors: RBJ cookbook biquads (./biquad), mono fold and width
 * (./stereo), a lookahead true-peak limiter (./limiter). They are typical approximations of a device
 * class, not measurements of any brand or model. The shapes follow the engineering rules of thumb in
 * the course's DOMAIN notes: phones reproduce little below ~200 Hz; cars boost the bass (cabin gain and
 * factory tuning; Sound On Sound, P. P. Klose, Dec 2022) with an uneven low end from the cabin's
 * resonances; clubs have a big sub and a mono-ish low end. Small speakers are modelled with a
 * 4th-order Butterworth high-pass (two biquads with Q 0.541 and 1.307, 24 dB/octave).
 */
import { BiquadFilter, designBiquad, highpassCoefficients, type BiquadSpec } from './biquad';
import { limit, type LimiterSettings } from './limiter';
import { delayChannel, setWidth } from './stereo';
import type { SampleRate } from '../units';
import { systemInfo } from './system-info';

/** One step of a system's chain. Stereo-only steps are skipped for one-channel input. */
export type SystemStage =
	| { kind: 'filter'; filter: BiquadSpec }
	/** Both channels become (L + R)/2: a single speaker. */
	| { kind: 'mono' }
	/** Mid/side width (0 = mono, 1 = unchanged). */
	| { kind: 'width'; width: number }
	/** Side signal high-passed (4th-order Butterworth) at `frequency`: mono below it, as in a club. */
	| { kind: 'bassMono'; frequency: number }
	/** One channel arrives later, as for a listener off the centre line. */
	| { kind: 'delay'; channel: number; delayMs: number }
	| { kind: 'limiter'; settings: LimiterSettings };

/** A playback system: a name for the UI, what it models, and its chain. */
export interface PlaybackSystem {
	label: string;
	description: string;
	stages: SystemStage[];
}

/** Q values of the two biquads of a 4th-order Butterworth filter (poles at 22.5° and 67.5°). */
const BUTTERWORTH4_Q = [0.5411961001461969, 1.3065629648763766];

function highpass4(frequency: number): SystemStage[] {
	return BUTTERWORTH4_Q.map((q) => ({
		kind: 'filter',
		filter: { type: 'highpass', frequency, q }
	}));
}

/** The playback systems, keyed by id. */
export const systems = {
	phone: {
		...systemInfo.phone,
		stages: [
			{ kind: 'mono' },
			...highpass4(350),
			{ kind: 'filter', filter: { type: 'peaking', frequency: 2500, gainDb: 3, q: 1 } },
			{ kind: 'filter', filter: { type: 'lowpass', frequency: 10000 } },
			{ kind: 'limiter', settings: { ceilingDbtp: -1, releaseMs: 100 } }
		]
	},
	laptop: {
		...systemInfo.laptop,
		stages: [
			{ kind: 'width', width: 0.5 },
			...highpass4(180),
			{ kind: 'filter', filter: { type: 'peaking', frequency: 900, gainDb: 2, q: 1.4 } },
			{ kind: 'filter', filter: { type: 'highshelf', frequency: 10000, gainDb: -3 } },
			{ kind: 'limiter', settings: { ceilingDbtp: -1, releaseMs: 100 } }
		]
	},
	earbuds: {
		...systemInfo.earbuds,
		stages: [
			{ kind: 'filter', filter: { type: 'highpass', frequency: 20 } },
			{ kind: 'filter', filter: { type: 'lowshelf', frequency: 105, gainDb: 4 } },
			{ kind: 'filter', filter: { type: 'peaking', frequency: 3000, gainDb: 3, q: 1.2 } },
			{ kind: 'filter', filter: { type: 'highshelf', frequency: 9000, gainDb: -3 } }
		]
	},
	car: {
		...systemInfo.car,
		stages: [
			// Door woofers still fall off in the deepest sub.
			{ kind: 'filter', filter: { type: 'highpass', frequency: 28 } },
			// Cabin gain and the factory tuning: +6 to +9 dB from 40 to 100 Hz.
			{ kind: 'filter', filter: { type: 'lowshelf', frequency: 150, gainDb: 6 } },
			// The cabin's resonances: a boom and a dip in the low end, which is uneven up to a few
			// hundred hertz.
			{ kind: 'filter', filter: { type: 'peaking', frequency: 65, gainDb: 3, q: 1.2 } },
			{ kind: 'filter', filter: { type: 'peaking', frequency: 250, gainDb: -5, q: 1.4 } },
			{ kind: 'delay', channel: 1, delayMs: 1 }
		]
	},
	club: {
		...systemInfo.club,
		stages: [
			{ kind: 'bassMono', frequency: 120 },
			{ kind: 'filter', filter: { type: 'highpass', frequency: 30 } },
			{ kind: 'filter', filter: { type: 'lowshelf', frequency: 80, gainDb: 6 } },
			{ kind: 'filter', filter: { type: 'highshelf', frequency: 8000, gainDb: -2 } },
			{ kind: 'limiter', settings: { ceilingDbtp: -1, releaseMs: 150 } }
		]
	}
} satisfies Record<string, PlaybackSystem>;

/** Ids of the playback systems. */
export type SystemId = keyof typeof systems;

/** The system ids in display order. */
export const systemIds = Object.keys(systems) as SystemId[];

/**
 * Renders `channels` as heard on `system` (an id or a custom chain). Returns new arrays of the same
 * length and channel count; the input is left alone. The limiter's lookahead is compensated, so the
 * output stays time-aligned with the input (filters add only their own phase delay).
 */
export function renderSystem({
	system,
	channels,
	sampleRate
}: {
	system: SystemId | PlaybackSystem;
	channels: Float32Array[];
	sampleRate: SampleRate;
}): Float32Array[] {
	const { stages } = typeof system === 'string' ? systems[system] : system;
	if (!stages) throw new RangeError(`unknown playback system ${String(system)}`);
	let audio: Float32Array[] = channels.map((c) => c.slice());
	const stereo = audio.length === 2;
	for (const stage of stages) {
		switch (stage.kind) {
			case 'filter':
				new BiquadFilter({
					coefficients: designBiquad(stage.filter, sampleRate),
					channelCount: audio.length
				}).process(audio);
				break;
			case 'mono':
				if (stereo) setWidth({ channels: audio, width: 0 });
				break;
			case 'width':
				if (stereo) setWidth({ channels: audio, width: stage.width });
				break;
			case 'bassMono':
				if (stereo) bassMono(audio, stage.frequency, sampleRate);
				break;
			case 'delay':
				if (stereo) delayChannel({ channels: audio, sampleRate, ...stage });
				break;
			case 'limiter':
				audio = limit({ channels: audio, sampleRate, ...stage.settings }).channels;
				break;
		}
	}
	return audio;
}

/** High-passes the side signal of a stereo pair in place, leaving the mid untouched. */
function bassMono(audio: Float32Array[], frequency: number, sampleRate: SampleRate): void {
	const [left, right] = audio;
	const side = new Float32Array(left.length);
	for (let i = 0; i < left.length; i++) side[i] = 0.5 * (left[i] - right[i]);
	const filter = new BiquadFilter({
		coefficients: BUTTERWORTH4_Q.map((q) => highpassCoefficients({ sampleRate, frequency, q })),
		channelCount: 1
	});
	const filtered = new Float32Array(left.length);
	filter.process([side], [filtered]);
	for (let i = 0; i < left.length; i++) {
		// L = M + S, R = M − S with M = L − S_old: swap the old side for the filtered one.
		const mid = left[i] - side[i];
		left[i] = mid + filtered[i];
		right[i] = mid - filtered[i];
	}
}
