/** How the Mix Lab writes its controls' values (typographic minus, units), and the positions of its log-scaled sliders. */
export const signedDb = (db: number) =>
	`${db > 0 ? '+' : db < 0 ? '−' : ''}${Math.abs(db).toFixed(1)} dB`;
export const pan = (value: number) =>
	value === 0 ? 'Centre' : `${Math.round(Math.abs(value) * 100)} % ${value < 0 ? 'left' : 'right'}`;
export const hertz = (hz: number) =>
	hz >= 1000 ? `${(hz / 1000).toFixed(1)} kHz` : `${Math.round(hz)} Hz`;
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
