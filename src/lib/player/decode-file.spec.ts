import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeWavInWorker } from '../audio/analysis-client';
import { encodeWav } from '../dsp/wav';
import { MAX_TRACK_SECONDS, openTrack } from './decode-file';

vi.mock('../audio/analysis-client', () => ({ decodeWavInWorker: vi.fn() }));

const fixture = (name: string) =>
	readFileSync(join(import.meta.dirname, '../bench/fixtures', name));

/** A mono 8 kHz 16-bit WAV of `seconds` of silence. */
const silentWav = (seconds: number) =>
	encodeWav({
		channels: [new Float32Array(Math.round(seconds * 8000))],
		sampleRate: 8000,
		format: 'pcm16'
	});

afterEach(() => {
	vi.mocked(decodeWavInWorker).mockReset();
});

describe('openTrack: too long is turned away before decoding', () => {
	it.each([
		['vorbis-700s.ogg', '11:40'],
		['flac-700s.flac', '11:40'],
		['aac-700s-moov-at-end.m4a', '11:40']
	])('%s (no decoder in Node: reaching one would fail differently)', async (name, length) => {
		const file = new File([fixture(name)], name);
		await expect(openTrack(file)).rejects.toThrow(
			`${name} is ${length} long. The bench takes tracks up to 10 minutes.`
		);
	});

	it.each([MAX_TRACK_SECONDS + 1, 900])('a %i s WAV never reaches the WAV decoder', async (s) => {
		const file = new File([new Uint8Array(silentWav(s))], 'long.wav');
		await expect(openTrack(file)).rejects.toThrow(/long\.wav is 1\d:\d\d long/);
		expect(decodeWavInWorker).not.toHaveBeenCalled();
	});

	it('a WAV of exactly the limit goes on to the decoder', async () => {
		vi.mocked(decodeWavInWorker).mockResolvedValueOnce({
			channels: [new Float32Array(MAX_TRACK_SECONDS * 8000)],
			sampleRate: 8000,
			encoding: 'pcm16'
		});
		const track = await openTrack(
			new File([new Uint8Array(silentWav(MAX_TRACK_SECONDS))], 'ten.wav')
		);
		expect(decodeWavInWorker).toHaveBeenCalledTimes(1);
		expect(track.durationS).toBe(MAX_TRACK_SECONDS);
	});
});
