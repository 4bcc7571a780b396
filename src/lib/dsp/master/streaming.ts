/**
 * The streaming preview: what a service's loudness normalization does to a track, planned from its
 * integrated loudness (ITU-R BS.1770) and true peak, and rendered with the app's own gain and limiter.
 * The services and their numbers come from the course's DOMAIN notes (Spotify's support pages for
 * Spotify; secondary sources for YouTube, Apple Music, Tidal and Deezer; EBU R128 for broadcast).
 * Amazon Music is left out: sources disagree. Album mode (one gain per album) is not modelled.
 */
import { applyChain, type ChainStep } from '../process/chain';
import type { Dbfs, Decibels, Lufs, SampleRate } from '../units';
import { formatNumber } from '../../format/format';

import {
	HEADROOM_CEILING_DBTP,
	streamingServices,
	type ServiceId,
	type StreamingService
} from './streaming-services';

export { HEADROOM_CEILING_DBTP, streamingServices, type ServiceId, type StreamingService };
/** What the service does to one track. */
export interface StreamingPlan {
	/** Gain the service applies, dB (negative: turned down). */
	gainDb: Decibels;
	/** Whether the service's limiter will act (the raised true peak passes its ceiling). */
	limited: boolean;
	/** One or two plain sentences for the learner. */
	explanation: string;
}

/** Differences smaller than this are "already at the reference", dB. */
const AT_REFERENCE_DB = 0.05;

/** The service's gain for a track with this loudness and true peak, and a sentence explaining it. */
export function planStreaming(
	reading: { lufs: Lufs; truePeak: Dbfs },
	service: StreamingService
): StreamingPlan {
	const { lufs, truePeak } = reading;
	if (!Number.isFinite(lufs) || !Number.isFinite(truePeak)) {
		throw new RangeError('planStreaming: the track needs a finite loudness and true peak');
	}
	const { name, targetLufs } = service;
	const reference = `${formatNumber(targetLufs, { trim: true })} LUFS`;
	const difference = targetLufs - lufs;

	if (Math.abs(difference) < AT_REFERENCE_DB) {
		const limited = service.limiter !== undefined && truePeak > service.limiter.ceilingDbtp;
		return {
			gainDb: 0,
			limited,
			explanation:
				`${name} plays this track as is: it already sits at ${reference}.` +
				(limited
					? ` Its limiter still catches the peaks above ${formatNumber(service.limiter!.ceilingDbtp, { trim: true })} dBTP.`
					: '')
		};
	}

	if (difference < 0) {
		const limited =
			service.limiter !== undefined && truePeak + difference > service.limiter.ceilingDbtp;
		return {
			gainDb: difference,
			limited,
			explanation:
				`${name} turns this track down ${formatNumber(-difference)} dB to ${reference}.` +
				(limited ? ' Its limiter still catches the highest peaks.' : '')
		};
	}

	switch (service.raisesQuiet) {
		case 'no':
			return {
				gainDb: 0,
				limited: false,
				explanation: `${name} does not raise quiet tracks: played as is, ${formatNumber(difference)} dB below its ${reference} reference.`
			};
		case 'headroom': {
			const room = Math.max(0, HEADROOM_CEILING_DBTP - truePeak);
			const gainDb = Math.min(difference, room);
			const ceiling = `${formatNumber(HEADROOM_CEILING_DBTP, { trim: true })} dBTP`;
			let explanation: string;
			if (gainDb === difference) {
				explanation = `${name} raises this track ${formatNumber(gainDb)} dB to ${reference}; its true peak stays at or below ${ceiling}.`;
			} else if (gainDb <= 0) {
				explanation = `${name} cannot raise this track: its true peak (${formatNumber(truePeak)} dBTP) leaves no room below ${ceiling}, so it plays ${formatNumber(difference)} dB below its ${reference} reference.`;
			} else {
				explanation = `${name} raises this track only ${formatNumber(gainDb)} dB, as far as its true peak can go before ${ceiling}: it plays ${formatNumber(difference - gainDb)} dB below its ${reference} reference.`;
			}
			return { gainDb, limited: false, explanation };
		}
		case 'yes': {
			const raisedPeak = truePeak + difference;
			if (service.limiter) {
				const limited = raisedPeak > service.limiter.ceilingDbtp;
				return {
					gainDb: difference,
					limited,
					explanation:
						`${name} raises this track ${formatNumber(difference)} dB to ${reference}` +
						(limited
							? ` and its limiter pulls the peaks (which would reach ${formatNumber(raisedPeak, { signed: true })} dBTP) down to ${formatNumber(service.limiter.ceilingDbtp, { trim: true })} dBTP, which takes back some of that loudness.`
							: '.')
				};
			}
			const over = raisedPeak > HEADROOM_CEILING_DBTP;
			return {
				gainDb: difference,
				limited: false,
				explanation:
					`${name} raises this track ${formatNumber(difference)} dB to ${reference}.` +
					(over
						? ` Its true peak would then reach ${formatNumber(raisedPeak, { signed: true })} dBTP, above the ${formatNumber(HEADROOM_CEILING_DBTP, { trim: true })} dBTP maximum, so it would need limiting first.`
						: '')
			};
		}
	}
}

/**
 * The chain that renders a plan: the gain, then the service's limiter when it acts. Spotify's limiter
 * is specified by attack (5 ms) and release (100 ms); the app's limiter is a lookahead brickwall
 * (../process/limiter) whose attack is its 2 ms lookahead ramp, so it only approximates Spotify's:
 * the release matches, and no peak passes the ceiling, where a 5 ms attack would let the first
 * milliseconds of a transient through.
 */
export function streamingChain(plan: StreamingPlan, service: StreamingService): ChainStep[] {
	const chain: ChainStep[] = [{ type: 'gain', gainDb: plan.gainDb }];
	if (plan.limited && service.limiter) {
		const { ceilingDbtp, releaseMs } = service.limiter;
		chain.push({ type: 'limit', ceilingDbtp, releaseMs });
	}
	return chain;
}

/**
 * Renders what the service plays: new arrays, time-aligned with the input. `reading` is the track's
 * measured integrated loudness and true peak (measure once, preview every service).
 */
export function renderStreaming({
	channels,
	sampleRate,
	reading,
	service
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	reading: { lufs: Lufs; truePeak: Dbfs };
	service: StreamingService;
}): { channels: Float32Array[]; plan: StreamingPlan } {
	const plan = planStreaming(reading, service);
	const played = applyChain({ channels, sampleRate, chain: streamingChain(plan, service) });
	return { channels: played.channels, plan };
}

/** The service with this id (throws a RangeError for an unknown id). */
export function getStreamingService(id: ServiceId): StreamingService {
	const service = streamingServices.find((s) => s.id === id);
	if (!service) throw new RangeError(`unknown streaming service: ${id}`);
	return service;
}
