/**
 * The Mix Lab's controls: the values its sliders show that `format/` does not (pan, percent), and
 * the positions of its log-scaled sliders (levels and frequencies are written by `format/`).
 */

/** A pan position in words. */
export const pan = (value: number) =>
	value === 0 ? 'Centre' : `${Math.round(Math.abs(value) * 100)} % ${value < 0 ? 'left' : 'right'}`;
/** A 0 … 2 amount as a percentage. */
export const percent = (value: number) => `${Math.round(value * 100)} %`;

/** High-pass positions: 0 is off, then 20 … 500 Hz in log steps. */
export const HIGHPASS_STEPS = 24;
export const highpassAt = (position: number): number | null =>
	position <= 0 ? null : Math.round(20 * 25 ** ((position - 1) / (HIGHPASS_STEPS - 1)));
export const highpassPosition = (hz: number | null): number =>
	hz === null ? 0 : Math.round(1 + (Math.log(hz / 20) / Math.log(25)) * (HIGHPASS_STEPS - 1));

/** EQ frequency positions: 40 Hz … 16 kHz in log steps. */
export const EQ_STEPS = 60;
export const eqFrequencyAt = (position: number) => Math.round(40 * 400 ** (position / EQ_STEPS));
export const eqPosition = (hz: number) =>
	Math.round((Math.log(hz / 40) / Math.log(400)) * EQ_STEPS);
