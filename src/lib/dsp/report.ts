/**
 * One call that meters a clip the way the meter CLI and the bench report it: BS.1770 loudness, EBU
 * Tech 3342 LRA, BS.1770 Annex 2 true peak, sample peak, PLR and crest factor. Silence gives null.
 */
import { measureLoudness, type LoudnessPoint } from './analysis/loudness';
import { rmsLevel, samplePeak } from './analysis/levels';
import { truePeak } from './analysis/true-peak';
import type { Dbfs, Decibels, Lufs, SampleRate } from './units';

export interface MeterReport {
	/** Integrated loudness, LUFS. */
	I: Lufs | null;
	/** Loudness range, LU. */
	LRA: number | null;
	/** True peak, dBTP. */
	TP: Dbfs | null;
	samplePeak: Dbfs | null;
	/** Peak-to-loudness ratio: TP − I, dB. */
	PLR: Decibels | null;
	crestFactor: Decibels | null;
	/** Momentary loudness every 10 ms, [window end s, LUFS]. */
	M?: LoudnessPoint[];
	/** Short-term loudness every 100 ms, [window end s, LUFS]. */
	S?: LoudnessPoint[];
}

/** Rounds for output so reports stay readable; null passes through. */
const round = (value: number | null, digits = 3) =>
	value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/** Meters planar channels (mono or stereo, any rate) into the report the CLI prints. */
export function meterReport({
	channels,
	sampleRate,
	series = false
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	series?: boolean;
}): MeterReport {
	const loudness = measureLoudness({ channels, sampleRate, series });
	const tp = truePeak({ channels, sampleRate }).dbtp;
	const peak = samplePeak({ channels }).dbfs;
	const rms = rmsLevel({ channels }).dbfs;
	const report: MeterReport = {
		I: round(loudness.integrated),
		LRA: round(loudness.range),
		TP: round(tp),
		samplePeak: round(peak),
		PLR: round(tp !== null && loudness.integrated !== null ? tp - loudness.integrated : null),
		crestFactor: round(peak !== null && rms !== null ? peak - rms : null)
	};
	if (series && loudness.series) {
		const points = (curve: LoudnessPoint[]): LoudnessPoint[] =>
			curve.map(([t, v]) => [round(t, 3)!, round(v)]);
		report.M = points(loudness.series.momentary);
		report.S = points(loudness.series.shortTerm);
	}
	return report;
}
