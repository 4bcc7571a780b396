/**
 * WAV (RIFF/WAVE) encoding. Reference: Microsoft "Multimedia Programming Interface and Data
 * Specifications 1.0" (RIFF, WAVE_FORMAT_PCM = 1, WAVE_FORMAT_IEEE_FLOAT = 3).
 */
import type { SampleRate } from './units';

/** True on every platform we run on; the DataView paths keep big-endian hosts correct. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes before the samples of integer PCM: the canonical 44-byte header. */
export const WAV_HEADER_BYTES = 44;
/**
 * Bytes before the samples of 32-bit float: RIFF, an 18-byte 'fmt ' (WAVE_FORMAT_IEEE_FLOAT with its
 * cbSize, 0, which every format but PCM must carry), the 'fact' chunk every non-PCM WAV needs (its
 * frame count), 'data': the layout sox writes, which sox reads without a warning (a 16-byte float
 * 'fmt ' made it warn "wave header missing extended part of fmt chunk").
 */
export const FLOAT_WAV_HEADER_BYTES = 58;

/** Where the samples start in a WAV this module writes. */
export function wavHeaderBytes(float: boolean): number {
	return float ? FLOAT_WAV_HEADER_BYTES : WAV_HEADER_BYTES;
}

/**
 * The buffer of a WAV file of `frames` interleaved frames, its header written and the samples left
 * for the caller to fill from byte `wavHeaderBytes(float)` on: integer PCM in the canonical 44-byte
 * layout (RIFF, 'fmt ' WAVE_FORMAT_PCM, 'data'), float in the layout above.
 */
export function wavBuffer({
	channelCount,
	sampleRate,
	bitsPerSample,
	float = false,
	frames
}: {
	channelCount: number;
	sampleRate: SampleRate;
	bitsPerSample: number;
	/** IEEE float samples; integer PCM when false. */
	float?: boolean;
	frames: number;
}): ArrayBuffer {
	const blockAlign = (channelCount * bitsPerSample) / 8;
	const dataBytes = frames * blockAlign;
	const header = wavHeaderBytes(float);
	const buffer = new ArrayBuffer(header + dataBytes);
	const view = new DataView(buffer);
	const ascii = (offset: number, text: string) => {
		for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
	};
	ascii(0, 'RIFF');
	view.setUint32(4, header - 8 + dataBytes, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, float ? 18 : 16, true);
	view.setUint16(20, float ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
	view.setUint16(22, channelCount, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * blockAlign, true);
	view.setUint16(32, blockAlign, true);
	view.setUint16(34, bitsPerSample, true);
	let offset = 36;
	if (float) {
		view.setUint16(36, 0, true); // cbSize: no extension
		ascii(38, 'fact');
		view.setUint32(42, 4, true);
		view.setUint32(46, frames, true); // dwSampleLength: frames per channel
		offset = 50;
	}
	ascii(offset, 'data');
	view.setUint32(offset + 4, dataBytes, true);
	return buffer;
}

/** Encodes planar channels as an interleaved WAV: 16-bit PCM (dithering not applied) or 32-bit float. */
export function encodeWav({
	channels,
	sampleRate,
	format = 'float32'
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	format?: 'pcm16' | 'float32';
}): Uint8Array {
	if (channels.length === 0) throw new RangeError('encodeWav needs at least one channel');
	const frames = channels[0].length;
	if (channels.some((c) => c.length !== frames)) throw new RangeError('channels differ in length');
	const bytesPerSample = format === 'pcm16' ? 2 : 4;
	const count = channels.length;
	const float = format === 'float32';
	const buffer = wavBuffer({
		channelCount: count,
		sampleRate,
		bitsPerSample: bytesPerSample * 8,
		float,
		frames
	});
	const header = wavHeaderBytes(float);
	if (littleEndian) {
		// Typed-array views write the interleaved samples directly (WAV is little-endian, like the host).
		if (format === 'pcm16') {
			const out = new Int16Array(buffer, header, frames * count);
			for (let c = 0; c < count; c++) {
				const channel = channels[c];
				for (let i = 0, o = c; i < frames; i++, o += count) {
					const v = channel[i];
					// Clamp, scale, and round half away from zero: storing into an Int16Array truncates.
					if (v >= 1) out[o] = 0x7fff;
					else if (v <= -1) out[o] = -0x8000;
					else out[o] = v < 0 ? v * 0x8000 - 0.5 : v * 0x7fff + 0.5;
				}
			}
		} else {
			// The float header is 58 bytes, so a Float32Array cannot start there: interleave, then copy.
			const out = new Float32Array(frames * count);
			for (let c = 0; c < count; c++) {
				const channel = channels[c];
				for (let i = 0, o = c; i < frames; i++, o += count) out[o] = channel[i];
			}
			new Uint8Array(buffer, header).set(new Uint8Array(out.buffer));
		}
		return new Uint8Array(buffer);
	}
	const view = new DataView(buffer);
	let offset = header;
	for (let i = 0; i < frames; i++) {
		for (const channel of channels) {
			const sample = channel[i];
			if (format === 'pcm16') {
				const clamped = Math.max(-1, Math.min(1, sample));
				view.setInt16(offset, Math.round(clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff), true);
			} else {
				view.setFloat32(offset, sample, true);
			}
			offset += bytesPerSample;
		}
	}
	return new Uint8Array(buffer);
}

/** A decoded WAV file: planar float channels in [−1, 1] (float files may exceed it). */
export interface DecodedWav {
	channels: Float32Array[];
	sampleRate: SampleRate;
	/** The stored encoding, for messages: e.g. "24-bit PCM". */
	encoding: string;
}

/** Thrown for input that is not a WAV this decoder supports; the message is one clear sentence. */
export class WavError extends Error {
	override name = 'WavError';
}

/**
 * Decodes 16-, 24- and 32-bit integer PCM, 32- and 64-bit float, 8-bit unsigned PCM, plain or
 * WAVE_FORMAT_EXTENSIBLE (whose sub-format GUID starts with the format tag), any channel count and
 * rate. Chunks are walked by size (odd sizes padded, RIFF rule), so LIST/fact/bext chunks are skipped.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
	return decodeWavInto(bytes, ({ channelCount, frames }) =>
		Array.from({ length: channelCount }, () => new Float32Array(frames))
	);
}

/**
 * `decodeWav`, writing the samples into arrays the caller makes once the header is read (`targets`
 * returns one of at least `frames` samples per channel): a player decodes straight into its
 * AudioBuffer's channels, with no planar copy on the way.
 */
export function decodeWavInto(
	bytes: Uint8Array,
	targets: (shape: {
		channelCount: number;
		frames: number;
		sampleRate: SampleRate;
	}) => Float32Array[]
): DecodedWav {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const tag = (offset: number) =>
		offset + 4 <= bytes.length ? String.fromCharCode(...bytes.subarray(offset, offset + 4)) : '';
	if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
		throw new WavError('Not a WAV file (no RIFF/WAVE header).');
	}
	let format: {
		tag: number;
		channels: number;
		sampleRate: number;
		bits: number;
		align: number;
	} | null = null;
	let data: { offset: number; size: number } | null = null;
	let offset = 12;
	while (offset + 8 <= bytes.length) {
		const id = tag(offset);
		const size = view.getUint32(offset + 4, true);
		const body = offset + 8;
		if (id === 'fmt ') {
			if (size < 16 || body + size > bytes.length)
				throw new WavError('The WAV format chunk is truncated.');
			let formatTag = view.getUint16(body, true);
			if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
				if (size < 40) throw new WavError('The WAV extensible format chunk is truncated.');
				formatTag = view.getUint16(body + 24, true); // first two bytes of the sub-format GUID
			}
			format = {
				tag: formatTag,
				channels: view.getUint16(body + 2, true),
				sampleRate: view.getUint32(body + 4, true),
				align: view.getUint16(body + 12, true),
				bits: view.getUint16(body + 14, true)
			};
		} else if (id === 'data') {
			// Some writers leave the size as 0 or 0xFFFFFFFF while streaming: take what is there.
			const available = bytes.length - body;
			data = { offset: body, size: size === 0 || size > available ? available : size };
			if (size > available && size !== 0xffffffff && size !== 0) {
				throw new WavError(
					`The WAV data is truncated: the header promises ${size} bytes but only ${available} are there.`
				);
			}
			if (format) break;
		}
		offset = body + size + (size % 2);
	}
	if (!format) throw new WavError('The WAV file has no format chunk.');
	if (!data) throw new WavError('The WAV file has no audio data chunk.');
	const { channels: channelCount, sampleRate, bits } = format;
	if (channelCount < 1) throw new WavError('The WAV file declares no channels.');
	if (sampleRate < 1) throw new WavError('The WAV file declares a sample rate of 0.');
	const encoding =
		format.tag === WAVE_FORMAT_PCM
			? `${bits}-bit PCM`
			: format.tag === WAVE_FORMAT_IEEE_FLOAT
				? `${bits}-bit float`
				: `format tag ${format.tag}`;
	const readers: Record<string, (o: number) => number> = {
		'1:8': (o) => (view.getUint8(o) - 128) / 128,
		'1:16': (o) => view.getInt16(o, true) / 32768,
		'1:24': (o) =>
			(view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16)) / 8388608,
		'1:32': (o) => view.getInt32(o, true) / 2147483648,
		'3:32': (o) => view.getFloat32(o, true),
		'3:64': (o) => view.getFloat64(o, true)
	};
	const read = readers[`${format.tag}:${bits}`];
	if (!read) throw new WavError(`Unsupported WAV encoding: ${encoding}.`);
	const bytesPerSample = bits / 8;
	const frameBytes = bytesPerSample * channelCount;
	const frames = Math.floor(data.size / frameBytes);
	const channels = targets({ channelCount, frames, sampleRate });
	if (channels.length !== channelCount || channels.some((c) => c.length < frames))
		throw new RangeError('decodeWavInto: the target arrays do not fit the file');
	if (littleEndian && (format.tag === WAVE_FORMAT_PCM ? bits === 16 : bits === 32)) {
		// Fast paths for the common encodings: a typed view of the samples (copied first only where
		// they do not start on a multiple of their size), then de-interleave.
		const start = bytes.byteOffset + data.offset;
		const count = frames * channelCount;
		const aligned = start % bytesPerSample === 0;
		const source = aligned
			? bytes.buffer
			: (bytes.buffer.slice(start, start + frames * frameBytes) as ArrayBuffer);
		const at = aligned ? start : 0;
		const samples =
			bits === 16 ? new Int16Array(source, at, count) : new Float32Array(source, at, count);
		const scale = bits === 16 ? 1 / 32768 : 1;
		for (let c = 0; c < channelCount; c++) {
			const channel = channels[c];
			for (let i = 0, o = c; i < frames; i++, o += channelCount) channel[i] = samples[o] * scale;
		}
		return { channels, sampleRate, encoding };
	}
	let o = data.offset;
	for (let i = 0; i < frames; i++) {
		for (let c = 0; c < channelCount; c++) {
			channels[c][i] = read(o);
			o += bytesPerSample;
		}
	}
	return { channels, sampleRate, encoding };
}
