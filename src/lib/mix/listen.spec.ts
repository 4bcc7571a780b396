import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../dsp/analysis/loudness';
import { samplePeak } from '../dsp/analysis/levels';
import { bandPower, welchPower } from '../dsp/analysis/spectrum';
import { truePeak } from '../dsp/analysis/true-peak';
import { planStreaming, getStreamingService } from '../dsp/master/streaming';
import { streamingServices } from '../dsp/master/streaming-services';
import { applyGain } from '../dsp/process/stereo';
import { systemInfo } from '../dsp/process/system-info';
import { mulberry32, sineWave } from '../dsp/test-signals';
import { isListenThrough, listen, listenChoices, type ListenThrough } from './listen';

const sampleRate = 44100;
const LISTENING = -23;

/** Three seconds of stereo: uncorrelated noise plus a 60 Hz sine (a bass line), at `gainDb`. */
function music(gainDb: number, seed = 1): Float32Array[] {
	const random = mulberry32(seed);
	const length = 3 * sampleRate;
	const bass = sineWave({ peak: 0.3, frequency: 60, sampleRate, length });
	const channels = [0, 1].map(() =>
		Float32Array.from({ length }, (_, i) => 0.2 * (random() * 2 - 1) + bass[i])
	);
	applyGain({ channels, gainDb });
	return channels;
}

const lufsOf = (channels: Float32Array[]) =>
	measureLoudness({ channels, sampleRate }).integrated ?? -Infinity;
const bandDb = (channels: Float32Array[], low: number, high: number) =>
	10 *
	Math.log10(
		bandPower({
			spectrum: welchPower({ channels: [channels[0]], sampleRate }),
			lowHz: low,
			highHz: high
		})
	);

describe('listen: where the Mix Lab plays a version', { timeout: 60_000 }, () => {
	it('as is, matched puts every level at the listening loudness; unmatched leaves it alone', () => {
		for (const gainDb of [-30, -20, -12, -6]) {
			const heard = listen({
				channels: music(gainDb),
				sampleRate,
				through: 'as-is',
				matched: true,
				listeningLufs: LISTENING
			});
			// The −1 dBFS peak guard only binds far above the listening level: not here.
			expect(Math.abs(lufsOf(heard.channels) - LISTENING)).toBeLessThan(0.05);
			expect(samplePeak({ channels: heard.channels }).dbfs!).toBeLessThanOrEqual(-1 + 1e-6);
			expect(heard.note).toBeNull();
			const input = music(gainDb);
			const plain = listen({
				channels: input,
				sampleRate,
				through: 'as-is',
				matched: false,
				listeningLufs: LISTENING
			});
			expect(plain.gainDb).toBe(0);
			const again = music(gainDb);
			expect(plain.channels.every((c, k) => c.every((x, i) => x === again[k][i]))).toBe(true);
		}
	});

	it('a phone loses the bass line against the upper mids, matched all the same', () => {
		const input = music(-14);
		const heard = listen({
			channels: music(-14),
			sampleRate,
			through: 'phone',
			matched: true,
			listeningLufs: LISTENING
		});
		const before = bandDb(input, 40, 80) - bandDb(input, 1000, 4000);
		const after = bandDb(heard.channels, 40, 80) - bandDb(heard.channels, 1000, 4000);
		expect(before - after).toBeGreaterThan(40); // 4th-order high-pass at 350 Hz: > 60 dB at 60 Hz
		expect(Math.abs(lufsOf(heard.channels) - LISTENING)).toBeLessThan(0.05);
		expect(heard.note).toBe(systemInfo.phone.description);
	});

	it('a streaming service plays each level as its plan says, moved to the listening level', () => {
		for (const service of streamingServices) {
			for (const gainDb of [-24, -14, -6]) {
				const input = music(gainDb, 3);
				const lufs = lufsOf(input);
				const peak = truePeak({ channels: input, sampleRate }).dbtp!;
				const plan = planStreaming({ lufs, truePeak: peak }, service);
				const heard = listen({
					channels: music(gainDb, 3),
					sampleRate,
					through: `stream:${service.id}`,
					matched: true,
					listeningLufs: LISTENING
				});
				expect(heard.note).toBe(plan.explanation);
				const expected = lufs + plan.gainDb + LISTENING - service.targetLufs;
				// The service's limiter, when it acts, takes some loudness back (never adds any).
				const reached = lufsOf(heard.channels);
				// The loudness reported is the service's, before the move to the listening level.
				expect(Math.abs(heard.lufs! + heard.gainDb - reached)).toBeLessThan(0.01);
				if (plan.limited) {
					expect(reached).toBeLessThanOrEqual(expected + 0.05);
					expect(reached).toBeGreaterThan(expected - 3);
				} else expect(Math.abs(reached - expected)).toBeLessThan(0.05);
			}
		}
		// Matched or not, a service's normalisation is the level heard.
		const service = getStreamingService('spotify');
		const a = listen({
			channels: music(-8),
			sampleRate,
			through: `stream:${service.id}`,
			matched: false,
			listeningLufs: LISTENING
		});
		expect(Math.abs(lufsOf(a.channels) - LISTENING)).toBeLessThan(0.05);
	});

	it('lists every system and service once, and refuses anything else', () => {
		const ids = listenChoices.map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain('as-is');
		expect(ids).toContain('phone');
		expect(ids).toContain('stream:spotify');
		expect(isListenThrough('stream:napster')).toBe(false);
		expect(() =>
			listen({
				channels: music(-20),
				sampleRate,
				through: 'radio' as ListenThrough,
				matched: true,
				listeningLufs: LISTENING
			})
		).toThrow(RangeError);
	});
});
