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

/** Measured integrated loudness and true peak of one version (null for silence). */
export interface VersionLevels {
	loudness: Lufs | null;
	peak: Dbfs | null;
}

/**
 * The closed-form gains: each version gets `reference − its loudness` (0 dB when `matched` is off or
 * it is silent), then every version is lowered by the same amount if that would push any true peak
 * above `ceilingDbtp`. Silent versions get 0 dB.
 */
export function matchGains({
	levels,
	reference,
	ceilingDbtp = -1,
	matched = true
}: {
	levels: VersionLevels[];
	reference: Lufs | null;
	ceilingDbtp?: Dbfs;
	matched?: boolean;
}): { gainsDb: Decibels[]; guardDb: Decibels; matchedLufs: Lufs | null } {
	if (reference === null) {
		return { gainsDb: levels.map(() => 0), guardDb: 0, matchedLufs: null };
	}
	const raw = levels.map((l) => (l.loudness === null || !matched ? 0 : reference - l.loudness));
	const guardDb = Math.max(
		0,
		...levels.map((l, i) => (l.peak === null ? -Infinity : l.peak + raw[i] - ceilingDbtp))
	);
	return {
		gainsDb: raw.map((g, i) => (levels[i].loudness === null ? 0 : g - guardDb)),
		guardDb,
		matchedLufs: matched ? reference - guardDb : null
	};
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
	const levels: VersionLevels[] = versions.map((channels) => ({
		loudness: measureLoudness({ channels, sampleRate }).integrated,
		peak: truePeak({ channels, sampleRate }).dbtp
	}));
	const reference = targetLufs ?? levels.find((l) => l.loudness !== null)?.loudness ?? null;
	const { gainsDb, guardDb, matchedLufs } = matchGains({ levels, reference, ceilingDbtp });
	return {
		gainsDb,
		loudnessBefore: levels.map((l) => l.loudness),
		matchedLufs,
		guardDb,
		truePeakAfter: levels.map((l, i) => (l.peak === null ? null : l.peak + gainsDb[i]))
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
