/**
 * The streaming services the preview models, as data (streaming.ts plans and renders with them). A
 * module of its own so pages can list the services without loading the audio code.
 */
import type { Dbfs, Lufs } from '../units';

export type ServiceId =
	| 'spotify'
	| 'spotify-loud'
	| 'spotify-quiet'
	| 'youtube'
	| 'apple-music'
	| 'tidal'
	| 'deezer'
	| 'broadcast-r128';

/** A service's normalization, as the preview models it. */
export interface StreamingService {
	id: ServiceId;
	name: string;
	/** Reference loudness the service normalizes to, LUFS. */
	targetLufs: Lufs;
	/**
	 * What happens to a track quieter than the reference: 'no' plays it as is; 'headroom' raises it
	 * only as far as its true peak stays at or below −1 dBTP; 'yes' raises it fully.
	 */
	raisesQuiet: 'no' | 'headroom' | 'yes';
	/** A limiter after the gain (Spotify's "Loud" setting). */
	limiter?: { ceilingDbtp: Dbfs; attackMs: number; releaseMs: number };
	/** 'official': the service's own pages; 'secondary': other sources, numbers are approximate. */
	confidence: 'official' | 'secondary' | 'standard';
	/** One plain sentence for the learner. */
	note: string;
}

/** Peak headroom Spotify keeps when it raises a quiet track, dBTP. */
export const HEADROOM_CEILING_DBTP: Dbfs = -1;

/** The services of the preview, in menu order. */
export const streamingServices: readonly StreamingService[] = [
	{
		id: 'spotify',
		name: 'Spotify',
		targetLufs: -14,
		raisesQuiet: 'headroom',
		confidence: 'official',
		note: 'Spotify plays every track at about −14 LUFS, turning loud ones down and raising quiet ones only as far as 1 dB of peak headroom allows.'
	},
	{
		id: 'spotify-loud',
		name: 'Spotify (Loud)',
		targetLufs: -11,
		raisesQuiet: 'yes',
		limiter: { ceilingDbtp: -1, attackMs: 5, releaseMs: 100 },
		confidence: 'official',
		note: "Spotify Premium's Loud setting aims at −11 LUFS and raises quiet tracks fully, with a limiter that catches the peaks at −1 dB."
	},
	{
		id: 'spotify-quiet',
		name: 'Spotify (Quiet)',
		targetLufs: -19,
		raisesQuiet: 'headroom',
		confidence: 'official',
		note: "Spotify's Quiet setting aims at −19 LUFS, which turns almost every modern master down."
	},
	{
		id: 'youtube',
		name: 'YouTube',
		targetLufs: -14,
		raisesQuiet: 'no',
		confidence: 'secondary',
		note: 'YouTube turns tracks louder than about −14 LUFS down and leaves quieter ones as they are.'
	},
	{
		// DOMAIN gives only the reference; raising within peak headroom is a modelling choice.
		id: 'apple-music',
		name: 'Apple Music (Sound Check)',
		targetLufs: -16,
		raisesQuiet: 'headroom',
		confidence: 'secondary',
		note: 'With Sound Check on, Apple Music plays tracks at about −16 LUFS (reported by secondary sources; the preview raises quiet tracks only within peak headroom).'
	},
	{
		id: 'tidal',
		name: 'Tidal',
		targetLufs: -14,
		raisesQuiet: 'no',
		confidence: 'secondary',
		note: 'Tidal turns tracks louder than about −14 LUFS down and never raises quiet ones.'
	},
	{
		// As for Apple Music: the reference is reported, the handling of quiet tracks is not.
		id: 'deezer',
		name: 'Deezer',
		targetLufs: -15,
		raisesQuiet: 'headroom',
		confidence: 'secondary',
		note: 'Deezer plays tracks at about −15 LUFS (reported by secondary sources; the preview raises quiet tracks only within peak headroom).'
	},
	{
		id: 'broadcast-r128',
		name: 'EBU R128 broadcast',
		targetLufs: -23,
		raisesQuiet: 'yes',
		confidence: 'standard',
		note: 'European broadcasters play programmes at −23 LUFS (±1 LU) with true peaks no higher than −1 dBTP.'
	}
];
