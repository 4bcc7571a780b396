/**
 * The playing time an audio file's container declares, read from its headers alone (no decoding),
 * so the bench can show a track's length before the decoder has run. Each format names the spec it
 * follows beside its reader:
 * - WAV: Microsoft RIFF/WAVE (Multimedia Programming Interface and Data Specifications 1.0) and
 *   EBU Tech 3306 (RF64, whose ds64 chunk carries the 64-bit sizes; ITU-R BS.2088 BW64 shares it).
 * - FLAC: the FLAC format, METADATA_BLOCK_STREAMINFO (RFC 9639 §8.2).
 * - Ogg: RFC 3533 (page header), Vorbis I spec §4.2.2 (identification header), RFC 7845 §4 and
 *   §5.1 (Ogg Opus granule positions and OpusHead).
 * - MP4/M4A/MOV: ISO/IEC 14496-12 §4.2 (box header) and §8.2.2 (mvhd), §8.8.2 (mehd).
 * - MP3: ISO/IEC 11172-3 and 13818-3 frame header (plus the unofficial MPEG 2.5 extension), the
 *   Xing/LAME "Xing"/"Info" tag, the Fraunhofer "VBRI" tag, and ID3v2.4 §3.1 / ID3v1 for tags.
 */
import type { Seconds } from '../dsp/units';

/**
 * The playing time an audio file's header declares, in seconds, or null when the header does not
 * say (or the format is unknown). Reads only what the container declares; never decodes audio.
 */
export function declaredDuration(bytes: Uint8Array): Seconds | null {
	try {
		const seconds = sniff(new Bytes(bytes));
		return seconds !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
	} catch {
		// Every reader checks its bounds; this only keeps a missed check from reaching the caller.
		return null;
	}
}

/** Bounds-checked reads over the file; out-of-range reads return null (or '') instead of throwing. */
class Bytes {
	readonly length: number;
	readonly #bytes: Uint8Array;
	readonly #view: DataView;

	constructor(bytes: Uint8Array) {
		this.#bytes = bytes;
		this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.length = bytes.length;
	}

	has(offset: number, count: number): boolean {
		return offset >= 0 && count >= 0 && offset + count <= this.length;
	}
	/** Four (or `count`) bytes as Latin-1 text, '' past the end. */
	ascii(offset: number, count = 4): string {
		if (!this.has(offset, count)) return '';
		return String.fromCharCode(...this.#bytes.subarray(offset, offset + count));
	}
	u8(offset: number): number | null {
		return this.has(offset, 1) ? this.#bytes[offset] : null;
	}
	u16le(offset: number): number | null {
		return this.has(offset, 2) ? this.#view.getUint16(offset, true) : null;
	}
	u16be(offset: number): number | null {
		return this.has(offset, 2) ? this.#view.getUint16(offset, false) : null;
	}
	u32le(offset: number): number | null {
		return this.has(offset, 4) ? this.#view.getUint32(offset, true) : null;
	}
	u32be(offset: number): number | null {
		return this.has(offset, 4) ? this.#view.getUint32(offset, false) : null;
	}
	/** A 64-bit unsigned value as a number (exact below 2^53, which every real size or count is). */
	u64le(offset: number): number | null {
		if (!this.has(offset, 8)) return null;
		return this.#view.getUint32(offset + 4, true) * 2 ** 32 + this.#view.getUint32(offset, true);
	}
	u64be(offset: number): number | null {
		if (!this.has(offset, 8)) return null;
		return this.#view.getUint32(offset, false) * 2 ** 32 + this.#view.getUint32(offset + 4, false);
	}
	/** True when the 8 bytes at `offset` are all 0xFF (the "unknown" marker of granules and mvhd). */
	allOnes(offset: number, count: number): boolean {
		if (!this.has(offset, count)) return false;
		for (let i = 0; i < count; i++) if (this.#bytes[offset + i] !== 0xff) return false;
		return true;
	}
}

/** Picks the reader from the magic bytes at the start of the file. */
function sniff(file: Bytes): number | null {
	const magic = file.ascii(0);
	if ((magic === 'RIFF' || magic === 'RF64' || magic === 'BW64') && file.ascii(8) === 'WAVE') {
		return wavDuration(file);
	}
	if (magic === 'fLaC') return flacDuration(file, 0);
	if (magic === 'OggS') return oggDuration(file);
	if (MP4_FIRST_BOXES.has(file.ascii(4))) return mp4Duration(file);
	const afterTags = skipId3v2(file);
	if (afterTags > 0 && file.ascii(afterTags) === 'fLaC') return flacDuration(file, afterTags);
	return mp3Duration(file, afterTags);
}

// ---------------------------------------------------------------------------------------------
// WAV: RIFF chunks (id, 32-bit LE size, body, pad byte when the size is odd). RF64 (EBU Tech
// 3306) writes 0xFFFFFFFF in the RIFF and data sizes and puts the real ones in a 'ds64' chunk that
// comes first. 'fmt ' holds the format tag, channels, sample rate, byte rate and block align.

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Formats in which one block is one frame of samples, so blocks / rate is the duration. */
const FRAME_PER_BLOCK = new Set([
	WAVE_FORMAT_PCM,
	WAVE_FORMAT_IEEE_FLOAT,
	WAVE_FORMAT_ALAW,
	WAVE_FORMAT_MULAW
]);
const SIZE_UNKNOWN = 0xffffffff;

function wavDuration(file: Bytes): number | null {
	let format: { tag: number; sampleRate: number; byteRate: number; blockAlign: number } | null =
		null;
	let dataBytes: number | null = null;
	let ds64DataSize: number | null = null;
	/** The 'fact' chunk's frame count, which compressed formats need (block ≠ frame there). */
	let factFrames: number | null = null;
	let offset = 12;
	while (file.has(offset, 8)) {
		const id = file.ascii(offset);
		const size = file.u32le(offset + 4) ?? 0;
		const body = offset + 8;
		if (id === 'ds64') {
			// ds64: RIFF size (64), data size (64), sample count (64), then a table we do not need.
			ds64DataSize = file.u64le(body + 8);
		} else if (id === 'fmt ' && size >= 16 && file.has(body, 16)) {
			let tag = file.u16le(body) ?? 0;
			// WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
			if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 40) tag = file.u16le(body + 24) ?? tag;
			format = {
				tag,
				sampleRate: file.u32le(body + 4) ?? 0,
				byteRate: file.u32le(body + 8) ?? 0,
				blockAlign: file.u16le(body + 12) ?? 0
			};
		} else if (id === 'fact' && size >= 4) {
			factFrames = file.u32le(body);
		} else if (id === 'data') {
			const available = file.length - body;
			const declared = size === SIZE_UNKNOWN && ds64DataSize !== null ? ds64DataSize : size;
			// A streamed or cut-off file: its header cannot be trusted, the bytes present can.
			const streamed = declared === SIZE_UNKNOWN || declared === 0 || declared > available;
			dataBytes = streamed ? available : declared;
			// The data runs to the end of what we hold: there is nothing after it to walk.
			if (streamed || format) break;
			offset = body + declared + (declared % 2);
			continue;
		}
		// Each step moves on by at least the 8-byte chunk header, so the walk always ends.
		offset = body + size + (size % 2);
	}
	if (!format || dataBytes === null || format.sampleRate === 0) return null;
	if (FRAME_PER_BLOCK.has(format.tag)) {
		if (format.blockAlign === 0) return null;
		// Whole frames only: a half-written last frame is not playable.
		return Math.floor(dataBytes / format.blockAlign) / format.sampleRate;
	}
	// Compressed payloads (ADPCM, MPEG in WAV…): the fact chunk counts frames; else the byte rate.
	if (factFrames !== null && factFrames > 0) return factFrames / format.sampleRate;
	return format.byteRate > 0 ? dataBytes / format.byteRate : null;
}

// ---------------------------------------------------------------------------------------------
// FLAC: "fLaC", then metadata blocks (1 bit last-flag, 7 bits type, 24 bits length). The first is
// always METADATA_BLOCK_STREAMINFO: min/max block size (16+16 bits), min/max frame size (24+24),
// sample rate (20), channels − 1 (3), bits per sample − 1 (5), total samples (36), MD5 (128).

const FLAC_STREAMINFO = 0;
const FLAC_STREAMINFO_BYTES = 34;

function flacDuration(file: Bytes, start: number): number | null {
	const header = file.u8(start + 4);
	const length = file.u32be(start + 4);
	if (header === null || length === null) return null;
	if ((header & 0x7f) !== FLAC_STREAMINFO || (length & 0xffffff) < FLAC_STREAMINFO_BYTES)
		return null;
	const info = start + 8;
	if (!file.has(info, FLAC_STREAMINFO_BYTES)) return null;
	// Bits 80–99 of STREAMINFO: the sample rate straddles bytes 10, 11 and the top of 12.
	const sampleRate =
		((file.u8(info + 10) ?? 0) << 12) |
		((file.u8(info + 11) ?? 0) << 4) |
		((file.u8(info + 12) ?? 0) >> 4);
	// Bits 108–143: the low nibble of byte 13 and all of bytes 14–17.
	const totalSamples = ((file.u8(info + 13) ?? 0) & 0x0f) * 2 ** 32 + (file.u32be(info + 14) ?? 0);
	// The spec reserves total samples 0 for "unknown", and a 0 Hz rate is invalid.
	if (sampleRate === 0 || totalSamples === 0) return null;
	return totalSamples / sampleRate;
}

// ---------------------------------------------------------------------------------------------
// Ogg (RFC 3533 §6): each page starts "OggS", version 0, header type, 64-bit LE granule position
// at 6, serial number at 14, sequence at 18, CRC at 22, segment count at 26, then the lacing
// table. The granule of a stream's last page is its end position in codec samples. Vorbis counts
// them at the identification header's sample rate (Vorbis I §4.2.2: "\x01vorbis", version (32),
// channels (8), rate (32)); Opus always at 48 kHz, minus OpusHead's pre-skip (RFC 7845 §4, §5.1).

const OGG_HEADER_BYTES = 27;
const OPUS_GRANULE_RATE = 48000;

/** The page at `offset` when it is a well-formed, complete page: its body's bounds. */
function oggPage(file: Bytes, offset: number): { body: number; end: number } | null {
	if (file.ascii(offset) !== 'OggS' || file.u8(offset + 4) !== 0) return null;
	const segments = file.u8(offset + 26);
	if (segments === null || !file.has(offset + OGG_HEADER_BYTES, segments)) return null;
	const body = offset + OGG_HEADER_BYTES + segments;
	let end = body;
	for (let i = 0; i < segments; i++) end += file.u8(offset + OGG_HEADER_BYTES + i) ?? 0;
	return end <= file.length ? { body, end } : null;
}

function oggDuration(file: Bytes): number | null {
	const first = oggPage(file, 0);
	if (!first) return null;
	const serial = file.u32le(14);
	// The identification header is the whole of the first page's first packet.
	const packet = first.body;
	let sampleRate: number;
	let preSkip = 0;
	if (file.u8(packet) === 1 && file.ascii(packet + 1, 6) === 'vorbis') {
		if (file.u32le(packet + 7) !== 0) return null; // vorbis_version must be 0
		sampleRate = file.u32le(packet + 12) ?? 0;
	} else if (file.ascii(packet, 8) === 'OpusHead') {
		// Version's major nibble must be 0 (RFC 7845 §5.1); pre-skip is a 16-bit LE at 10.
		if (((file.u8(packet + 8) ?? 0xff) & 0xf0) !== 0) return null;
		sampleRate = OPUS_GRANULE_RATE;
		preSkip = file.u16le(packet + 10) ?? 0;
	} else {
		return null;
	}
	if (sampleRate === 0) return null;
	// Walk back from the end to the last complete page of the first stream with a granule
	// (all ones means no packet ends on that page). Header pages sit at the start and carry
	// granule 0, so finding only page 0 means the file holds no audio: the header does not say.
	for (let offset = file.length - OGG_HEADER_BYTES; offset > 0; offset--) {
		if (file.u8(offset) !== 0x4f || file.ascii(offset) !== 'OggS') continue; // 'O'
		if (file.u32le(offset + 14) !== serial || file.allOnes(offset + 6, 8)) continue;
		if (!oggPage(file, offset)) continue;
		const granule = file.u64le(offset + 6) ?? 0;
		const samples = granule - preSkip;
		return samples >= 0 ? samples / sampleRate : null;
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// ISO BMFF (ISO/IEC 14496-12 §4.2): boxes of 32-bit BE size and 4-char type; size 1 means a 64-bit
// size follows the type, size 0 means "to the end of the file". moov holds mvhd (§8.2.2): version
// (8), flags (24), then for version 0 creation, modification, timescale, duration (32 bits each),
// for version 1 creation and modification (64), timescale (32), duration (64). Fragmented files
// may leave the duration 0 and give it in moov/mvex/mehd (§8.8.2) in the same timescale.

/** Types a top-level MP4 or QuickTime box may open the file with. */
const MP4_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid']);

/** Each child box of [start, end): its type and body bounds. Stops at the first malformed size. */
function* boxes(file: Bytes, start: number, end: number) {
	let offset = start;
	const limit = Math.min(end, file.length);
	while (offset + 8 <= limit) {
		let size = file.u32be(offset) ?? 0;
		const type = file.ascii(offset + 4);
		let header = 8;
		if (size === 1) {
			size = file.u64be(offset + 8) ?? 0;
			header = 16;
		} else if (size === 0) {
			size = limit - offset;
		}
		// A box smaller than its own header cannot be walked past: stop rather than spin.
		if (size < header) return;
		yield { type, body: offset + header, end: offset + size };
		offset += size;
	}
}

function mp4Duration(file: Bytes): number | null {
	for (const top of boxes(file, 0, file.length)) {
		if (top.type !== 'moov') continue;
		let timescale = 0;
		let duration: number | null = null;
		let fragmentDuration: number | null = null;
		for (const child of boxes(file, top.body, top.end)) {
			if (child.type === 'mvhd') {
				const version = file.u8(child.body);
				if (version === 0) {
					timescale = file.u32be(child.body + 12) ?? 0;
					duration = file.allOnes(child.body + 16, 4) ? null : file.u32be(child.body + 16);
				} else if (version === 1) {
					timescale = file.u32be(child.body + 20) ?? 0;
					duration = file.allOnes(child.body + 24, 8) ? null : file.u64be(child.body + 24);
				}
			} else if (child.type === 'mvex') {
				for (const grandchild of boxes(file, child.body, child.end)) {
					if (grandchild.type !== 'mehd') continue;
					const version = file.u8(grandchild.body);
					fragmentDuration =
						version === 1 ? file.u64be(grandchild.body + 4) : file.u32be(grandchild.body + 4);
				}
			}
		}
		if (timescale === 0) return null;
		if (duration) return duration / timescale;
		// Duration 0 in a fragmented file means "see mehd"; without mehd the header does not say.
		return fragmentDuration ? fragmentDuration / timescale : null;
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// ID3v2 (ID3v2.4 §3.1): "ID3", version (2 bytes), flags, 28-bit syncsafe size (7 bits per byte)
// counting the tag after its 10-byte header; flag 0x10 adds a 10-byte footer. Tags can stack.

function skipId3v2(file: Bytes): number {
	let offset = 0;
	while (file.ascii(offset, 3) === 'ID3' && file.has(offset, 10)) {
		let size = 0;
		for (let i = 6; i < 10; i++) {
			const byte = file.u8(offset + i) ?? 0x80;
			if (byte & 0x80) return offset; // not syncsafe: not a tag after all
			size = size * 128 + byte;
		}
		const footer = (file.u8(offset + 5) ?? 0) & 0x10 ? 10 : 0;
		offset += 10 + size + footer;
	}
	return offset;
}

// ---------------------------------------------------------------------------------------------
// MPEG audio Layer III frame header (ISO/IEC 11172-3 §2.4.2.3, 13818-3): 11 sync bits, version
// (2: 00 MPEG 2.5, 10 MPEG 2, 11 MPEG 1), layer (2: 01 = III), protection, bitrate index (4),
// sample rate index (2), padding, private, mode (2: 11 = mono), … A Layer III frame lasts 1152
// samples in MPEG 1 and 576 in MPEG 2 and 2.5, and holds 144 (or 72) × bitrate / rate bytes.

/** Layer III bitrates in kbit/s by index; index 0 (free format) and 15 (invalid) are unusable. */
const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];
const MPEG1_RATES = [44100, 48000, 32000];
const MPEG2_RATES = [22050, 24000, 16000];
const MPEG25_RATES = [11025, 12000, 8000];
/** How far past the tags to look for the first frame (junk before it is rare and short). */
const MP3_SYNC_SEARCH_BYTES = 64 * 1024;
const ID3V1_BYTES = 128;
/** Xing tag flag: the frame-count field is present (it comes first after the flags). */
const XING_FRAMES = 0x1;

interface Mp3Frame {
	mpeg1: boolean;
	mono: boolean;
	crc: boolean;
	kbps: number;
	sampleRate: number;
	bytes: number;
	samples: number;
}

function mp3Frame(file: Bytes, offset: number): Mp3Frame | null {
	const header = file.u32be(offset);
	if (header === null || header >>> 21 !== 0x7ff) return null;
	const version = (header >>> 19) & 3;
	const layer = (header >>> 17) & 3;
	const bitrateIndex = (header >>> 12) & 15;
	const rateIndex = (header >>> 10) & 3;
	if (version === 1 || layer !== 1 || rateIndex === 3) return null;
	const mpeg1 = version === 3;
	const kbps = (mpeg1 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex];
	if (kbps === 0) return null;
	const sampleRate = (mpeg1 ? MPEG1_RATES : version === 2 ? MPEG2_RATES : MPEG25_RATES)[rateIndex];
	const padding = (header >>> 9) & 1;
	const bytes = Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / sampleRate) + padding;
	return {
		mpeg1,
		mono: ((header >>> 6) & 3) === 3,
		crc: ((header >>> 16) & 1) === 0,
		kbps,
		sampleRate,
		bytes,
		samples: mpeg1 ? 1152 : 576
	};
}

/** The first frame at or after `start` that a second, matching frame (or the end) confirms. */
function firstMp3Frame(file: Bytes, start: number, end: number) {
	const limit = Math.min(end - 4, start + MP3_SYNC_SEARCH_BYTES);
	for (let offset = start; offset <= limit; offset++) {
		if (file.u8(offset) !== 0xff) continue;
		const frame = mp3Frame(file, offset);
		if (!frame) continue;
		const nextOffset = offset + frame.bytes;
		if (nextOffset >= end) return { offset, frame }; // a one-frame file
		const next = mp3Frame(file, nextOffset);
		if (next && next.mpeg1 === frame.mpeg1 && next.sampleRate === frame.sampleRate) {
			return { offset, frame };
		}
	}
	return null;
}

function mp3Duration(file: Bytes, start: number): number | null {
	const hasId3v1 =
		file.length - ID3V1_BYTES >= start && file.ascii(file.length - ID3V1_BYTES, 3) === 'TAG';
	const end = hasId3v1 ? file.length - ID3V1_BYTES : file.length;
	const found = firstMp3Frame(file, start, end);
	if (!found) return null;
	const { offset, frame } = found;
	// Xing/LAME: the tag sits where the audio would, right after the side information
	// (MPEG 1: 17 bytes mono, 32 stereo; MPEG 2/2.5: 9 mono, 17 stereo), after the CRC if any.
	const sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
	const xing = offset + 4 + (frame.crc ? 2 : 0) + sideInfo;
	const xingId = file.ascii(xing);
	if (xingId === 'Xing' || xingId === 'Info') {
		const flags = file.u32be(xing + 4) ?? 0;
		const frames = flags & XING_FRAMES ? file.u32be(xing + 8) : null;
		if (frames) return (frames * frame.samples) / frame.sampleRate;
	}
	// Fraunhofer VBRI: always 32 bytes after the 4-byte header; the frame count is at +14.
	if (file.ascii(offset + 36) === 'VBRI') {
		const frames = file.u32be(offset + 36 + 14);
		if (frames) return (frames * frame.samples) / frame.sampleRate;
	}
	// Constant bitrate: every byte from the first frame to the end (or the ID3v1 tag) is audio.
	return ((end - offset) * 8) / (frame.kbps * 1000);
}
