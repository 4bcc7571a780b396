/**
 * How the Mix Lab plays a version: as it is, through a playback system (../dsp/process/systems, the
 * Bench's previews), or as a streaming service would play it as uploaded (../dsp/master/streaming),
 * then at the Lab's listening level. Every version goes through the same choice, so switching
 * between them stays a fair comparison.
 *
 * - As is, or through a system: matched (the default) puts each version's integrated loudness at
 *   `listeningLufs` (its sample peak kept at or below −1 dBFS, so the 16-bit WAV cannot clip);
 *   unmatched plays it at its own level (the system's protective limiter included).
 * - Through a service: the service's own normalisation is the match (a loud master turned down, a
 *   quiet mix raised or not, its limiter when it acts), so it applies whether or not matched is
 *   on; the whole service level is then moved by `listeningLufs − the service's reference`, so a
 *   track the service plays at its reference is heard at the Lab's level.
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import { samplePeak } from '../dsp/analysis/levels';
import { truePeak } from '../dsp/analysis/true-peak';
import { getStreamingService, renderStreaming } from '../dsp/master/streaming';
import { streamingServices, type ServiceId } from '../dsp/master/streaming-services';
import { applyGain } from '../dsp/process/stereo';
import { systemInfo } from '../dsp/process/system-info';
import { renderSystem, systemIds, type SystemId } from '../dsp/process/systems';
import type { Decibels, Lufs, SampleRate } from '../dsp/units';

/** Where a version is heard. */
export type ListenThrough = 'as-is' | SystemId | `stream:${ServiceId}`;

/** The choices in menu order, with their labels. */
export const listenChoices: readonly { id: ListenThrough; label: string }[] = [
	{ id: 'as-is', label: 'Studio (as it is)' },
	...systemIds.map((id) => ({ id: id as ListenThrough, label: systemInfo[id].label })),
	...streamingServices.map((s) => ({ id: `stream:${s.id}` as ListenThrough, label: s.name }))
];

/** Whether `value` is one of the choices. */
export function isListenThrough(value: unknown): value is ListenThrough {
	return listenChoices.some((choice) => choice.id === value);
}

/** A matched version's sample peak stays at or below this, dBFS (its 16-bit WAV must not clip). */
export const LISTEN_PEAK_DBFS = -1;

export interface Heard {
	/** The audio as heard: new arrays, or the input's own when nothing changed it. */
	channels: Float32Array[];
	/** Integrated loudness as it reached the listening stage (after the system or service), LUFS. */
	lufs: Lufs | null;
	/** The gain applied last to reach the listening level, dB. */
	gainDb: Decibels;
	/** What the system or service did, in a sentence (null as is). */
	note: string | null;
}

/**
 * `channels` as heard `through` a system or service, at the listening level. The input may be
 * changed in place (pass a copy to keep it).
 */
export function listen({
	channels,
	sampleRate,
	through,
	matched,
	listeningLufs
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	through: ListenThrough;
	matched: boolean;
	listeningLufs: Lufs;
}): Heard {
	if (!isListenThrough(through)) throw new RangeError(`nowhere to listen called “${through}”`);
	if (through.startsWith('stream:')) {
		const service = getStreamingService(through.slice('stream:'.length) as ServiceId);
		const lufs = measureLoudness({ channels, sampleRate }).integrated;
		const peak = truePeak({ channels, sampleRate }).dbtp;
		if (lufs === null || peak === null)
			return { channels, lufs, gainDb: 0, note: `${service.name} plays silence as silence.` };
		const played = renderStreaming({
			channels,
			sampleRate,
			reading: { lufs, truePeak: peak },
			service
		});
		// As the service plays it, before the move to the listening level (as for a system).
		const heard = measureLoudness({ channels: played.channels, sampleRate }).integrated;
		const gainDb = listeningLufs - service.targetLufs;
		applyGain({ channels: played.channels, gainDb });
		return {
			channels: played.channels,
			lufs: heard,
			gainDb,
			note: played.plan.explanation
		};
	}
	const system = through === 'as-is' ? null : (through as SystemId);
	const heard = system ? renderSystem({ system, channels, sampleRate }) : channels;
	const lufs = measureLoudness({ channels: heard, sampleRate }).integrated;
	const peak = samplePeak({ channels: heard }).dbfs;
	let gainDb = 0;
	if (matched && lufs !== null && peak !== null)
		gainDb = Math.min(listeningLufs - lufs, LISTEN_PEAK_DBFS - peak);
	if (gainDb !== 0) applyGain({ channels: heard, gainDb });
	return {
		channels: heard,
		lufs,
		gainDb,
		note: system ? systemInfo[system].description : null
	};
}
