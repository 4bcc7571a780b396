import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../analysis/loudness';
import { truePeak } from '../analysis/true-peak';
import { mulberry32 } from '../test-signals';
import { matchLoudness } from './loudness-match';

/** Seeded white noise (mulberry32) shaped by a one-pole low-pass, so versions differ in spectrum. */
function noise({
	seed,
	seconds,
	sampleRate,
	gain,
	smoothing = 0
}: {
	seed: number;
	seconds: number;
	sampleRate: number;
	gain: number;
	smoothing?: number;
}): Float32Array[] {
	const random = mulberry32(seed);
	const next = () => random() - 0.5;
	return [0, 1].map(() => {
		const out = new Float32Array(Math.round(seconds * sampleRate));
		let y = 0;
		for (let i = 0; i < out.length; i++) {
			y = smoothing * y + (1 - smoothing) * next();
			out[i] = y * gain;
		}
		return out;
	});
}

const I = (channels: Float32Array[], sampleRate: number) =>
	measureLoudness({ channels, sampleRate }).integrated!;

describe('matchLoudness', () => {
	it.each([
		[44100, 0.2, 0.05, 0],
		[48000, 0.05, 0.4, 0.9],
		[96000, 0.3, 0.1, 0.5]
	])(
		'at %d Hz brings B to A within 0.1 LU (gains %f vs %f)',
		(sampleRate, gainA, gainB, smoothing) => {
			const a = noise({ seed: 1, seconds: 3, sampleRate, gain: gainA });
			const b = noise({ seed: 2, seconds: 3, sampleRate, gain: gainB, smoothing });
			const result = matchLoudness({ versions: [a, b], sampleRate, ceilingDbtp: 6 });
			expect(result.guardDb).toBe(0);
			expect(result.gainsDb[0]).toBe(0);
			expect(Math.abs(I(result.outputs[1], sampleRate) - I(a, sampleRate))).toBeLessThan(0.1);
		}
	);

	it('lowers every version together when matching would push a peak over the ceiling', () => {
		const sampleRate = 48000;
		const loud = noise({ seed: 3, seconds: 3, sampleRate, gain: 1.2 }); // peaks near 0 dBFS
		const quiet = noise({ seed: 4, seconds: 3, sampleRate, gain: 0.05, smoothing: 0.95 });
		const result = matchLoudness({ versions: [loud, quiet], sampleRate, ceilingDbtp: -1 });
		expect(result.guardDb).toBeGreaterThan(0);
		const peaks = result.outputs.map((v) => truePeak({ channels: v, sampleRate }).dbtp!);
		for (const peak of peaks) expect(peak).toBeLessThanOrEqual(-1 + 0.05);
		// The version that limited the match sits right at the ceiling, and both are still matched.
		expect(Math.max(...peaks)).toBeGreaterThan(-1.1);
		const [la, lb] = result.outputs.map((v) => I(v, sampleRate));
		expect(Math.abs(la - lb)).toBeLessThan(0.1);
		expect(Math.abs(la - (I(loud, sampleRate) - result.guardDb))).toBeLessThan(0.1);
	});

	it('matches to an absolute target when given one', () => {
		const sampleRate = 44100;
		const versions = [0.1, 0.3, 0.02].map((gain, i) =>
			noise({ seed: 10 + i, seconds: 3, sampleRate, gain })
		);
		const result = matchLoudness({ versions, sampleRate, targetLufs: -30, ceilingDbtp: 0 });
		for (const output of result.outputs)
			expect(Math.abs(I(output, sampleRate) + 30)).toBeLessThan(0.1);
	});

	it('leaves silence alone instead of producing NaN', () => {
		const sampleRate = 44100;
		const silent = [new Float32Array(sampleRate), new Float32Array(sampleRate)];
		const result = matchLoudness({ versions: [silent, silent], sampleRate });
		expect(result.gainsDb).toEqual([0, 0]);
		expect(result.matchedLufs).toBeNull();
		expect(result.outputs[1].every((channel) => channel.every((v) => v === 0))).toBe(true);
	});
});
