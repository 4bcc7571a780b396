/**
 * Numbers and units as the learner reads them: decibels, loudness, gains, frequencies, byte counts
 * and durations, with a typographic minus (U+2212) and never a "−0.0". One home for every page, drill
 * and note, so the same value reads the same everywhere. Pure and dependency-free: this folder
 * imports nothing from the rest of src/lib, so every folder may import it.
 */

/** The typographic minus sign: a hyphen is too short next to digits. */
export const MINUS = '\u2212';
/** Shown in a lesson's readout in place of a reading that does not exist (an en dash). */
export const NO_READING = '–';
/** Shown on the bench in place of a reading that does not exist (an em dash). */
export const NO_VALUE = '—';

/** How a number is written. */
export interface NumberFormat {
	/** Decimals (default 1). */
	digits?: number;
	/** A plus sign on values that round above zero. */
	signed?: boolean;
	/** Drop trailing zeros after rounding: "−14" and "2.5" rather than "−14.0" and "2.50". */
	trim?: boolean;
	/**
	 * Where halves go: 'up' towards +∞ as `Math.round` does (−0.25 → −0.2), or 'away' from zero
	 * (−0.25 → −0.3), so that a value and its negative read alike. Default 'up'.
	 */
	halves?: 'up' | 'away';
}

/**
 * Rounds to `digits` decimals without a negative zero. Thresholds compare this, so a note never
 * contradicts the number shown beside it.
 * @example roundTo(-0.04) // 0; roundTo(-0.25, { halves: 'away' }) // -0.3
 */
export function roundTo(
	value: number,
	{ digits = 1, halves = 'up' }: Pick<NumberFormat, 'digits' | 'halves'> = {}
): number {
	const scale = Math.pow(10, digits);
	const rounded =
		halves === 'away'
			? (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale
			: Math.round(value * scale) / scale;
	return rounded === 0 ? 0 : rounded;
}

/**
 * A number for display: fixed decimals, a typographic minus, a plus sign when asked.
 * @example formatNumber(-3.04) // "−3.0"; formatNumber(0.724, { digits: 2, signed: true }) // "+0.72"
 * @example formatNumber(-14, { trim: true }) // "−14"
 */
export function formatNumber(
	value: number,
	{ digits = 1, signed = false, trim = false, halves = 'up' }: NumberFormat = {}
): string {
	const rounded = roundTo(value, { digits, halves });
	let text = Math.abs(rounded).toFixed(digits);
	if (trim && text.includes('.')) text = text.replace(/\.?0+$/, '');
	if (rounded < 0) return `${MINUS}${text}`;
	return signed && rounded > 0 ? `+${text}` : text;
}

/** How a level is written: a number format, its unit and what stands for a missing value. */
export interface DbFormat extends NumberFormat {
	/** Default 'dB'. */
	unit?: string;
	/** Shown for null or undefined (default NO_VALUE). */
	missing?: string;
}

/**
 * A level with its unit, one decimal unless asked otherwise.
 * @example formatDb(-0.96, { unit: 'dBTP' }) // "−1.0 dBTP"; formatDb(null) // "—"
 * @example formatDb(2.5, { trim: true }) // "2.5 dB"; formatDb(0.75, { digits: 2, trim: true }) // "0.75 dB"
 */
export function formatDb(
	value: number | null | undefined,
	{ unit = 'dB', missing = NO_VALUE, ...number }: DbFormat = {}
): string {
	return value === null || value === undefined ? missing : `${formatNumber(value, number)} ${unit}`;
}

/**
 * A loudness, one decimal ("—" for null).
 * @example formatLufs(-14.24) // "−14.2 LUFS"
 */
export function formatLufs(value: number | null): string {
	return formatDb(value, { unit: 'LUFS' });
}

/**
 * A lesson's reading with one decimal and its unit, halves away from zero (so −8.05 and 8.05 read
 * alike); NO_READING for a missing or non-finite value.
 * @example formatReading(-14, 'LUFS') // "−14.0 LUFS"; formatReading(null, 'LU') // "–"
 */
export function formatReading(value: number | null | undefined, unit: string): string {
	return typeof value === 'number' && Number.isFinite(value)
		? formatDb(value, { unit, halves: 'away' })
		: NO_READING;
}

/**
 * A gain with its sign and "dB", one decimal (trimmed when asked), halves away from zero so a boost
 * and the matching cut read alike.
 * @example formatGain(3) // "+3.0 dB"; formatGain(-5.96) // "−6.0 dB"; formatGain(-0.01) // "0.0 dB"
 * @example formatGain(-3, { trim: true }) // "−3 dB"; formatGain(-0.25, { trim: true }) // "−0.3 dB"
 */
export function formatGain(
	gainDb: number,
	{ trim = false }: Pick<NumberFormat, 'trim'> = {}
): string {
	return formatDb(gainDb, { signed: true, trim, halves: 'away' });
}

/**
 * A frequency as people write it.
 * @example formatFrequency(1000) // "1.00 kHz"; formatFrequency(63.2) // "63 Hz"
 */
export function formatFrequency(frequencyHz: number): string {
	return frequencyHz >= 1000
		? `${(frequencyHz / 1000).toFixed(frequencyHz >= 10000 ? 1 : 2)} kHz`
		: `${Math.round(frequencyHz)} Hz`;
}

/** A band edge in its range's unit: "63", "1.25" (kHz). */
function hzNumber(hz: number): string {
	return hz >= 1000 ? String(hz / 1000) : String(hz);
}

/**
 * A band range for prose.
 * @example formatHzRange(63, 100) // "63–100 Hz"; formatHzRange(800, 1250) // "800 Hz–1.25 kHz"
 */
export function formatHzRange(lowHz: number, highHz: number): string {
	if (lowHz >= 1000) return `${hzNumber(lowHz)}–${hzNumber(highHz)} kHz`;
	if (highHz < 1000) return `${lowHz}–${highHz} Hz`;
	return `${lowHz} Hz–${hzNumber(highHz)} kHz`;
}

/**
 * A byte count as a learner reads it (binary multiples, as browsers report storage).
 * @example formatBytes(12_900_000) // "12.3 MB"
 */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/**
 * A duration in minutes and seconds, to the nearest second.
 * @example formatDuration(247) // "4:07"
 */
export function formatDuration(seconds: number): string {
	const s = Math.round(seconds);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const pluralRules = new Intl.PluralRules('en');

/**
 * A count with its noun in the right form (English plural rules, `Intl.PluralRules`); a plain noun
 * takes an "s", an irregular one names both forms.
 * @example formatCount(1, 'day') // "1 day"; formatCount(0, 'session') // "0 sessions"
 * @example formatCount(1200, 'answer') // "1,200 answers"
 * @example formatCount(2, { one: 'freeze', other: 'freezes' }) // "2 freezes"
 */
export function formatCount(count: number, noun: string | { one: string; other: string }): string {
	const { one, other } = typeof noun === 'string' ? { one: noun, other: `${noun}s` } : noun;
	return `${count.toLocaleString('en')} ${pluralRules.select(count) === 'one' ? one : other}`;
}
