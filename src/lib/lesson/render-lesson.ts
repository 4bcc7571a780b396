/**
 * The lesson demos' audio, as pure functions the render worker calls: each named version is rendered
 * from one source clip (`renderLessonVersion`) and metered as it is (ITU-R BS.1770 integrated loudness
 * and true peak, EBU Tech 3342 loudness range, PLR = true peak − integrated loudness), then the set
 * is loudness-matched for playback with the drills' closed-form matcher (`matchGains`) and its common
 * true-peak guard, so no version clips. A streaming demo plays two versions the way a normalizing
 * service would (`renderStreaming`), each with its own reading.
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import { matchGains } from '../dsp/process/loudness-match';
import { dbToGain, type Dbfs, type Decibels, type Lufs, type SampleRate } from '../dsp/units';
import { MATCH_CEILING_DBTP } from '../drills/render-question';
import { renderStreaming, type StreamingService } from '../dsp/master/streaming';
import { renderLessonVersion, type LessonSource, type LessonVersionId } from './versions';

/** Planar audio and its rate. */
export interface LessonAudio {
	channels: Float32Array[];
	sampleRate: SampleRate;
}

/** The four readings a lesson shows for a version; null for silence (or a clip too short for LRA). */
export interface LessonMeter {
	/** Integrated loudness (BS.1770), LUFS. */
	lufs: Lufs | null;
	/** True peak (BS.1770 Annex 2), dBTP. */
	truePeak: Dbfs | null;
	/** Loudness range (EBU Tech 3342), LU. */
	lra: number | null;
	/** Peak-to-loudness ratio: true peak − integrated loudness, dB. */
	plr: Decibels | null;
}

/** One version rendered from the source, with the readings of the version itself. */
export interface MeteredVersion {
	id: LessonVersionId;
	channels: Float32Array[];
	meter: LessonMeter;
}

/** One version ready to play: its channels scaled by the matching gain. */
export interface PlaybackVersion extends MeteredVersion {
	/** The gain applied for playback, dB (0 unless matched or lowered by the true-peak guard). */
	matchGainDb: Decibels;
}

/** Meters planar audio into the four lesson readings. */
export function meterLesson({ channels, sampleRate }: LessonAudio): LessonMeter {
	const loudness = measureLoudness({ channels, sampleRate });
	const peak = truePeak({ channels, sampleRate }).dbtp;
	return {
		lufs: loudness.integrated,
		truePeak: peak,
		lra: loudness.range,
		plr: peak === null || loudness.integrated === null ? null : peak - loudness.integrated
	};
}

/** Renders one named version from `source` and meters it before any matching. */
export function renderMeteredVersion({
	id,
	source
}: {
	id: LessonVersionId;
	source: LessonSource;
}): MeteredVersion {
	const channels = renderLessonVersion(id, source);
	return { id, channels, meter: meterLesson({ channels, sampleRate: source.sampleRate }) };
}

/**
 * Gains for playing `versions` together: matched to the first version's loudness when `matched`,
 * otherwise left apart; either way all are lowered together if any true peak would pass the
 * ceiling. Returns scaled copies (the inputs are never changed, since they may be cached).
 */
export function matchForPlayback({
	versions,
	matched,
	ceilingDbtp = MATCH_CEILING_DBTP
}: {
	versions: MeteredVersion[];
	matched: boolean;
	ceilingDbtp?: Dbfs;
}): { versions: PlaybackVersion[]; matchedLufs: Lufs | null } {
	const levels = versions.map((v) => ({ loudness: v.meter.lufs, peak: v.meter.truePeak }));
	const reference = levels.find((l) => l.loudness !== null)?.loudness ?? null;
	const { gainsDb, matchedLufs } = matchGains({ levels, reference, ceilingDbtp, matched });
	return {
		versions: versions.map((v, i) => ({
			...v,
			channels: scaled(v.channels, gainsDb[i]),
			matchGainDb: gainsDb[i]
		})),
		matchedLufs
	};
}

/** Renders, meters and (when `matched`) loudness-matches a set of versions of one source. */
export function renderLessonSet({
	ids,
	source,
	matched,
	version = (id) => renderMeteredVersion({ id, source })
}: {
	ids: LessonVersionId[];
	source: LessonAudio;
	matched: boolean;
	/** Where rendered versions come from; the worker passes a cached lookup. */
	version?: (id: LessonVersionId) => MeteredVersion;
}): { versions: PlaybackVersion[]; matchedLufs: Lufs | null } {
	return matchForPlayback({ versions: ids.map(version), matched });
}

/** What a service does to one version, and how that version then plays. */
export interface StreamedVersion {
	id: LessonVersionId;
	/** The version as the service plays it. */
	channels: Float32Array[];
	/** The service's gain, whether its limiter acts, and one sentence saying why. */
	plan: { gainDb: Decibels; limited: boolean; explanation: string };
	/** Readings of the version as uploaded. */
	uploaded: LessonMeter;
	/** Readings of the version as the service plays it. */
	played: LessonMeter;
}

/** Plays each metered version through `service`'s normalization, each with its own reading. */
export function renderStreamingSet({
	versions,
	sampleRate,
	service
}: {
	versions: MeteredVersion[];
	sampleRate: SampleRate;
	service: StreamingService;
}): StreamedVersion[] {
	return versions.map((v) => {
		const { lufs, truePeak: peak } = v.meter;
		if (lufs === null || peak === null) {
			throw new Error(`The ${v.id} version is silent, so a service would not normalize it.`);
		}
		const out = renderStreaming({
			channels: v.channels,
			sampleRate,
			reading: { lufs, truePeak: peak },
			service
		});
		return {
			id: v.id,
			channels: out.channels,
			plan: {
				gainDb: out.plan.gainDb,
				limited: out.plan.limited,
				explanation: out.plan.explanation
			},
			uploaded: v.meter,
			played: meterLesson({ channels: out.channels, sampleRate })
		};
	});
}

/** `channels` scaled by `gainDb` into new arrays; the same arrays when the gain is 0 dB. */
function scaled(channels: Float32Array[], gainDb: Decibels): Float32Array[] {
	if (gainDb === 0) return channels;
	const gain = dbToGain(gainDb);
	return channels.map((samples) => {
		const out = new Float32Array(samples.length);
		for (let i = 0; i < samples.length; i++) out[i] = samples[i] * gain;
		return out;
	});
}
