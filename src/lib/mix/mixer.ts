/**
 * The mixer as data: each stem's channel strip is a `dsp/process` chain (the same processors the
 * drills and the `process` CLI use, so a stem's sound here is theirs to the bit), then a pan, then
 * the sum and the mix bus. `Mixer` keeps each stem's processed audio keyed by its settings, so a
 * change to one control re-runs one strip and the sum, and a fader or pan move only the sum: fast
 * enough to follow a slider. The bus tilt is linear, so it runs on each strip (the same as on the
 * sum, up to rounding) and a fader move does not filter the whole mix again; the bus squash, which is
 * not linear, runs on the sum.
 *
 * Pan law: constant power with 0 dB at the centre, L = √2·cos θ, R = √2·sin θ for θ = (pan + 1)·π/4,
 * so a centred mono stem plays at unity in both channels (all stems at 0 dB, centred and
 * unprocessed sum to exactly the plain sum), and a hard-panned one is +3 dB on its side. On a stereo
 * stem the pan is a balance: each side is that curve capped at unity.
 */
import { tiltSteps } from '../dsp/master/quick-master';
import { samplePeak } from '../dsp/analysis/levels';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { clip } from '../dsp/process/clipper';
import { dbToGain, type Dbfs, type Decibels, type SampleRate } from '../dsp/units';
import { stemIds, type MixSettings, type Stem, type StemId, type StemSettings } from './types';

/** Butterworth Qs of a 4th-order high-pass as two biquads (24 dB/octave). */
const HIGHPASS_QS = [0.5412, 1.3066];

/** The one-knob compressor at `amount` (0 … 1): threshold falls and ratio rises together. */
export function compressorFor(amount: number): ChainStep | null {
	if (!(amount > 0)) return null;
	return {
		type: 'compress',
		// Stems sit at −20 LUFS, peaks around −10 … −3 dBFS: from barely touching to 16 dB lower.
		thresholdDb: -10 - 16 * amount,
		ratio: 1 + 5 * amount,
		attackMs: 10,
		releaseMs: 120,
		kneeDb: 6,
		// Roughly what it takes off the body of a stem, so the knob changes the shape more than the level.
		makeupDb: 5 * amount
	};
}

/**
 * The processors of one strip, in order, before its fader: the fader and the pan are gains applied
 * as the strips are summed, so moving either re-runs no processor.
 */
export function stemChain({
	settings,
	stereo
}: {
	settings: StemSettings;
	stereo: boolean;
}): ChainStep[] {
	const chain: ChainStep[] = [];
	if (settings.polarity) chain.push({ type: 'polarity', channel: stereo ? 1 : 0 });
	if (settings.highpassHz !== null)
		for (const q of HIGHPASS_QS)
			chain.push({ type: 'highpass', frequencyHz: settings.highpassHz, q });
	for (const band of settings.eq) if (band.gainDb !== 0) chain.push({ ...band });
	const compressor = compressorFor(settings.compress);
	if (compressor) chain.push(compressor);
	if (stereo && settings.width !== 1) chain.push({ type: 'width', factor: settings.width });
	return chain;
}

/** Left and right gains of `pan` (see the law above); `stereo` caps each at unity (balance). */
export function panGains({ pan, stereo }: { pan: number; stereo: boolean }): [number, number] {
	// Exactly unity at the centre (√2·cos(π/4) rounds to 1 + 2⁻⁵²), so flat stems sum bit for bit.
	if (pan === 0) return [1, 1];
	const theta = ((Math.max(-1, Math.min(1, pan)) + 1) * Math.PI) / 4;
	const left = Math.SQRT2 * Math.cos(theta);
	const right = Math.SQRT2 * Math.sin(theta);
	return stereo ? [Math.min(1, left), Math.min(1, right)] : [left, right];
}

/** Left and right gains of a strip's fader and pan together. */
export function faderGains(settings: StemSettings, stereo: boolean): [number, number] {
	const fader = settings.gainDb === 0 ? 1 : dbToGain(settings.gainDb);
	const [left, right] = panGains({ pan: settings.pan, stereo });
	return [fader * left, fader * right];
}

/**
 * The bus's squash, in place: a cubic soft clipper (`dsp/process/clipper`) whose ceiling is the
 * sum's own sample peak, driven `squashDb` into it, so the peaks stay where they were and the body
 * comes up: how hard the mix is squashed, whatever its level. Returns the sample peak it used, dBFS.
 */
export function squashBus({
	channels,
	squashDb
}: {
	channels: Float32Array[];
	squashDb: Decibels;
}): Dbfs | null {
	const peak = samplePeak({ channels }).dbfs;
	if (peak !== null) clip({ channels, shape: 'cubic', driveDb: squashDb, ceilingDb: peak });
	return peak;
}

/** Stems that sound: the soloed ones if any, else every unmuted one. */
export function audibleStems(settings: MixSettings): StemId[] {
	const soloed = stemIds.filter((id) => settings.stems[id].solo);
	return soloed.length > 0 ? soloed : stemIds.filter((id) => !settings.stems[id].mute);
}

/** Which strip: the stem, its settings, and the bus tilt (0 dB unless given). */
export interface StripRequest {
	id: StemId;
	settings: StemSettings;
	tiltDb?: Decibels;
}

/** One strip's output before the pan, and the key it was made for. */
interface Strip {
	key: string;
	channels: Float32Array[];
}

/** A mix of one project's stems that re-processes only the strips whose settings changed. */
export class Mixer {
	readonly #stems: Map<StemId, Stem>;
	readonly #sampleRate: SampleRate;
	readonly #strips = new Map<StemId, Strip>();
	readonly #cache: boolean;
	/** Without the cache: one strip's buffers (mono, stereo), reused by the next strip. */
	readonly #oneOff: Float32Array[][] = [];

	/**
	 * @param cache keep each strip's output for the next mix (default). A one-off mix passes false:
	 *   each strip is then summed and let go, so at most one strip's audio is held at a time (a
	 *   strip's output is then good until the next strip of the same channel count is made).
	 */
	constructor({
		stems,
		sampleRate,
		cache = true
	}: {
		stems: readonly Stem[];
		sampleRate: SampleRate;
		cache?: boolean;
	}) {
		this.#stems = new Map(stems.map((stem) => [stem.id, stem]));
		this.#sampleRate = sampleRate;
		this.#cache = cache;
		for (const id of stemIds) if (!this.#stems.has(id)) throw new RangeError(`missing stem: ${id}`);
	}

	get sampleRate(): SampleRate {
		return this.#sampleRate;
	}

	get length(): number {
		return this.#stems.get('kick')!.channels[0].length;
	}

	/**
	 * Stem `id` through its strip and the bus tilt (before fader and pan): one channel, or two for a
	 * stereo stem.
	 */
	strip({ id, settings, tiltDb = 0 }: StripRequest): Float32Array[] {
		const stem = this.#stems.get(id)!;
		const stereo = stem.channels.length === 2;
		const chain = [...stemChain({ settings, stereo }), ...tiltSteps(tiltDb)];
		const key = JSON.stringify(chain);
		const cached = this.#strips.get(id);
		if (cached?.key === key) return cached.channels;
		const channels =
			chain.length === 0
				? stem.channels
				: applyChain({
						channels: stem.channels,
						sampleRate: this.#sampleRate,
						chain,
						into: this.#reusable(stem, cached),
						traces: false
					}).channels;
		if (this.#cache) this.#strips.set(id, { key, channels });
		return channels;
	}

	/**
	 * Buffers a strip of `stem` may be made in: with the cache, the strip's last output, which is let
	 * go (it comes back as a new array of them, so whoever keyed something on the old output sees a
	 * new one); without it, the one-off buffers the next strip of that width takes over.
	 */
	#reusable(stem: Stem, cached: Strip | undefined): Float32Array[] | undefined {
		if (this.#cache)
			return cached && cached.channels !== stem.channels ? cached.channels : undefined;
		return (this.#oneOff[stem.channels.length] ??= stem.channels.map(
			(c) => new Float32Array(c.length)
		));
	}

	/** Stem `id` as it sits in the mix: its strip, through its fader, panned to stereo. */
	placed({ id, settings, tiltDb = 0 }: StripRequest): Float32Array[] {
		const channels = this.strip({ id, settings, tiltDb });
		const stereo = channels.length === 2;
		const [gl, gr] = faderGains(settings, stereo);
		const left = new Float32Array(this.length);
		const right = new Float32Array(this.length);
		const l = channels[0];
		const r = channels[stereo ? 1 : 0];
		for (let i = 0; i < left.length; i++) {
			left[i] = l[i] * gl;
			right[i] = r[i] * gr;
		}
		return [left, right];
	}

	/**
	 * The stereo mix after the bus, in `into` when given (two buffers of the stems' length, which
	 * are overwritten: a caller re-mixing on every change passes the same pair each time).
	 */
	mix(settings: MixSettings, into?: Float32Array[]): { channels: Float32Array[] } {
		if (into && (into.length !== 2 || into.some((c) => c.length !== this.length)))
			throw new RangeError("mix: `into` must be two buffers of the stems' length");
		const [left, right] = into ?? [new Float32Array(this.length), new Float32Array(this.length)];
		if (into) {
			left.fill(0);
			right.fill(0);
		}
		for (const id of audibleStems(settings)) {
			const strip = settings.stems[id];
			const channels = this.strip({ id, settings: strip, tiltDb: settings.bus.tiltDb });
			const stereo = channels.length === 2;
			const [gl, gr] = faderGains(strip, stereo);
			const l = channels[0];
			const r = channels[stereo ? 1 : 0];
			for (let i = 0; i < left.length; i++) {
				left[i] += l[i] * gl;
				right[i] += r[i] * gr;
			}
		}
		if (settings.bus.squashDb > 0)
			squashBus({ channels: [left, right], squashDb: settings.bus.squashDb });
		return { channels: [left, right] };
	}
}

/** The stereo mix of `stems` with `settings` (a one-off `Mixer`). */
export function mixProject({
	stems,
	sampleRate,
	settings
}: {
	stems: readonly Stem[];
	sampleRate: SampleRate;
	settings: MixSettings;
}): Float32Array[] {
	return new Mixer({ stems, sampleRate, cache: false }).mix(settings).channels;
}

/** Neutral strip: 0 dB, centre, nothing on. */
export function flatStrip(): StemSettings {
	return {
		gainDb: 0,
		pan: 0,
		mute: false,
		solo: false,
		highpassHz: null,
		eq: [],
		compress: 0,
		width: 1,
		polarity: false
	};
}

/** Every stem flat, bus flat: the plain sum. */
export function flatMix(): MixSettings {
	return {
		stems: Object.fromEntries(stemIds.map((id) => [id, flatStrip()])) as Record<
			StemId,
			StemSettings
		>,
		bus: { tiltDb: 0, squashDb: 0 }
	};
}
