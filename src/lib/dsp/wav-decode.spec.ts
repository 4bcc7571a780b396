import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav, WavError } from './wav';

/** Writes a WAV by hand (independently of encodeWav) so the decoder is tested against the spec. */
function handWav({
	formatTag,
	bits,
	frames,
	extensible = false,
	extraChunk = false
}: {
	formatTag: 1 | 3;
	bits: number;
	frames: number[][];
	extensible?: boolean;
	extraChunk?: boolean;
}): Uint8Array {
	const channels = frames[0].length;
	const bytesPerSample = bits / 8;
	const dataSize = frames.length * channels * bytesPerSample;
	const fmtSize = extensible ? 40 : 16;
	const extra = extraChunk ? 8 + 5 + 1 : 0; // an odd-sized LIST chunk with its pad byte
	const buffer = new ArrayBuffer(12 + 8 + fmtSize + extra + 8 + dataSize);
	const view = new DataView(buffer);
	let o = 0;
	const ascii = (s: string) => {
		for (const ch of s) view.setUint8(o++, ch.charCodeAt(0));
	};
	ascii('RIFF');
	view.setUint32(o, buffer.byteLength - 8, true);
	o += 4;
	ascii('WAVE');
	if (extraChunk) {
		ascii('LIST');
		view.setUint32(o, 5, true);
		o += 4 + 6;
	}
	ascii('fmt ');
	view.setUint32(o, fmtSize, true);
	view.setUint16(o + 4, extensible ? 0xfffe : formatTag, true);
	view.setUint16(o + 6, channels, true);
	view.setUint32(o + 8, 44100, true);
	view.setUint32(o + 12, 44100 * channels * bytesPerSample, true);
	view.setUint16(o + 16, channels * bytesPerSample, true);
	view.setUint16(o + 18, bits, true);
	if (extensible) {
		view.setUint16(o + 20, 22, true);
		view.setUint16(o + 22, bits, true);
		view.setUint32(o + 24, channels === 2 ? 3 : 4, true);
		view.setUint16(o + 28, formatTag, true); // sub-format GUID begins with the format tag
	}
	o += 4 + fmtSize;
	ascii('data');
	view.setUint32(o, dataSize, true);
	o += 4;
	for (const frame of frames) {
		for (const v of frame) {
			if (formatTag === 3 && bits === 32) view.setFloat32(o, v, true);
			else if (formatTag === 3) view.setFloat64(o, v, true);
			else if (bits === 16) view.setInt16(o, Math.round(v * 32767), true);
			else if (bits === 24) {
				const x = Math.round(v * 8388607);
				view.setUint8(o, x & 0xff);
				view.setUint8(o + 1, (x >> 8) & 0xff);
				view.setInt8(o + 2, x >> 16);
			} else view.setInt32(o, Math.round(v * 2147483647), true);
			o += bytesPerSample;
		}
	}
	return new Uint8Array(buffer);
}

// Decoded samples are stored as float32, so 32-bit PCM and 64-bit float keep float32 precision.
const frames = [
	[0, 0.5],
	[-0.5, 0.25],
	[0.999, -1]
];

describe('decodeWav', () => {
	const cases = [
		{ formatTag: 1, bits: 16, tolerance: 1 / 32767, encoding: '16-bit PCM' },
		{ formatTag: 1, bits: 24, tolerance: 1 / 8388607, encoding: '24-bit PCM' },
		{ formatTag: 1, bits: 32, tolerance: 1e-7, encoding: '32-bit PCM' },
		{ formatTag: 3, bits: 32, tolerance: 1e-7, encoding: '32-bit float' },
		{ formatTag: 3, bits: 64, tolerance: 1e-7, encoding: '64-bit float' }
	] as const;
	for (const c of cases) {
		for (const extensible of [false, true]) {
			it(`reads ${c.encoding}${extensible ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''} in stereo and mono`, () => {
				const stereo = decodeWav(handWav({ ...c, frames, extensible, extraChunk: extensible }));
				expect(stereo.encoding).toBe(c.encoding);
				expect(stereo.sampleRate).toBe(44100);
				expect(stereo.channels).toHaveLength(2);
				frames.forEach(([l, r], i) => {
					expect(Math.abs(stereo.channels[0][i] - l)).toBeLessThanOrEqual(c.tolerance * 1.5);
					expect(Math.abs(stereo.channels[1][i] - r)).toBeLessThanOrEqual(c.tolerance * 1.5);
				});
				const mono = decodeWav(handWav({ ...c, frames: frames.map(([l]) => [l]), extensible }));
				expect(mono.channels).toHaveLength(1);
				expect(mono.channels[0]).toHaveLength(3);
			});
		}
	}

	it('round-trips encodeWav output', () => {
		const left = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.8);
		const right = left.map((v) => -v);
		const decoded = decodeWav(encodeWav({ channels: [left, right], sampleRate: 96000 }));
		expect(decoded.sampleRate).toBe(96000);
		expect(Array.from(decoded.channels[0])).toEqual(Array.from(left));
		expect(Array.from(decoded.channels[1])).toEqual(Array.from(right));
	});

	it.each([
		['text', new TextEncoder().encode('hello, this is not audio at all'), /Not a WAV/],
		['an empty file', new Uint8Array(0), /Not a WAV/],
		[
			'truncated data',
			handWav({ formatTag: 1, bits: 16, frames }).subarray(0, 50),
			/truncated: the header promises 12 bytes but only 6/
		],
		[
			'a header without data',
			handWav({ formatTag: 1, bits: 16, frames }).subarray(0, 36),
			/no audio data/
		],
		[
			'8-bit float',
			(() => {
				const b = handWav({ formatTag: 3, bits: 32, frames });
				new DataView(b.buffer).setUint16(34, 8, true);
				return b;
			})(),
			/Unsupported WAV encoding: 8-bit float/
		]
	])('rejects %s with a clear WavError', (_name, bytes, message) => {
		expect(() => decodeWav(bytes)).toThrow(WavError);
		expect(() => decodeWav(bytes)).toThrow(message);
	});
});
