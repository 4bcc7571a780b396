/**
 * The mixer as data: each stem's channel strip is a `dsp/process` chain (the same processors the
 * drills and the `process` CLI use, so a stem's sound here is theirs to the bit), then a pan, then
 * the sum and the mix bus. `Mixer` keeps each stem's processed audio keyed by its settings, so a
 * change to one control re-runs one strip and the sum: fast enough to follow a slider.
 *
 * Pan law: constant power with 0 dB at the centre, L = √2·cos θ, R = √2·sin θ for θ = (pan + 1)·π/4,
 * so a centred mono stem plays at unity in both channels (all stems at 0 dB, centred and
 * unprocessed sum to exactly the plain sum), and a hard-panned one is +3 dB on its side. On a stereo
 * stem the pan is a balance: each side is that curve capped at unity.
 */
import { tiltSteps } from '../dsp/master/quick-master';
import { truePeak } from '../dsp/analysis/true-peak';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import type { Dbfs, SampleRate } from '../dsp/units';
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

/** The processors of one strip, in order (pan and the bus excluded). */
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
	if (settings.gainDb !== 0) chain.push({ type: 'gain', gainDb: settings.gainDb });
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

/**
 * The bus chain: tilt, then, when driven, a limiter whose ceiling is the sum's own true peak
 * (`sumPeakDbtp`), so `squashDb` says how hard the mix is squashed whatever its level.
 */
export function busChain({
	bus,
	sumPeakDbtp = 0
}: {
	bus: MixSettings['bus'];
	sumPeakDbtp?: Dbfs;
}): ChainStep[] {
	const chain = tiltSteps(bus.tiltDb);
	if (bus.squashDb > 0)
		chain.push({ type: 'limit', ceilingDbtp: sumPeakDbtp, driveDb: bus.squashDb });
	return chain;
}

/** Stems that sound: the soloed ones if any, else every unmuted one. */
export function audibleStems(settings: MixSettings): StemId[] {
	const soloed = stemIds.filter((id) => settings.stems[id].solo);
	return soloed.length > 0 ? soloed : stemIds.filter((id) => !settings.stems[id].mute);
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

	constructor({ stems, sampleRate }: { stems: readonly Stem[]; sampleRate: SampleRate }) {
		this.#stems = new Map(stems.map((stem) => [stem.id, stem]));
		this.#sampleRate = sampleRate;
		for (const id of stemIds) if (!this.#stems.has(id)) throw new RangeError(`missing stem: ${id}`);
	}

	get sampleRate(): SampleRate {
		return this.#sampleRate;
	}

	get length(): number {
		return this.#stems.get('kick')!.channels[0].length;
	}

	/** Stem `id` through its strip (before the pan): one channel, or two for a stereo stem. */
	strip({ id, settings }: { id: StemId; settings: StemSettings }): Float32Array[] {
		const stem = this.#stems.get(id)!;
		const stereo = stem.channels.length === 2;
		const chain = stemChain({ settings, stereo });
		const key = JSON.stringify(chain);
		const cached = this.#strips.get(id);
		if (cached?.key === key) return cached.channels;
		const channels =
			chain.length === 0
				? stem.channels
				: applyChain({ channels: stem.channels, sampleRate: this.#sampleRate, chain }).channels;
		this.#strips.set(id, { key, channels });
		return channels;
	}

	/** Stem `id` as it sits in the mix: its strip, panned to stereo. */
	placed({ id, settings }: { id: StemId; settings: StemSettings }): Float32Array[] {
		const channels = this.strip({ id, settings });
		const stereo = channels.length === 2;
		const [gl, gr] = panGains({ pan: settings.pan, stereo });
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

	/** The stereo mix after the bus, and the bus limiter's gain reduction (dB per sample) if any. */
	mix(settings: MixSettings): { channels: Float32Array[]; busGainReductionDb?: Float32Array } {
		const left = new Float32Array(this.length);
		const right = new Float32Array(this.length);
		for (const id of audibleStems(settings)) {
			const strip = settings.stems[id];
			const channels = this.strip({ id, settings: strip });
			const stereo = channels.length === 2;
			const [gl, gr] = panGains({ pan: strip.pan, stereo });
			const l = channels[0];
			const r = channels[stereo ? 1 : 0];
			for (let i = 0; i < left.length; i++) {
				left[i] += l[i] * gl;
				right[i] += r[i] * gr;
			}
		}
		const squashed = settings.bus.squashDb > 0;
		const sumPeakDbtp = squashed
			? (truePeak({ channels: [left, right], sampleRate: this.#sampleRate }).dbtp ?? 0)
			: 0;
		const chain = busChain({ bus: settings.bus, sumPeakDbtp });
		if (chain.length === 0) return { channels: [left, right] };
		const result = applyChain({ channels: [left, right], sampleRate: this.#sampleRate, chain });
		const limiter = chain.findIndex((step) => step.type === 'limit');
		return {
			channels: result.channels,
			busGainReductionDb: limiter >= 0 ? result.gainReductionDb.get(limiter) : undefined
		};
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
	return new Mixer({ stems, sampleRate }).mix(settings).channels;
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
