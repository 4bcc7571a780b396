/**
 * WAV (RIFF/WAVE) encoding. Reference: Microsoft "Multimedia Programming Interface and Data
 * Specifications 1.0" (RIFF, WAVE_FORMAT_PCM = 1, WAVE_FORMAT_IEEE_FLOAT = 3).
 */
import type { SampleRate } from './units';

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
	const blockAlign = channels.length * bytesPerSample;
	const dataBytes = frames * blockAlign;
	const buffer = new ArrayBuffer(44 + dataBytes);
	const view = new DataView(buffer);
	const ascii = (offset: number, text: string) => {
		for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
	};
	ascii(0, 'RIFF');
	view.setUint32(4, 36 + dataBytes, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, format === 'pcm16' ? 1 : 3, true);
	view.setUint16(22, channels.length, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * blockAlign, true);
	view.setUint16(32, blockAlign, true);
	view.setUint16(34, bytesPerSample * 8, true);
	ascii(36, 'data');
	view.setUint32(40, dataBytes, true);
	let offset = 44;
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
