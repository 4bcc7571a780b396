/**
 * The EQ demo's mapping between the learner's band (frequency on a log axis, gain in dB) and the
 * plot and sliders, kept apart from the component so it can be tested. The plot geometry matches
 * EqCurve.svelte (a 320 × 150 plot over 20 Hz–20 kHz, ±rangeDb, with an 18-unit axis strip below).
 */
import type { Decibels, Hertz } from '../dsp/units';

export const EQ_MIN_HZ: Hertz = 20;
export const EQ_MAX_HZ: Hertz = 20000;
export const EQ_MAX_GAIN_DB: Decibels = 12;
export const EQ_GAIN_STEP_DB: Decibels = 0.5;
/** Steps of the frequency slider: ten octaves in 1000 steps, about 1/100 octave each. */
export const EQ_FREQUENCY_STEPS = 1000;
/** EqCurve's plot, in its viewBox units. */
export const PLOT = { width: 320, height: 150, axisHeight: 18, rangeDb: 15, inset: 8 } as const;

/**
 * Frequency at a slider position (0…EQ_FREQUENCY_STEPS), on a log axis.
 * @example frequencyAt(500) // ≈ 632 Hz, the geometric middle of 20 Hz–20 kHz
 */
export function frequencyAt(position: number): Hertz {
	return EQ_MIN_HZ * (EQ_MAX_HZ / EQ_MIN_HZ) ** (position / EQ_FREQUENCY_STEPS);
}

/** The slider position nearest to a frequency. */
export function positionOf(frequencyHz: Hertz): number {
	const position =
		(Math.log(frequencyHz / EQ_MIN_HZ) / Math.log(EQ_MAX_HZ / EQ_MIN_HZ)) * EQ_FREQUENCY_STEPS;
	return Math.round(Math.min(EQ_FREQUENCY_STEPS, Math.max(0, position)));
}

/** x of a frequency in the plot's viewBox. */
export function plotX(frequencyHz: Hertz): number {
	return (Math.log10(frequencyHz / EQ_MIN_HZ) / Math.log10(EQ_MAX_HZ / EQ_MIN_HZ)) * PLOT.width;
}

/** y of a gain in the plot's viewBox. */
export function plotY(gainDb: Decibels): number {
	return PLOT.height / 2 - (gainDb / PLOT.rangeDb) * (PLOT.height / 2 - PLOT.inset);
}

/** The band a point of the plot stands for: slider position and gain, clamped and on the gain step. */
export function bandAt({ x, y }: { x: number; y: number }): { position: number; gainDb: Decibels } {
	const position = Math.round((x / PLOT.width) * EQ_FREQUENCY_STEPS);
	const gain = ((PLOT.height / 2 - y) / (PLOT.height / 2 - PLOT.inset)) * PLOT.rangeDb;
	const stepped = Math.round(gain / EQ_GAIN_STEP_DB) * EQ_GAIN_STEP_DB;
	return {
		position: Math.min(EQ_FREQUENCY_STEPS, Math.max(0, position)),
		gainDb: Math.min(EQ_MAX_GAIN_DB, Math.max(-EQ_MAX_GAIN_DB, stepped)) || 0
	};
}
