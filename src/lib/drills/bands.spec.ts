import { describe, expect, it } from 'vitest';
import { magnitudeDb, peakingCoefficients } from '../dsp/process/biquad';
import { BAND_Q, bandId, frequencyLabel, OCTAVE_BANDS_HZ, THIRD_OCTAVE_BANDS_HZ } from './bands';
import { drillKinds, getDrillKind, isDrillKindId } from './registry';

describe('bands', () => {
	it('lists ten octave bands and 28 third-octave bands from 31.5 Hz to 16 kHz', () => {
		expect(OCTAVE_BANDS_HZ).toHaveLength(10);
		expect(THIRD_OCTAVE_BANDS_HZ).toHaveLength(28);
		expect([OCTAVE_BANDS_HZ[0], OCTAVE_BANDS_HZ.at(-1)]).toEqual([31.5, 16000]);
		expect([THIRD_OCTAVE_BANDS_HZ[0], THIRD_OCTAVE_BANDS_HZ.at(-1)]).toEqual([31.5, 16000]);
		// Every octave centre is also a third-octave centre.
		for (const hz of OCTAVE_BANDS_HZ) expect(THIRD_OCTAVE_BANDS_HZ).toContain(hz);
	});

	it.each([
		[31.5, '31.5 Hz', '31.5'],
		[125, '125 Hz', '125'],
		[1000, '1 kHz', '1000'],
		[3150, '3.15 kHz', '3150'],
		[12500, '12.5 kHz', '12500'],
		[16000, '16 kHz', '16000']
	])('%d Hz reads "%s" with id "%s"', (hz, label, id) => {
		expect(frequencyLabel(hz)).toBe(label);
		expect(bandId(hz)).toBe(id);
	});

	it.each([['octave', 1] as const, ['third-octave', 1 / 3] as const])(
		'Q for %s bands puts the half-gain points %f octave apart',
		(width, octaves) => {
			// The cookbook's Q–bandwidth relation is defined at the half-gain (dB) points.
			const sampleRate = 192000;
			const gainDb = 12;
			const c = peakingCoefficients({ sampleRate, frequency: 1000, gainDb, q: BAND_Q[width] });
			const edge = magnitudeDb({
				coefficients: c,
				frequency: 1000 * 2 ** (octaves / 2),
				sampleRate
			});
			expect(Math.abs(edge - gainDb / 2)).toBeLessThan(0.1);
		}
	);
});

describe('registry', () => {
	it('lists the drills in order (EQ, dynamics, translation, balance) and looks them up by id', () => {
		expect(drillKinds.map((k) => k.id)).toEqual([
			'eq-boost',
			'eq-cut',
			'eq-detect',
			'eq-match',
			'limiter',
			'compression',
			'clipping',
			'level',
			'mono',
			'translation',
			'balance'
		]);
		for (const kind of drillKinds) {
			expect(getDrillKind(kind.id)).toBe(kind);
			expect(isDrillKindId(kind.id)).toBe(true);
			expect(kind.levels.length).toBeGreaterThanOrEqual(5);
			expect(kind.name.length).toBeGreaterThan(0);
			for (const level of kind.levels) expect(level.description.length).toBeGreaterThan(5);
		}
		expect(getDrillKind('eq-nope')).toBeUndefined();
		expect(isDrillKindId('constructor')).toBe(false);
	});

	it('ladders get harder: gains shrink or stay while the task narrows', () => {
		for (const kind of drillKinds.filter((k) => k.unit === 'dB')) {
			const values = kind.levels.map((l) => l.value);
			// eq-boost/cut: the gain may rise once, where the bands narrow to third-octaves.
			expect(values[0]).toBeGreaterThanOrEqual(values.at(-1)!);
		}
		expect(getDrillKind('eq-boost')!.levels[0].description).toBe(
			'a 12 dB octave boost among 3 bands'
		);
		expect(getDrillKind('eq-cut')!.levels.at(-1)!.description).toBe(
			'a 3 dB third-octave cut among 7 bands'
		);
	});
});
