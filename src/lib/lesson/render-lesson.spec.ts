/**
 * The lesson demos' audio is honest: readings describe each version as it is (the +1 dB version
 * reads 1.0 dB above the mix, the loud master about −8 LUFS), matched playback brings a set within
 * 0.05 LU, unmatched playback keeps the level difference, and no version passes the −1 dBTP
 * ceiling. Measured on seeded pink noise (the same code path as music, without the sound bank).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import { getStreamingService } from '../dsp/master/streaming';
import { renderNoise } from '../dsp/synth/noise';
import type { LessonVersionId } from './versions';
import {
	matchForPlayback,
	renderLessonSet,
	renderMeteredVersion,
	renderStreamingSet,
	type LessonAudio,
	type MeteredVersion
} from './render-lesson';

const sampleRate = 44100;
const CEILING_DBTP = -1;

function pinkSource(rmsDbfs: number): LessonAudio {
	const noise = renderNoise({ color: 'pink', seed: 7, seconds: 8, sampleRate, rmsDbfs });
	return { channels: [noise.left, noise.right], sampleRate };
}

const loudness = (channels: Float32Array[]) =>
	measureLoudness({ channels, sampleRate }).integrated!;
const peak = (channels: Float32Array[]) => truePeak({ channels, sampleRate }).dbtp!;

describe('lesson version readings', () => {
	const source = pinkSource(-20);
	const mix = renderMeteredVersion({ id: 'mix', source });
	const louder = renderMeteredVersion({ id: 'louder-1db', source });

	it('read the +1 dB version 1.0 dB above the mix', () => {
		expect(louder.meter.lufs! - mix.meter.lufs!).toBeCloseTo(1, 2);
		expect(louder.meter.truePeak! - mix.meter.truePeak!).toBeCloseTo(1, 2);
		expect(louder.meter.plr!).toBeCloseTo(mix.meter.plr!, 2);
		expect(Math.abs(louder.meter.lra! - mix.meter.lra!)).toBeLessThan(0.1);
	});

	it('define PLR as true peak minus integrated loudness', () => {
		for (const v of [mix, louder]) {
			expect(v.meter.plr!).toBeCloseTo(v.meter.truePeak! - v.meter.lufs!, 9);
		}
	});
});

describe('matched and unmatched playback', () => {
	it.each([-20, -10])(
		'pink noise at %s dBFS RMS: matched within 0.05 LU, under the ceiling',
		(rms) => {
			const source = pinkSource(rms);
			const { versions, matchedLufs } = renderLessonSet({
				ids: ['mix', 'louder-1db'],
				source,
				matched: true
			});
			const [a, b] = versions.map((v) => loudness(v.channels));
			expect(Math.abs(a - b)).toBeLessThan(0.05);
			expect(matchedLufs).not.toBeNull();
			expect(Math.abs(a - matchedLufs!)).toBeLessThan(0.05);
			expect(versions[1].matchGainDb - versions[0].matchGainDb).toBeCloseTo(-1, 2);
			for (const v of versions) expect(peak(v.channels)).toBeLessThanOrEqual(CEILING_DBTP + 0.01);
			// The readings still describe the versions themselves, not the matched playback.
			expect(versions[1].meter.lufs! - versions[0].meter.lufs!).toBeCloseTo(1, 2);
		}
	);

	it.each([-20, -10])('pink noise at %s dBFS RMS: unmatched keeps the 1 dB apart', (rms) => {
		const source = pinkSource(rms);
		const { versions, matchedLufs } = renderLessonSet({
			ids: ['mix', 'louder-1db'],
			source,
			matched: false
		});
		const [a, b] = versions.map((v) => loudness(v.channels));
		expect(b - a).toBeCloseTo(1, 1);
		expect(matchedLufs).toBeNull();
		expect(versions[0].matchGainDb).toBeCloseTo(versions[1].matchGainDb, 9);
		for (const v of versions) expect(peak(v.channels)).toBeLessThanOrEqual(CEILING_DBTP + 0.01);
		if (rms === -20) expect(versions[0].matchGainDb).toBe(0); // peaks were already below −1 dBTP
	});

	it('never changes the versions it is given (the worker caches them)', () => {
		const source = pinkSource(-10);
		const input = renderMeteredVersion({ id: 'louder-1db', source });
		const before = input.channels.map((c) => c.slice());
		matchForPlayback({
			versions: [renderMeteredVersion({ id: 'mix', source }), input],
			matched: true
		});
		const changed = input.channels.some((c, i) => c.some((v, j) => v !== before[i][j]));
		expect(changed).toBe(false);
	});

	it('takes versions from the lookup it is given', () => {
		const source = pinkSource(-20);
		const asked: LessonVersionId[] = [];
		renderLessonSet({
			ids: ['mix', 'mono'],
			source,
			matched: true,
			version: (id) => {
				asked.push(id);
				return renderMeteredVersion({ id, source });
			}
		});
		expect(asked).toEqual(['mix', 'mono']);
	});
});

describe('masters and streaming', () => {
	const source = pinkSource(-20);
	let master: MeteredVersion;
	let loud: MeteredVersion;
	beforeAll(() => {
		master = renderMeteredVersion({ id: 'master', source });
		loud = renderMeteredVersion({ id: 'loud-master', source });
	});

	it('read the loud master at about −8 LUFS and the master at about −14', () => {
		expect(loud.meter.lufs!).toBeCloseTo(-8, 0);
		expect(master.meter.lufs!).toBeCloseTo(-14, 0);
		expect(loud.meter.plr!).toBeLessThan(master.meter.plr!);
	});

	it('match the two masters within 0.05 LU for playback', () => {
		const { versions } = matchForPlayback({ versions: [master, loud], matched: true });
		const [a, b] = versions.map((v) => loudness(v.channels));
		expect(Math.abs(a - b)).toBeLessThan(0.05);
		for (const v of versions) expect(peak(v.channels)).toBeLessThanOrEqual(CEILING_DBTP + 0.01);
	});

	it.each(['spotify', 'youtube', 'tidal'] as const)(
		'%s plays both at about −14 LUFS, turning the loud master down ~6 dB',
		(id) => {
			const streamed = renderStreamingSet({
				versions: [master, loud],
				sampleRate,
				service: getStreamingService(id)
			});
			expect(streamed.map((s) => s.id)).toEqual(['master', 'loud-master']);
			for (const s of streamed) expect(Math.abs(s.played.lufs! - -14)).toBeLessThan(0.2);
			expect(streamed[1].plan.gainDb).toBeCloseTo(-14 - loud.meter.lufs!, 6);
			expect(streamed[1].uploaded).toEqual(loud.meter);
			expect(streamed[1].plan.explanation).toMatch(/down/);
		}
	);

	it('Spotify Loud raises the dynamic master with its limiter', () => {
		const [dynamic] = renderStreamingSet({
			versions: [master],
			sampleRate,
			service: getStreamingService('spotify-loud')
		});
		expect(dynamic.plan.gainDb).toBeGreaterThan(0);
		expect(dynamic.played.truePeak!).toBeLessThanOrEqual(-1 + 0.05);
	});
});
