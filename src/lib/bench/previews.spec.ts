/**
 * The bench previews on 8 s of the app's music (and on pink noise, mono and silence), measured on the
 * output: integrated loudness matched to the original within 0.1 LU and true peaks under the −1 dBTP
 * guard; the phone's low end gone; mono identical in both channels; the streaming preview's loudness
 * equal to the excerpt's plus the gain planned from the whole track.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testClip, type TestAudio } from '../../cli/test-music';
import { measureLoudness } from '../dsp/analysis/loudness';
import { thirdOctaveSpectrum } from '../dsp/analysis/spectrum';
import { truePeak } from '../dsp/analysis/true-peak';
import { getStreamingService, planStreaming, type ServiceId } from '../dsp/master/streaming';
import { renderNoise } from '../dsp/synth/noise';
import {
	PREVIEW_CEILING_DBTP,
	renderStreamingPreview,
	renderSystemPreviews,
	systemPreviews,
	type SystemPreview
} from './previews';

const sampleRate = 44100;
let music: TestAudio;
let musicPreviews: SystemPreview[];

const lufsOf = (channels: Float32Array[]) => measureLoudness({ channels, sampleRate }).integrated!;
const tpOf = (channels: Float32Array[]) => truePeak({ channels, sampleRate }).dbtp!;

beforeAll(async () => {
	music = await testClip(sampleRate);
	musicPreviews = renderSystemPreviews(music);
}, 60_000);

function pink(rmsDbfs: number, channelCount = 2): TestAudio {
	const noise = renderNoise({ color: 'pink', seed: 5, seconds: 6, sampleRate, rmsDbfs });
	return { channels: [noise.left, noise.right].slice(0, channelCount), sampleRate };
}

describe('renderSystemPreviews', () => {
	it('returns the versions in display order, as long as the excerpt, input untouched', () => {
		expect(musicPreviews.map((p) => p.id)).toEqual([
			'original',
			'phone',
			'laptop',
			'earbuds',
			'car',
			'club',
			'mono'
		]);
		expect(musicPreviews.map((p) => p.label)).toEqual(systemPreviews.map((p) => p.label));
		for (const preview of musicPreviews) {
			expect(preview.channels).toHaveLength(2);
			for (const c of preview.channels) expect(c).toHaveLength(music.channels[0].length);
			expect(preview.channels[0]).not.toBe(music.channels[0]);
		}
	});

	it.each([
		['music', () => ({ clip: music, previews: musicPreviews })],
		['quiet pink noise', () => ({ clip: pink(-30), previews: renderSystemPreviews(pink(-30)) })],
		['loud pink noise', () => ({ clip: pink(-10), previews: renderSystemPreviews(pink(-10)) })],
		[
			'mono pink noise',
			() => ({ clip: pink(-20, 1), previews: renderSystemPreviews(pink(-20, 1)) })
		]
	])(
		'%s: every version within 0.1 LU of the original, true peaks at or under −1 dBTP',
		(_, make) => {
			const { clip, previews } = make();
			const original = previews[0];
			const reference = lufsOf(original.channels);
			// The original is only ever lowered (by the common guard).
			expect(original.matchGainDb).toBeLessThanOrEqual(0);
			expect(reference).toBeCloseTo(lufsOf(clip.channels) + original.matchGainDb, 2);
			for (const preview of previews) {
				expect(Math.abs(lufsOf(preview.channels) - reference)).toBeLessThanOrEqual(0.1);
				expect(tpOf(preview.channels)).toBeLessThanOrEqual(PREVIEW_CEILING_DBTP + 0.01);
			}
		}
	);

	it('the loud input makes the guard lower every version together', () => {
		const previews = renderSystemPreviews(pink(-10));
		expect(previews[0].matchGainDb).toBeLessThan(0);
	});

	it('the phone removes the energy below ~200 Hz and keeps the mids', () => {
		const spectrum = (p: SystemPreview) =>
			new Map(
				thirdOctaveSpectrum({ channels: p.channels, sampleRate }).map((b) => [b.nominal, b.db])
			);
		const original = spectrum(musicPreviews[0]);
		const phone = spectrum(musicPreviews.find((p) => p.id === 'phone')!);
		for (const band of [50, 63, 80, 100, 125, 160]) {
			expect(phone.get(band)! - original.get(band)!).toBeLessThan(-15);
		}
		for (const band of [1000, 1250, 1600]) {
			expect(Math.abs(phone.get(band)! - original.get(band)!)).toBeLessThan(8);
		}
	});

	it('mono has identical channels; the stereo original does not', () => {
		const mono = musicPreviews.find((p) => p.id === 'mono')!;
		const [left, right] = mono.channels;
		let maxDiff = 0;
		for (let i = 0; i < left.length; i++) maxDiff = Math.max(maxDiff, Math.abs(left[i] - right[i]));
		expect(maxDiff).toBe(0);
		const [l, r] = musicPreviews[0].channels;
		expect(l.some((v, i) => v !== r[i])).toBe(true);
	});

	it('leaves a silent excerpt silent, with 0 dB gains', () => {
		const silence = {
			channels: [new Float32Array(sampleRate), new Float32Array(sampleRate)],
			sampleRate
		};
		const previews = renderSystemPreviews(silence);
		expect(previews.map((p) => p.matchGainDb)).toEqual(previews.map(() => 0));
		for (const p of previews) expect(p.channels[0].every((v) => v === 0)).toBe(true);
	});
});

describe('renderStreamingPreview', () => {
	/** A loud whole track (the excerpt is part of it): every service turns it down or leaves it. */
	const loudTrack = { lufs: -8, truePeak: -0.3 };
	/** A quiet whole track with headroom. */
	const quietTrack = { lufs: -20, truePeak: -6 };

	it.each<[ServiceId, { lufs: number; truePeak: number }]>([
		['spotify', loudTrack],
		['spotify-quiet', loudTrack],
		['youtube', loudTrack],
		['apple-music', loudTrack],
		['tidal', loudTrack],
		['deezer', loudTrack],
		['broadcast-r128', loudTrack],
		['spotify', quietTrack],
		['youtube', quietTrack],
		['apple-music', quietTrack],
		['broadcast-r128', quietTrack]
	])('%s: the excerpt plays at its loudness plus the planned gain (%o)', (id, reading) => {
		const { channels, plan } = renderStreamingPreview({
			excerpt: music,
			fullTrackReading: reading,
			serviceId: id
		});
		expect(plan).toEqual(planStreaming(reading, getStreamingService(id)));
		expect(plan.limited).toBe(false);
		expect(Math.abs(lufsOf(channels) - (lufsOf(music.channels) + plan.gainDb))).toBeLessThanOrEqual(
			0.1
		);
		expect(channels[0]).toHaveLength(music.channels[0].length);
	});

	it("applies Spotify Loud's limiter when the raised peaks pass −1 dBTP", () => {
		const reading = { lufs: -20, truePeak: -2 };
		const { channels, plan } = renderStreamingPreview({
			excerpt: music,
			fullTrackReading: reading,
			serviceId: 'spotify-loud'
		});
		expect(plan.gainDb).toBeCloseTo(9, 6);
		expect(plan.limited).toBe(true);
		expect(tpOf(channels)).toBeLessThanOrEqual(-1 + 0.05);
		// The limiter takes some of the gain back.
		expect(lufsOf(channels)).toBeLessThan(lufsOf(music.channels) + plan.gainDb);
	});

	it('throws a RangeError for an unknown service', () => {
		expect(() =>
			renderStreamingPreview({
				excerpt: music,
				fullTrackReading: loudTrack,
				serviceId: 'napster' as ServiceId
			})
		).toThrow(RangeError);
	});
});
