import { describe, expect, it } from 'vitest';
import { measureLoudness } from './loudness';

/** Tolerance of EBU Tech 3341 for M, S and I. */
const LU_TOLERANCE = 0.1;
/** Tolerance of EBU Tech 3342 for LRA. */
const LRA_TOLERANCE = 1;

/** A phase-continuous sine through segments of [peak dBFS (null = silence), seconds]. */
function tone(
	segments: [number | null, number][],
	{ sampleRate = 48000, frequency = 1000 } = {}
): Float32Array {
	const total = segments.reduce((n, [, seconds]) => n + Math.round(seconds * sampleRate), 0);
	const out = new Float32Array(total);
	let i = 0;
	for (const [dbfs, seconds] of segments) {
		const amplitude = dbfs === null ? 0 : Math.pow(10, dbfs / 20);
		const end = i + Math.round(seconds * sampleRate);
		for (; i < end; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
	}
	return out;
}

/** The same tone in both channels (EBU test signals are stereo with identical channels). */
function stereo(segments: [number | null, number][], options?: Parameters<typeof tone>[1]) {
	const left = tone(segments, options);
	return [left, left.slice()];
}

function expectNear(actual: number | null, expected: number, tolerance: number) {
	expect(actual).not.toBeNull();
	expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

describe('measureLoudness: EBU Tech 3341 cases built from their definitions', () => {
	it('case 1: stereo 1 kHz at −23 dBFS for 20 s reads −23.0 (M, S and I)', () => {
		const r = measureLoudness({ channels: stereo([[-23, 20]]), sampleRate: 48000 });
		expectNear(r.integrated, -23, LU_TOLERANCE);
		expectNear(r.momentaryMax, -23, LU_TOLERANCE);
		expectNear(r.shortTermMax, -23, LU_TOLERANCE);
	});

	it('case 2: stereo 1 kHz at −33 dBFS for 20 s reads −33.0', () => {
		const r = measureLoudness({ channels: stereo([[-33, 20]]), sampleRate: 48000 });
		expectNear(r.integrated, -33, LU_TOLERANCE);
	});

	it('case 3: −36 / −23 / −36 dBFS for 10 / 60 / 10 s gates the quiet parts (−23.0)', () => {
		const channels = stereo([
			[-36, 10],
			[-23, 60],
			[-36, 10]
		]);
		expectNear(measureLoudness({ channels, sampleRate: 48000 }).integrated, -23, LU_TOLERANCE);
	});

	it('case 4: −72 / −36 / −23 / −36 / −72 dBFS for 10 / 10 / 60 / 10 / 10 s reads −23.0', () => {
		const channels = stereo([
			[-72, 10],
			[-36, 10],
			[-23, 60],
			[-36, 10],
			[-72, 10]
		]);
		expectNear(measureLoudness({ channels, sampleRate: 48000 }).integrated, -23, LU_TOLERANCE);
	});

	it('case 5: −26 / −20 / −26 dBFS for 20 / 20.1 / 20 s reads −23.0 (nothing gated)', () => {
		// Reconstructed from Tech 3341's description; the energy mean works out at −23.00 LUFS.
		const channels = stereo([
			[-26, 20],
			[-20, 20.1],
			[-26, 20]
		]);
		expectNear(measureLoudness({ channels, sampleRate: 48000 }).integrated, -23, LU_TOLERANCE);
	});

	// Case 6 (5.0 channels with surround weights 1.41) is out of scope: this meter is mono/stereo.
	// Cases 7–8 are authentic programme files and cannot be rebuilt from a definition.

	it('case 9 style: alternating −20 / −30 dBFS for 1.34 / 1.66 s keeps S at −23.0', () => {
		const segments: [number, number][] = [];
		for (let n = 0; n < 5; n++) segments.push([-20, 1.34], [-30, 1.66]);
		const r = measureLoudness({ channels: stereo(segments), sampleRate: 48000, series: true });
		const shortTerm = r.series!.shortTerm;
		expect(shortTerm.length).toBeGreaterThan(100);
		for (const [, lufs] of shortTerm) expectNear(lufs, -23, LU_TOLERANCE);
	});

	it('momentary analogue: alternating −20 / −30 dBFS for 0.18 / 0.22 s keeps M at −23.0', () => {
		const segments: [number, number][] = [];
		for (let n = 0; n < 25; n++) segments.push([-20, 0.18], [-30, 0.22]);
		const r = measureLoudness({ channels: stereo(segments), sampleRate: 48000, series: true });
		for (const [, lufs] of r.series!.momentary) expectNear(lufs, -23, LU_TOLERANCE);
	});

	it.each([0, 0.0031, 0.0057, 0.0149])(
		'max momentary of a 0.4 s −23 dBFS burst starting %s s off the grid reads −23.0',
		(offset) => {
			const channels = stereo([
				[null, 1 + offset],
				[-23, 0.4],
				[null, 1]
			]);
			expectNear(measureLoudness({ channels, sampleRate: 48000 }).momentaryMax, -23, LU_TOLERANCE);
		}
	);

	it.each([0, 0.0043, 0.0512])(
		'max short-term of a 3 s −23 dBFS burst starting %s s off the grid reads −23.0',
		(offset) => {
			const channels = stereo([
				[null, 1 + offset],
				[-23, 3],
				[null, 1]
			]);
			expectNear(measureLoudness({ channels, sampleRate: 48000 }).shortTermMax, -23, LU_TOLERANCE);
		}
	);
});

describe('measureLoudness: sample rates and channel counts', () => {
	it.each([8000, 22050, 44100, 48000, 96000, 192000])(
		'stereo 1 kHz at −23 dBFS for 10 s reads −23.0 at %i Hz',
		(sampleRate) => {
			const r = measureLoudness({ channels: stereo([[-23, 10]], { sampleRate }), sampleRate });
			expectNear(r.integrated, -23, LU_TOLERANCE);
			expectNear(r.shortTermMax, -23, LU_TOLERANCE);
		}
	);

	it('a mono file is one channel: a −23 dBFS sine reads 10·log10(1/2) ≈ −26.0 LUFS', () => {
		// z = A²/2 for one channel instead of 2·A²/2 for two: 3.01 dB less, no mono compensation.
		const r = measureLoudness({ channels: [tone([[-23, 10]])], sampleRate: 48000 });
		expectNear(r.integrated, -26.01, LU_TOLERANCE);
	});
});

describe('measureLoudness: silence, short files and series', () => {
	it('returns null (never NaN or −Infinity) for digital silence', () => {
		const r = measureLoudness({ channels: stereo([[null, 5]]), sampleRate: 48000, series: true });
		expect(r).toMatchObject({
			integrated: null,
			range: null,
			momentaryMax: null,
			shortTermMax: null
		});
		expect(r.series!.momentary.every(([, v]) => v === null)).toBe(true);
	});

	it('gates everything below −70 LUFS', () => {
		const r = measureLoudness({ channels: stereo([[-75, 5]]), sampleRate: 48000 });
		expect(r.integrated).toBeNull();
		expectNear(r.momentaryMax, -75, LU_TOLERANCE);
	});

	it('returns null maxima for files shorter than the windows', () => {
		const r = measureLoudness({ channels: stereo([[-23, 0.3]]), sampleRate: 48000 });
		expect(r).toMatchObject({ integrated: null, momentaryMax: null, shortTermMax: null });
		expect(measureLoudness({ channels: [], sampleRate: 48000 }).integrated).toBeNull();
	});

	it('emits momentary every 10 ms from 0.4 s and short-term every 100 ms from 3 s', () => {
		const channels = stereo([[-23, 5]], { sampleRate: 44100 });
		const r = measureLoudness({ channels, sampleRate: 44100, series: true });
		const { momentary, shortTerm } = r.series!;
		expect(momentary).toHaveLength(461);
		expect(momentary[0][0]).toBeCloseTo(0.4, 9);
		expect(momentary[1][0] - momentary[0][0]).toBeCloseTo(0.01, 9);
		expect(shortTerm).toHaveLength(21);
		expect(shortTerm[0][0]).toBeCloseTo(3, 9);
		expect(shortTerm[20][0]).toBeCloseTo(5, 9);
	});
});

describe('measureLoudness: EBU Tech 3342 loudness range', () => {
	it.each([
		[[-20, -30], 10],
		[[-20, -15], 5],
		[[-40, -20], 20],
		[[-50, -35, -20, -35, -50], 15]
	])('20 s segments at %j dBFS give LRA %i LU', (levels, expected) => {
		const channels = stereo(levels.map((dbfs): [number, number] => [dbfs, 20]));
		expectNear(measureLoudness({ channels, sampleRate: 48000 }).range, expected, LRA_TOLERANCE);
	});

	it('gives LRA ≈ 0 for a steady tone', () => {
		expectNear(measureLoudness({ channels: stereo([[-23, 20]]), sampleRate: 48000 }).range, 0, 0.1);
	});
});
