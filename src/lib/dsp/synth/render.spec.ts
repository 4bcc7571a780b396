import { existsSync, readFileSync } from 'node:fs';
import FFT from 'fft.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankPath, buildBank } from '../../../cli/build-bank';
import { measureLoudness } from '../analysis/loudness';
import { thirdOctaveSpectrum } from '../analysis/spectrum';
import { truePeak } from '../analysis/true-peak';
import { gainToDb } from '../units';
import {
	foldTail,
	loadBank,
	removeDc,
	renderArrangement,
	type RenderedClip,
	type SynthBank
} from './render';
import { styleIds, type StyleId } from './styles';

const sampleRate = 44100;
const seconds = 6;
let bank: SynthBank;
const clips = new Map<StyleId, RenderedClip>();

beforeAll(async () => {
	if (!existsSync(bankPath)) buildBank();
	const bytes = readFileSync(bankPath);
	bank = loadBank(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
	for (const style of styleIds)
		clips.set(style, await renderArrangement({ style, seed: 1, seconds, sampleRate, bank }));
}, 60_000);

/** Octave-band energies (dB) of both channels from a Hann-windowed Welch average. */
function octaveBandsDb(clip: RenderedClip, centres: number[], size = 8192): number[] {
	const fft = new FFT(size);
	const out = fft.createComplexArray() as number[];
	const frame = new Array<number>(size);
	const power = new Float64Array(size / 2);
	for (const x of [clip.left, clip.right])
		for (let start = 0; start + size <= x.length; start += size / 2) {
			for (let i = 0; i < size; i++)
				frame[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
			fft.realTransform(out, frame);
			for (let k = 0; k < size / 2; k++) power[k] += out[2 * k] ** 2 + out[2 * k + 1] ** 2;
		}
	return centres.map((fc) => {
		const lo = Math.ceil(((fc / Math.SQRT2) * size) / sampleRate);
		const hi = Math.min(size / 2 - 1, Math.floor((fc * Math.SQRT2 * size) / sampleRate));
		let sum = 0;
		for (let k = lo; k <= hi; k++) sum += power[k];
		return 10 * Math.log10(sum);
	});
}

describe('renderArrangement', () => {
	it.each(styleIds)('%s: peak −6 dBFS (−9…−4), no clipping, |DC| < 0.001', (style) => {
		const clip = clips.get(style)!;
		expect(clip.left.length).toBe(seconds * sampleRate);
		let peak = 0;
		for (const x of [clip.left, clip.right]) {
			let sum = 0;
			for (const v of x) {
				sum += v;
				peak = Math.max(peak, Math.abs(v));
			}
			expect(Math.abs(sum / x.length)).toBeLessThan(0.001);
		}
		expect(gainToDb(peak)).toBeGreaterThan(-9);
		expect(gainToDb(peak)).toBeLessThan(-4);
		const tp = truePeak({ channels: [clip.left, clip.right], sampleRate }).dbtp!;
		expect(tp).toBeLessThan(-1);
	});

	it.each(styleIds)(
		'%s: an unmastered PLR (true peak − integrated loudness) of 12–20 dB',
		(style) => {
			const clip = clips.get(style)!;
			const channels = [clip.left, clip.right];
			const loudness = measureLoudness({ channels, sampleRate }).integrated!;
			const plr = truePeak({ channels, sampleRate }).dbtp! - loudness;
			expect(plr).toBeGreaterThan(12);
			expect(plr).toBeLessThan(20);
		}
	);

	/*
	 * A click is a step that stands out from the music's own steps. The seam (last sample → first) must
	 * be no larger than the 99.9th percentile of every sample-to-sample step in the clip; a missing
	 * crossfade jumps by the signal's amplitude, tens of times more.
	 */
	it.each(styleIds)(
		'%s: loops without a click (seam step within the clip’s own steps)',
		(style) => {
			const clip = clips.get(style)!;
			for (const x of [clip.left, clip.right]) {
				const steps = new Float32Array(x.length - 1);
				for (let i = 1; i < x.length; i++) steps[i - 1] = Math.abs(x[i] - x[i - 1]);
				steps.sort();
				const p999 = steps[Math.floor(steps.length * 0.999)];
				expect(Math.abs(x[0] - x[x.length - 1])).toBeLessThanOrEqual(p999);
			}
		}
	);

	/*
	 * Target: the octave-band energy of typical mixed pop music, flat from 63 Hz to 1 kHz, 6 dB down at
	 * 31.5 Hz and falling 4.5 dB per octave above 1 kHz (after the long-term average spectra in Pestana
	 * et al., AES 135, 2013: approximate). Offset removed by its mean; every band must lie within
	 * ±10 dB of it (measured worst case for seed 1: 8.4 dB, pop-rock's 1 kHz band).
	 */
	it.each(styleIds)(
		'%s: broadband, every octave band 31.5 Hz–16 kHz within ±10 dB of target',
		(style) => {
			const centres = [31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000];
			const target = centres.map((f) => (f < 40 ? -6 : f <= 1000 ? 0 : -4.5 * Math.log2(f / 1000)));
			const bands = octaveBandsDb(clips.get(style)!, centres);
			const diff = bands.map((b, i) => b - target[i]);
			const offset = diff.reduce((a, b) => a + b, 0) / diff.length;
			for (const d of diff) expect(Math.abs(d - offset)).toBeLessThan(10);
		}
	);

	/*
	 * The same target in third-octave bands (the analysis module's long-term average spectrum), as the
	 * drills use them: each band from 31.5 Hz to 16 kHz must hold energy (no empty band) and lie within
	 * ±16 dB of the target after removing the mean offset. Third-octave levels of one 8 s clip scatter
	 * more than octave levels: over 16 clips (4 styles × seeds 1–4) the worst band was 15.3 dB off
	 * (pop-rock seed 4 at 31.5 Hz); typical bands sit within ±6 dB.
	 */
	it.each(styleIds)(
		'%s: every third-octave band 31.5 Hz–16 kHz holds energy within ±16 dB of target',
		(style) => {
			const clip = clips.get(style)!;
			const bands = thirdOctaveSpectrum({ channels: [clip.left, clip.right], sampleRate }).filter(
				(b) => b.nominal >= 31.5 && b.nominal <= 16000
			);
			expect(bands).toHaveLength(28);
			const target = (f: number) =>
				f < 63 ? -6 * Math.log2(63 / f) : f <= 1000 ? 0 : -4.5 * Math.log2(f / 1000);
			for (const band of bands) expect(band.db, `${band.nominal} Hz`).not.toBeNull();
			const diff = bands.map((b) => b.db! - target(b.nominal));
			const offset = diff.reduce((a, b) => a + b, 0) / diff.length;
			diff.forEach((d, i) =>
				expect(Math.abs(d - offset), `${bands[i].nominal} Hz`).toBeLessThan(16)
			);
		}
	);

	it('same seed → identical samples; another seed → other events and audio', async () => {
		const again = await renderArrangement({
			style: 'pop-rock',
			seed: 1,
			seconds,
			sampleRate,
			bank
		});
		const first = clips.get('pop-rock')!;
		expect(again.left).toEqual(first.left);
		expect(again.right).toEqual(first.right);
		const other = await renderArrangement({
			style: 'pop-rock',
			seed: 2,
			seconds,
			sampleRate,
			bank
		});
		expect(other.events).not.toEqual(first.events);
		let diff = 0;
		for (let i = 0; i < first.left.length; i++) diff += Math.abs(first.left[i] - other.left[i]);
		expect(diff / first.left.length).toBeGreaterThan(0.001);
	});

	it('renders at 48 kHz too', async () => {
		const clip = await renderArrangement({
			style: 'ballad',
			seed: 4,
			seconds: 3,
			sampleRate: 48000,
			bank
		});
		expect(clip.left.length).toBe(144000);
		expect(clip.sampleRate).toBe(48000);
	});
});

describe('foldTail and removeDc', () => {
	it('fold adds the ring-out onto the start, wrapping when the tail outlasts the clip', () => {
		const buffer = new Float32Array([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
		const out = foldTail({ buffer, length: 4, fadeLength: 0 });
		expect(Array.from(out)).toEqual([5, 5, 3, 3]);
	});

	it('removeDc removes an offset and keeps a loop seamless', () => {
		const n = 44100;
		const x = new Float32Array(n);
		for (let i = 0; i < n; i++) x[i] = 0.3 + 0.5 * Math.sin((2 * Math.PI * 100 * i) / n);
		removeDc({ buffer: x, sampleRate: 44100 });
		let sum = 0;
		for (const v of x) sum += v;
		expect(Math.abs(sum / n)).toBeLessThan(1e-4);
		// The sine (100 cycles per loop) passes within 0.1 dB, and the seam step matches a normal step.
		let peak = 0;
		for (const v of x) peak = Math.max(peak, Math.abs(v));
		expect(gainToDb(peak / 0.5)).toBeCloseTo(0, 1);
		expect(Math.abs(x[0] - x[n - 1])).toBeLessThan(2 * Math.abs(x[1] - x[0]) + 1e-6);
	});
});
