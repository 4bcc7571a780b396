import { describe, expect, it } from 'vitest';
import {
	EQ_FREQUENCY_STEPS,
	EQ_MAX_GAIN_DB,
	PLOT,
	bandAt,
	frequencyAt,
	plotX,
	plotY,
	positionOf
} from './eq-demo';

describe('frequency slider', () => {
	it('spans 20 Hz to 20 kHz on a log axis', () => {
		expect(frequencyAt(0)).toBeCloseTo(20, 6);
		expect(frequencyAt(EQ_FREQUENCY_STEPS)).toBeCloseTo(20000, 3);
		expect(frequencyAt(EQ_FREQUENCY_STEPS / 2)).toBeCloseTo(Math.sqrt(20 * 20000), 3);
	});

	it.each([20, 63, 250, 1000, 3150, 12500, 20000])(
		'%s Hz survives a round trip within 1/100 octave',
		(hz) => {
			const octaves = Math.abs(Math.log2(frequencyAt(positionOf(hz)) / hz));
			expect(octaves).toBeLessThan(0.01);
		}
	);

	it('clamps frequencies off the axis', () => {
		expect(positionOf(5)).toBe(0);
		expect(positionOf(40000)).toBe(EQ_FREQUENCY_STEPS);
	});
});

describe('plot mapping', () => {
	it.each([
		[100, 6],
		[1000, 0],
		[8000, -12],
		[40, 11.5]
	])('a band at %s Hz and %s dB is found where it is drawn', (hz, db) => {
		const band = bandAt({ x: plotX(hz), y: plotY(db) });
		expect(Math.abs(Math.log2(frequencyAt(band.position) / hz))).toBeLessThan(0.01);
		expect(band.gainDb).toBeCloseTo(db, 6);
	});

	it('clamps the gain to ±12 dB and the frequency to the axis', () => {
		expect(bandAt({ x: -50, y: 0 })).toEqual({ position: 0, gainDb: EQ_MAX_GAIN_DB });
		expect(bandAt({ x: PLOT.width + 50, y: PLOT.height + 10 })).toEqual({
			position: EQ_FREQUENCY_STEPS,
			gainDb: -EQ_MAX_GAIN_DB
		});
	});

	it('puts 0 dB in the middle of the plot', () => {
		expect(plotY(0)).toBe(PLOT.height / 2);
		expect(bandAt({ x: 100, y: PLOT.height / 2 + 1 }).gainDb).toBe(0);
		expect(Object.is(bandAt({ x: 100, y: PLOT.height / 2 + 1 }).gainDb, -0)).toBe(false);
	});
});
