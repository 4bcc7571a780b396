import { describe, expect, it } from 'vitest';
import { decodeWav, decodeWavInto, encodeWav, wavHeaderBytes } from './wav';
import { loopableSine } from './generate/tone';
import { gainToDb } from './units';

/** The file's chunks in order (id, size, where the body starts), walked as any RIFF reader does. */
function chunks(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const text = (o: number) => String.fromCharCode(...bytes.slice(o, o + 4));
	const found: { id: string; size: number; at: number }[] = [];
	for (let o = 12; o + 8 <= bytes.length;) {
		const size = view.getUint32(o + 4, true);
		found.push({ id: text(o), size, at: o + 8 });
		o += 8 + size + (size % 2);
	}
	return found;
}

function readHeader(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const text = (o: number) => String.fromCharCode(...bytes.slice(o, o + 4));
	const data = chunks(bytes).find((c) => c.id === 'data')!;
	return {
		riff: text(0),
		riffSize: view.getUint32(4, true),
		wave: text(8),
		formatTag: view.getUint16(20, true),
		channels: view.getUint16(22, true),
		sampleRate: view.getUint32(24, true),
		byteRate: view.getUint32(28, true),
		bits: view.getUint16(34, true),
		dataSize: data.size,
		dataAt: data.at,
		view
	};
}

describe('encodeWav', () => {
	it.each([
		['pcm16', 1, 16],
		['float32', 3, 32]
	] as const)('writes a valid %s header', (format, formatTag, bits) => {
		const left = new Float32Array(1000);
		const bytes = encodeWav({ channels: [left, left], sampleRate: 48000, format });
		const h = readHeader(bytes);
		expect(h).toMatchObject({
			riff: 'RIFF',
			wave: 'WAVE',
			formatTag,
			channels: 2,
			sampleRate: 48000,
			bits
		});
		expect(h.dataSize).toBe(1000 * 2 * (bits / 8));
		expect(h.riffSize).toBe(bytes.length - 8);
		expect(h.byteRate).toBe(48000 * 2 * (bits / 8));
		expect(h.dataAt).toBe(wavHeaderBytes(format === 'float32'));
	});

	it('writes float as the WAV spec asks of a non-PCM format, as sox does: cbSize, then fact', () => {
		const bytes = encodeWav({ channels: [new Float32Array(777)], sampleRate: 44100 });
		const view = new DataView(bytes.buffer);
		expect(chunks(bytes).map((c) => [c.id, c.size])).toEqual([
			['fmt ', 18],
			['fact', 4],
			['data', 777 * 4]
		]);
		expect(view.getUint16(36, true)).toBe(0); // cbSize: no extension
		expect(view.getUint32(chunks(bytes)[1].at, true)).toBe(777); // frames per channel
		// The project's own reader takes it back exactly.
		const noise = Float32Array.from({ length: 777 }, (_, i) => Math.sin(i) * 1.5);
		const round = decodeWav(encodeWav({ channels: [noise, noise], sampleRate: 44100 }));
		expect(round.channels[1]).toEqual(noise);
	});

	it('interleaves channels and keeps float samples exactly', () => {
		const left = Float32Array.from([0.5, -0.25]);
		const right = Float32Array.from([-1, 1.5]);
		const { view, dataAt } = readHeader(encodeWav({ channels: [left, right], sampleRate: 44100 }));
		expect([0, 1, 2, 3].map((i) => view.getFloat32(dataAt + i * 4, true))).toEqual([
			0.5, -1, -0.25, 1.5
		]);
	});

	it.each(['pcm16', 'float32'] as const)(
		'%s decodes into the caller’s arrays exactly as decodeWav does, at any offset in a larger buffer',
		(format) => {
			const left = Float32Array.from({ length: 1001 }, (_, i) => Math.sin(i / 7) * 0.9);
			const right = Float32Array.from({ length: 1001 }, (_, i) => Math.cos(i / 3) * 0.5);
			const wav = encodeWav({ channels: [left, right], sampleRate: 32000, format });
			for (const pad of [0, 1, 2, 3]) {
				// The WAV inside a bigger buffer, so its samples start aligned or not.
				const holder = new Uint8Array(wav.length + pad);
				holder.set(wav, pad);
				const bytes = holder.subarray(pad);
				const targets: Float32Array[] = [];
				const shape = decodeWavInto(bytes, ({ channelCount, frames, sampleRate }) => {
					expect({ channelCount, frames, sampleRate }).toEqual({
						channelCount: 2,
						frames: 1001,
						sampleRate: 32000
					});
					for (let c = 0; c < channelCount; c++) targets.push(new Float32Array(frames));
					return targets;
				});
				expect(shape.channels).toBe(targets);
				expect(targets).toEqual(decodeWav(wav).channels);
			}
			expect(() => decodeWavInto(wav, () => [new Float32Array(10)])).toThrow(/do not fit/);
		}
	);

	it('clamps 16-bit PCM to full scale', () => {
		const { view } = readHeader(
			encodeWav({ channels: [Float32Array.from([2, -2, 0.5])], sampleRate: 8000, format: 'pcm16' })
		);
		expect([0, 1, 2].map((i) => view.getInt16(44 + i * 2, true))).toEqual([32767, -32768, 16384]);
	});

	it('rejects channels of different lengths', () => {
		expect(() =>
			encodeWav({ channels: [new Float32Array(2), new Float32Array(3)], sampleRate: 8000 })
		).toThrow(/length/);
	});
});

describe('loopableSine', () => {
	it.each([
		[440, 44100],
		[1000, 48000],
		[97, 8000]
	])(
		'%d Hz at %d Hz peaks at the requested level and loops without a jump',
		(frequency, sampleRate) => {
			const tone = loopableSine({ frequency, seconds: 1, sampleRate, peakDbfs: -18 });
			const peak = tone.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
			expect(gainToDb(peak)).toBeCloseTo(-18, 1);
			// The jump from the last sample back to the first is no larger than one ordinary step.
			const maxStep = tone.reduce((m, v, i) => (i ? Math.max(m, Math.abs(v - tone[i - 1])) : m), 0);
			expect(Math.abs(tone[0] - tone[tone.length - 1])).toBeLessThanOrEqual(maxStep * 1.001);
		}
	);
});
