/**
 * The ten octave bands the EQ drills and progress charts use, in a module of its own with no
 * imports, so the Today page can group answers by band without loading the analysis code.
 */
import type { Hertz } from '../dsp/units';

/** The ten octave-band centres, 31.5 Hz to 16 kHz. */
export const OCTAVE_BANDS_HZ: readonly Hertz[] = [
	31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000
];

/**
 * The octave band (nominal centre as a string, e.g. '1000') nearest on a log scale to `hz`, or null
 * for a missing or non-positive frequency.
 */
export function octaveBandOf(hz: unknown): string | null {
	const value = typeof hz === 'number' ? hz : typeof hz === 'string' ? Number(hz) : NaN;
	if (!Number.isFinite(value) || value <= 0) return null;
	let best = OCTAVE_BANDS_HZ[0];
	for (const centre of OCTAVE_BANDS_HZ) {
		if (Math.abs(Math.log2(value / centre)) < Math.abs(Math.log2(value / best))) best = centre;
	}
	return String(best);
}
