/**
 * The bench's previews of an excerpt of the learner's track: as small speakers and other systems play
 * it (../dsp/process/systems, plus a mono fold), loudness-matched to the original like the drills
 * (ITU-R BS.1770 integrated loudness, one common −1 dBTP guard: ../dsp/process/loudness-match), and
 * as a streaming service plays it (../dsp/master/streaming), with the service's gain planned from the
 * whole track's readings, since a service measures the whole track, not the stretch being heard.
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import {
	getStreamingService,
	renderStreaming,
	type ServiceId,
	type StreamingPlan
} from '../dsp/master/streaming';
import { matchGains, type VersionLevels } from '../dsp/process/loudness-match';
import { applyGain, monoFold } from '../dsp/process/stereo';
import { systemInfo } from '../dsp/process/system-info';
import { renderSystem, type SystemId } from '../dsp/process/systems';
import type { Dbfs, Decibels, Lufs, SampleRate } from '../dsp/units';

export type SystemPreviewId = 'original' | SystemId | 'mono';

/** The previews in display order, with their labels. */
export const systemPreviews: readonly { id: SystemPreviewId; label: string }[] = [
	{ id: 'original', label: 'Original' },
	{ id: 'phone', label: systemInfo.phone.label },
	{ id: 'laptop', label: systemInfo.laptop.label },
	{ id: 'earbuds', label: systemInfo.earbuds.label },
	{ id: 'car', label: systemInfo.car.label },
	{ id: 'club', label: systemInfo.club.label },
	{ id: 'mono', label: 'Mono' }
];

/** The true-peak ceiling the matched previews stay under (as in the drills), dBTP. */
export const PREVIEW_CEILING_DBTP: Dbfs = -1;

export interface SystemPreview {
	id: SystemPreviewId;
	label: string;
	/** New arrays, as long as the excerpt, after the matching gain. */
	channels: Float32Array[];
	/** Gain that matched this version to the original, guard included, dB. */
	matchGainDb: Decibels;
}

/** Measured integrated loudness and true peak (null for silence). */
export function versionLevels(channels: Float32Array[], sampleRate: SampleRate): VersionLevels {
	return {
		loudness: measureLoudness({ channels, sampleRate }).integrated,
		peak: truePeak({ channels, sampleRate }).dbtp
	};
}

/** The excerpt as `id` plays it, unmatched: new arrays. */
function renderPreview(
	id: SystemPreviewId,
	channels: Float32Array[],
	sampleRate: SampleRate
): Float32Array[] {
	switch (id) {
		case 'original':
			return channels.map((c) => c.slice());
		case 'mono': {
			const copy = channels.map((c) => c.slice());
			monoFold({ channels: copy });
			return copy;
		}
		default:
			return renderSystem({ system: id, channels, sampleRate });
	}
}

/**
 * The excerpt as it is and on each playback system, loudness-matched to the original: each version
 * gets the original's integrated loudness, and all are lowered together when that would push any true
 * peak above −1 dBTP. A silent excerpt gives every version 0 dB.
 */
export function renderSystemPreviews(excerpt: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): SystemPreview[] {
	const { channels, sampleRate } = excerpt;
	const rendered = systemPreviews.map(({ id }) => renderPreview(id, channels, sampleRate));
	const levels = rendered.map((version) => versionLevels(version, sampleRate));
	const { gainsDb } = matchGains({
		levels,
		reference: levels[0].loudness,
		ceilingDbtp: PREVIEW_CEILING_DBTP
	});
	return systemPreviews.map(({ id, label }, i) => {
		applyGain({ channels: rendered[i], gainDb: gainsDb[i] });
		return { id, label, channels: rendered[i], matchGainDb: gainsDb[i] };
	});
}

/**
 * The excerpt as `serviceId` plays it: the gain (and Spotify Loud's limiter, when it acts) that the
 * service plans from the whole track's integrated loudness and true peak, applied to the excerpt.
 */
export function renderStreamingPreview({
	excerpt,
	fullTrackReading,
	serviceId
}: {
	excerpt: { channels: Float32Array[]; sampleRate: SampleRate };
	fullTrackReading: { lufs: Lufs; truePeak: Dbfs };
	serviceId: ServiceId;
}): { channels: Float32Array[]; plan: StreamingPlan } {
	return renderStreaming({
		...excerpt,
		reading: fullTrackReading,
		service: getStreamingService(serviceId)
	});
}
