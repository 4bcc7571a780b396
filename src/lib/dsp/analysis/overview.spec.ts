import { describe, expect, it } from 'vitest';
import { bucketMax, waveformOverview } from './overview';

describe('waveformOverview', () => {
	it('finds each slice’s extremes over all channels', () => {
		const left = Float32Array.from([0, 0.5, -0.2, 0, 0, 0.1]);
		const right = Float32Array.from([0, 0, 0, -0.9, 0.3, 0]);
		expect(waveformOverview({ channels: [left, right], buckets: 2 })).toEqual({
			min: [-0.2, -0.9].map((v) => Math.fround(v)),
			max: [0.5, 0.3].map((v) => Math.fround(v))
		});
	});

	it('shows a limited "wall" as a flat top: a clipped sine fills every bucket to the ceiling', () => {
		const sine = Float32Array.from({ length: 44100 }, (_, i) =>
			Math.max(-0.5, Math.min(0.5, Math.sin(i / 7)))
		);
		const { max } = waveformOverview({ channels: [sine], buckets: 100 });
		expect(max.every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
	});
});

describe('bucketMax', () => {
	it('keeps the largest value of each slice, also when there are more buckets than samples', () => {
		expect(bucketMax({ trace: Float32Array.from([1, 3, 2, 0]), buckets: 2 })).toEqual([3, 2]);
		expect(bucketMax({ trace: Float32Array.from([4]), buckets: 3 })).toEqual([4, 4, 4]);
	});
});
