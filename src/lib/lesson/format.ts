/** Text for the lesson demos: loudness differences and plain-language notes on each reading. */
import { formatNumber, formatReading, roundTo } from '../format/format';
import type { LessonMeter } from './render-lesson';

/** How two unmatched versions differ in loudness, from B's point of view ("B is 1.0 dB louder"). */
export function loudnessDifference(aLufs: number | null, bLufs: number | null): string {
	if (aLufs === null || bLufs === null) return 'Not matched: the two play at their own levels';
	// Halves away from zero, so swapping A and B only swaps the names.
	const difference = roundTo(bLufs - aLufs, { halves: 'away' });
	if (difference === 0) return 'Not matched: both play at the same loudness';
	const amount = formatNumber(Math.abs(difference));
	return difference > 0
		? `Not matched: B is ${amount} dB louder`
		: `Not matched: A is ${amount} dB louder`;
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
