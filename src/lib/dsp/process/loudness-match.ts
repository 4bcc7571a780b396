/**
 * Loudness matching (ITU-R BS.1770 integrated loudness). Integrated loudness and true peak both scale
 * exactly with a static gain (K-weighting is linear and the gates are relative to the measurement),
 * so the gains are computed in closed form from one measurement per version, with no iteration.
 */
import { measureLoudness } from '../analysis/loudness';
import { truePeak } from '../analysis/true-peak';
import { dbToGain, type Dbfs, type Decibels, type Lufs, type SampleRate } from '../units';

/** Planar channels of one version of a clip. */
export type Channels = Float32Array[];

export interface LoudnessMatch {
	/** The gain applied to each version, dB. */
	gainsDb: Decibels[];
	/** Each version's loudness before matching (null for silence). */
	loudnessBefore: (Lufs | null)[];
	/** The common loudness after matching (null when every version is silent). */
	matchedLufs: Lufs | null;
	/** How far the true-peak guard lowered every version (0 when it did not act), dB. */
	guardDb: Decibels;
	/** Each version's true peak after matching, dBTP. */
	truePeakAfter: (Dbfs | null)[];
}

/**
 * Computes gains that give every version the loudness of the first (or of `targetLufs`). If that
 * would push any version's true peak above `ceilingDbtp`, all versions are lowered together, so
 * they stay matched and none clips. Silent versions get 0 dB.
 */
export function planLoudnessMatch({
	versions,
	sampleRate,
	targetLufs,
	ceilingDbtp = -1
}: {
	versions: Channels[];
	sampleRate: SampleRate;
	targetLufs?: Lufs;
	ceilingDbtp?: Dbfs;
}): LoudnessMatch {
	const loudnessBefore = versions.map(
		(channels) => measureLoudness({ channels, sampleRate }).integrated
	);
	const peaks = versions.map((channels) => truePeak({ channels, sampleRate }).dbtp);
	const reference = targetLufs ?? loudnessBefore.find((l) => l !== null) ?? null;
	if (reference === null) {
		return {
			gainsDb: versions.map(() => 0),
			loudnessBefore,
			matchedLufs: null,
			guardDb: 0,
			truePeakAfter: peaks
		};
	}
	let gainsDb = loudnessBefore.map((l) => (l === null ? 0 : reference - l));
	const overshoot = Math.max(
		0,
		...peaks.map((p, i) => (p === null ? -Infinity : p + gainsDb[i] - ceilingDbtp))
	);
	gainsDb = gainsDb.map((g, i) => (loudnessBefore[i] === null ? g : g - overshoot));
	return {
		gainsDb,
		loudnessBefore,
		matchedLufs: reference - overshoot,
		guardDb: overshoot,
		truePeakAfter: peaks.map((p, i) => (p === null ? null : p + gainsDb[i]))
	};
}

/** Scales channels by a gain in dB into new arrays. */
export function applyGainDb(channels: Channels, gainDb: Decibels): Channels {
	const gain = dbToGain(gainDb);
	return channels.map((samples) => samples.map((v) => v * gain));
}

/** Plans the match and returns the matched copies with the plan. */
export function matchLoudness(options: Parameters<typeof planLoudnessMatch>[0]): LoudnessMatch & {
	outputs: Channels[];
} {
	const plan = planLoudnessMatch(options);
	return { ...plan, outputs: options.versions.map((v, i) => applyGainDb(v, plan.gainsDb[i])) };
}
