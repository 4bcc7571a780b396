/**
 * A neutral reference for the bench's long-term spectrum: a rule of thumb, not a standard.
 *
 * The curve is in third-octave band POWER, the quantity `thirdOctaveSpectrum` reports (FFT bin powers
 * summed over each band). In those terms pink noise (power density ∝ 1/f, −3 dB/octave per hertz) is
 * flat, because every third-octave band is the same fraction of an octave wide. Balanced commercial
 * mixes are commonly described as pink-like in the low mids and falling a little faster than pink in
 * the highs, and a little lighter than pink at the very bottom (some spectrum analysers offer a
 * 4.5 dB/octave display slope so that such mixes look flat). The curve therefore is:
 *
 * - 0 dB (pink noise) from 100 Hz to 1 kHz;
 * - above 1 kHz, pink tilted down by 1.5 dB per octave (−4.5 dB/octave per hertz), so −6 dB at 16 kHz;
 * - below 100 Hz, falling 1.5 dB per octave towards the sub-bass, so −3 dB at 25 Hz.
 *
 * Levels are dB relative to the curve at 1 kHz. `alignReference` moves the curve to a measured
 * spectrum's level by least squares over 100 Hz – 5 kHz (the bands where most mixes agree best), so
 * a difference from it reads as "more" or "less" of a region than the rule of thumb suggests.
 */
import type { Decibels, Hertz } from '../units';

/** Tilt of the reference away from pink noise outside its flat region, dB per octave. */
export const REFERENCE_TILT_DB_PER_OCTAVE = 1.5;
/** The reference equals pink noise (flat band power) between these frequencies. */
export const REFERENCE_FLAT_FROM_HZ: Hertz = 100;
export const REFERENCE_FLAT_TO_HZ: Hertz = 1000;
/** The band range `alignReference` fits over by default. */
export const ALIGN_FROM_HZ: Hertz = 100;
export const ALIGN_TO_HZ: Hertz = 5000;

/**
 * The reference level of each frequency, dB of third-octave band power, 0 at 1 kHz.
 * @example referenceCurve([25, 100, 1000, 2000, 16000]) // [−3, 0, 0, −1.5, −6]
 */
export function referenceCurve(hzList: readonly Hertz[]): Decibels[] {
	return hzList.map((hz) => {
		if (!(hz > 0)) throw new RangeError(`referenceCurve: ${hz} Hz is not a frequency`);
		if (hz < REFERENCE_FLAT_FROM_HZ) {
			return REFERENCE_TILT_DB_PER_OCTAVE * Math.log2(hz / REFERENCE_FLAT_FROM_HZ);
		}
		if (hz > REFERENCE_FLAT_TO_HZ) {
			return -REFERENCE_TILT_DB_PER_OCTAVE * Math.log2(hz / REFERENCE_FLAT_TO_HZ);
		}
		return 0;
	});
}

/**
 * The reference moved to a measured spectrum's level: `offsetDb` minimizes the squared difference
 * over the bands from `fromHz` to `toHz` that have a reading (the least-squares constant is the mean
 * difference). With no such band the offset is null and the curve is returned as is (0 at 1 kHz).
 */
export function alignReference(
	spectrum: readonly { hz: Hertz; db: Decibels | null }[],
	{ fromHz = ALIGN_FROM_HZ, toHz = ALIGN_TO_HZ }: { fromHz?: Hertz; toHz?: Hertz } = {}
): { offsetDb: Decibels | null; referenceDb: Decibels[] } {
	const curve = referenceCurve(spectrum.map((band) => band.hz));
	let sum = 0;
	let count = 0;
	spectrum.forEach(({ hz, db }, i) => {
		if (db === null || !Number.isFinite(db) || hz < fromHz || hz > toHz) return;
		sum += db - curve[i];
		count++;
	});
	if (count === 0) return { offsetDb: null, referenceDb: curve };
	const offsetDb = sum / count;
	return { offsetDb, referenceDb: curve.map((db) => db + offsetDb) };
}
