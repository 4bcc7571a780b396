/**
 * The streaming preview: the service table against the DOMAIN notes, planStreaming on a table of
 * (loudness, true peak, service) cases, and renderStreaming measured on the app's music (8 s of
 * pop-rock as rendered, about −21 LUFS at −6 dBTP, and a loud limited master of it, about −9 LUFS at
 * −1 dBTP): where no limiter acts the output loudness is the input's plus the planned gain within
 * 0.1 LU; where Spotify's Loud limiter acts the true peak stays ≤ −1 dBTP + 0.1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testClip } from '../../../cli/test-music';
import { measureLoudness } from '../analysis/loudness';
import { truePeak } from '../analysis/true-peak';
import { applyChain } from '../process/chain';
import {
	getStreamingService,
	planStreaming,
	renderStreaming,
	streamingChain,
	streamingServices,
	type ServiceId
} from './streaming';

const sampleRate = 44100;

type Track = { channels: Float32Array[]; sampleRate: number; lufs: number; truePeak: number };
const tracks: Track[] = [];

function track(channels: Float32Array[]): Track {
	return {
		channels,
		sampleRate,
		lufs: measureLoudness({ channels, sampleRate }).integrated!,
		truePeak: truePeak({ channels, sampleRate }).dbtp!
	};
}

beforeAll(async () => {
	const { channels: mix } = await testClip(sampleRate);
	tracks.push(track(mix));
	const loud = applyChain({
		channels: mix,
		sampleRate,
		chain: [
			{ type: 'gain', gainDb: 13 },
			{ type: 'limit', ceilingDbtp: -1 }
		]
	}).channels;
	tracks.push(track(loud));
}, 60_000);

describe('streamingServices', () => {
	it('lists each service once, with the DOMAIN references and no Amazon', () => {
		const targets = Object.fromEntries(streamingServices.map((s) => [s.id, s.targetLufs]));
		expect(targets).toEqual({
			spotify: -14,
			'spotify-loud': -11,
			'spotify-quiet': -19,
			youtube: -14,
			'apple-music': -16,
			tidal: -14,
			deezer: -15,
			'broadcast-r128': -23
		});
		expect(streamingServices.some((s) => /amazon/i.test(s.name))).toBe(false);
	});

	it.each([
		['spotify', 'headroom', 'official'],
		['spotify-loud', 'yes', 'official'],
		['spotify-quiet', 'headroom', 'official'],
		['youtube', 'no', 'secondary'],
		['tidal', 'no', 'secondary'],
		['apple-music', 'headroom', 'secondary'],
		['deezer', 'headroom', 'secondary'],
		['broadcast-r128', 'yes', 'standard']
	] as const)('%s raises quiet tracks: %s (%s)', (id, raises, confidence) => {
		const service = getStreamingService(id);
		expect(service.raisesQuiet).toBe(raises);
		expect(service.confidence).toBe(confidence);
		// One plain sentence.
		expect(service.note).toMatch(/^[A-Z].*\.$/);
		expect(service.note.slice(0, -1)).not.toMatch(/\.\s/);
	});

	it('only Spotify Loud has a limiter: −1 dB, 5 ms attack, 100 ms release', () => {
		const limited = streamingServices.filter((s) => s.limiter);
		expect(limited.map((s) => s.id)).toEqual(['spotify-loud']);
		expect(limited[0].limiter).toEqual({ ceilingDbtp: -1, attackMs: 5, releaseMs: 100 });
	});

	it('throws a RangeError for an unknown id', () => {
		expect(() => getStreamingService('amazon' as ServiceId)).toThrow(RangeError);
	});
});

describe('planStreaming', () => {
	// [service, lufs, truePeak, gainDb, limited, explanation pattern]; gains exact to 1e-9.
	it.each([
		['spotify', -8, -0.3, -6, false, /^Spotify turns this track down 6\.0 dB to −14 LUFS\.$/],
		[
			'spotify',
			-20,
			-8,
			6,
			false,
			/^Spotify raises this track 6\.0 dB to −14 LUFS; its true peak stays at or below −1 dBTP\.$/
		],
		['spotify', -20, -3, 2, false, /raises this track only 2\.0 dB.* 4\.0 dB below its −14 LUFS/],
		['spotify', -20, -0.5, 0, false, /cannot raise this track: its true peak \(−0\.5 dBTP\)/],
		['spotify', -20, 0.4, 0, false, /cannot raise/],
		['spotify', -14.02, -1, 0, false, /plays this track as is/],
		['spotify-quiet', -10, -1, -9, false, /down 9\.0 dB to −19 LUFS/],
		['spotify-quiet', -22, -10, 3, false, /raises this track 3\.0 dB to −19 LUFS/],
		[
			'spotify-loud',
			-14,
			-3,
			3,
			true,
			/to −11 LUFS and its limiter pulls the peaks \(which would reach 0\.0 dBTP\) down to −1 dBTP, which takes back some of that loudness\.$/
		],
		[
			'spotify-loud',
			-14,
			-6,
			3,
			false,
			/^Spotify \(Loud\) raises this track 3\.0 dB to −11 LUFS\.$/
		],
		['spotify-loud', -10.5, 0, -0.5, true, /down 0\.5 dB to −11 LUFS\. Its limiter/],
		['spotify-loud', -9, -4, -2, false, /down 2\.0 dB/],
		[
			'youtube',
			-20,
			-3,
			0,
			false,
			/^YouTube does not raise quiet tracks: played as is, 6\.0 dB below its −14 LUFS reference\.$/
		],
		['youtube', -9, -1, -5, false, /^YouTube turns this track down 5\.0 dB to −14 LUFS\.$/],
		['tidal', -17.1, -5, 0, false, /does not raise .* 3\.1 dB below/],
		['tidal', -6.5, 0.3, -7.5, false, /down 7\.5 dB/],
		['apple-music', -20, -10, 4, false, /raises this track 4\.0 dB to −16 LUFS/],
		['apple-music', -20, -4, 3, false, /only 3\.0 dB/],
		['deezer', -10, -1, -5, false, /down 5\.0 dB to −15 LUFS/],
		['broadcast-r128', -14, -1, -9, false, /down 9\.0 dB to −23 LUFS/],
		[
			'broadcast-r128',
			-30,
			-12,
			7,
			false,
			/^EBU R128 broadcast raises this track 7\.0 dB to −23 LUFS\.$/
		],
		['broadcast-r128', -30, -4, 7, false, /would then reach \+3\.0 dBTP, above the −1 dBTP maximum/]
	] as const)('%s, %d LUFS at %d dBTP → %d dB', (id, lufs, tp, gainDb, limited, explanation) => {
		const plan = planStreaming({ lufs, truePeak: tp }, getStreamingService(id));
		expect(Math.abs(plan.gainDb - gainDb)).toBeLessThan(1e-9);
		expect(plan.limited).toBe(limited);
		expect(plan.explanation).toMatch(explanation);
	});

	it('never raises beyond the reference or to a peak above −1 dBTP under the headroom rule', () => {
		for (const service of streamingServices.filter((s) => s.raisesQuiet === 'headroom')) {
			for (let lufs = -40; lufs <= -5; lufs += 2.5) {
				for (let tp = -20; tp <= 1; tp += 1.5) {
					const { gainDb } = planStreaming({ lufs, truePeak: tp }, service);
					expect(lufs + gainDb).toBeLessThanOrEqual(service.targetLufs + 1e-9);
					if (gainDb > 0) expect(tp + gainDb).toBeLessThanOrEqual(-1 + 1e-9);
				}
			}
		}
	});

	it('rejects a reading without a finite loudness', () => {
		expect(() => planStreaming({ lufs: Number.NaN, truePeak: -1 }, streamingServices[0])).toThrow(
			RangeError
		);
	});
});

describe('renderStreaming on music', () => {
	it.each(streamingServices.map((s) => [s.id]))(
		'%s: loudness = input + planned gain ±0.1 LU where no limiter acts',
		(id) => {
			const service = getStreamingService(id as ServiceId);
			for (const t of tracks) {
				const { channels, plan } = renderStreaming({ ...t, reading: t, service });
				expect(channels[0].length).toBe(t.channels[0].length);
				expect(streamingChain(plan, service).some((s) => s.type === 'limit')).toBe(plan.limited);
				const lufs = measureLoudness({ channels, sampleRate }).integrated!;
				if (!plan.limited) {
					expect(Math.abs(lufs - (t.lufs + plan.gainDb))).toBeLessThanOrEqual(0.1);
				} else {
					// The limiter takes loudness off the planned level, never adds any, and never more
					// than its largest gain reduction (how far the raised true peak overshoots −1 dBTP).
					const overshootDb = t.truePeak + plan.gainDb - service.limiter!.ceilingDbtp;
					expect(lufs).toBeLessThanOrEqual(t.lufs + plan.gainDb + 0.1);
					expect(lufs).toBeGreaterThan(t.lufs + plan.gainDb - overshootDb);
				}
			}
		}
	);

	it('Spotify Loud raises the quiet mix fully and its limiter keeps the true peak ≤ −1 dBTP + 0.1', () => {
		const quiet = tracks[0];
		const { channels, plan } = renderStreaming({
			...quiet,
			reading: quiet,
			service: getStreamingService('spotify-loud')
		});
		expect(plan.gainDb).toBeGreaterThan(8);
		expect(plan.limited).toBe(true);
		expect(truePeak({ channels, sampleRate }).dbtp!).toBeLessThanOrEqual(-1 + 0.1);
	});

	it('Spotify raises the quiet mix only to −1 dBTP; YouTube leaves it alone', () => {
		const quiet = tracks[0];
		const spotify = renderStreaming({
			...quiet,
			reading: quiet,
			service: getStreamingService('spotify')
		});
		expect(Math.abs(truePeak({ channels: spotify.channels, sampleRate }).dbtp! + 1)).toBeLessThan(
			0.05
		);
		const youtube = renderStreaming({
			...quiet,
			reading: quiet,
			service: getStreamingService('youtube')
		});
		expect(youtube.plan.gainDb).toBe(0);
	});
});
