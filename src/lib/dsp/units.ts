/**
 * Named units for audio code (after Tone.js's Units.ts). They are plain numbers; the names document
 * intent in signatures and make mix-ups visible in review.
 */
export type Hertz = number;
export type Seconds = number;
export type Decibels = number;
/** Decibels relative to digital full scale (a sample value of ±1). */
export type Dbfs = number;
/** Loudness units relative to full scale (ITU-R BS.1770). */
export type Lufs = number;
/** Frames per second of one channel. */
export type SampleRate = number;

/**
 * Converts decibels to a linear amplitude ratio.
 * @example dbToGain(-6.0206) // ≈ 0.5
 */
export function dbToGain(db: Decibels): number {
	return Math.pow(10, db / 20);
}

/**
 * Converts a linear amplitude ratio to decibels (−Infinity for 0).
 * @example gainToDb(0.5) // ≈ -6.0206
 */
export function gainToDb(gain: number): Decibels {
	return 20 * Math.log10(gain);
}
