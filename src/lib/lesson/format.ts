/** Text for the lesson demos: readings, gains and plain-language notes on each reading. */
import type { LessonMeter } from './render-lesson';

/** Shown in place of a reading that does not exist (silence, or LRA of a very short clip). */
export const NO_READING = '–';

/** Rounds to one decimal, halves away from zero (so −8.05 and 8.05 round alike). */
function roundTenth(value: number): number {
	return (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
}

/** One decimal with a typographic minus, never "−0.0". */
function oneDecimal(value: number): string {
	const rounded = roundTenth(value);
	if (rounded === 0) return '0.0';
	return rounded < 0 ? `−${(-rounded).toFixed(1)}` : rounded.toFixed(1);
}

/**
 * A reading with one decimal and its unit.
 * @example formatReading(-14, 'LUFS') // '−14.0 LUFS'
 * @example formatReading(null, 'LU') // '–'
 */
export function formatReading(value: number | null | undefined, unit: string): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NO_READING;
	return `${oneDecimal(value)} ${unit}`;
}

/**
 * A gain with its sign, one decimal and "dB".
 * @example formatGain(3) // '+3.0 dB'
 * @example formatGain(-5.96) // '−6.0 dB'
 */
export function formatGain(gainDb: number): string {
	const text = oneDecimal(gainDb);
	return `${text === '0.0' || text.startsWith('−') ? text : `+${text}`} dB`;
}

/** How two unmatched versions differ in loudness, from B's point of view ("B is 1.0 dB louder"). */
export function loudnessDifference(aLufs: number | null, bLufs: number | null): string {
	if (aLufs === null || bLufs === null) return 'Not matched: the two play at their own levels';
	const difference = roundTenth(bLufs - aLufs);
	if (difference === 0) return 'Not matched: both play at the same loudness';
	return difference > 0
		? `Not matched: B is ${difference.toFixed(1)} dB louder`
		: `Not matched: A is ${(-difference).toFixed(1)} dB louder`;
}

/** One reading of a meter readout: what it is called, its value and a plain-language note. */
export interface ReadingRow {
	label: string;
	value: string;
	note: string;
}

/** The four rows of a meter readout, each with a one-line note that fits its value. */
export function readingRows(meter: LessonMeter): ReadingRow[] {
	const { lufs, truePeak, lra, plr } = meter;
	return [
		{
			label: 'Integrated loudness',
			value: formatReading(lufs, 'LUFS'),
			note:
				lufs === null
					? 'Silence has no loudness.'
					: lufs > -11
						? 'Very loud: normalizing services will turn it down a lot.'
						: lufs >= -16
							? 'Around the level most streaming services play at.'
							: 'Quieter than most streaming services play: normal for a mix before mastering.'
		},
		{
			label: 'True peak',
			value: formatReading(truePeak, 'dBTP'),
			note:
				truePeak === null
					? 'Silence has no peaks.'
					: truePeak > -1
						? 'Above the usual −1 dBTP ceiling: it may distort when encoded for streaming.'
						: 'The highest point of the waveform, between samples too: safely below −1 dBTP.'
		},
		{
			label: 'Loudness range',
			value: formatReading(lra, 'LU'),
			note:
				lra === null
					? 'Too short or too quiet to measure how the loudness moves.'
					: 'How much the loudness moves over the clip: small when it stays at one level.'
		},
		{
			label: 'Peak-to-loudness ratio',
			value: formatReading(plr, 'dB'),
			note:
				plr === null
					? 'Needs both a peak and a loudness reading.'
					: plr < 9
						? 'Peaks sit close to the average: the sound of heavy limiting.'
						: 'Peaks rise well above the average: the drums keep their snap.'
		}
	];
}
