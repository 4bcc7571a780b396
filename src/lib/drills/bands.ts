/**
 * The frequency bands the EQ drills ask about: the ten octave bands 31.5 Hz…16 kHz and the
 * third-octave bands between them (IEC 61260 nominal centres, from the spectrum analyser's list),
 * with the peaking-filter Q for each width (Q ≈ 1.41 spans one octave, ≈ 4.32 a third-octave:
 * DOMAIN.md, "Hearing and training").
 */
import { THIRD_OCTAVE_NOMINAL } from '../dsp/analysis/spectrum';
import type { Hertz } from '../dsp/units';
import { OCTAVE_BANDS_HZ } from './octave-bands';

/** How wide a band is. */
export type BandWidth = 'octave' | 'third-octave';

export { OCTAVE_BANDS_HZ, octaveBandOf } from './octave-bands';

/** The 28 third-octave centres from 31.5 Hz to 16 kHz. */
export const THIRD_OCTAVE_BANDS_HZ: readonly Hertz[] = THIRD_OCTAVE_NOMINAL.filter(
	(hz) => hz >= 31.5 && hz <= 16000
);

/** Peaking-filter Q for each band width (one octave ≈ 1.41, a third-octave ≈ 4.32). */
export const BAND_Q: Readonly<Record<BandWidth, number>> = { octave: 1.41, 'third-octave': 4.32 };

/** The centres of a band width, low to high. */
export function bandCentres(width: BandWidth): readonly Hertz[] {
	return width === 'octave' ? OCTAVE_BANDS_HZ : THIRD_OCTAVE_BANDS_HZ;
}

/**
 * A frequency as a learner reads it.
 * @example frequencyLabel(31.5) // '31.5 Hz'; frequencyLabel(12500) // '12.5 kHz'
 */
export function frequencyLabel(hz: Hertz): string {
	if (hz >= 1000) return `${trim(hz / 1000)} kHz`;
	return `${trim(hz)} Hz`;
}

/** A band's stable choice id: its nominal centre in Hz ('31.5', '1000'). */
export function bandId(hz: Hertz): string {
	return String(hz);
}

/** How a band width reads in a sentence: 'one octave wide', 'a third-octave wide'. */
export function widthPhrase(width: BandWidth): string {
	return width === 'octave' ? 'one octave wide' : 'a third-octave wide';
}

/** Up to three significant decimals, no trailing zeros (3.15, 1.2, 16). */
function trim(value: number): string {
	return String(Math.round(value * 1000) / 1000);
}
