import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeWav, wavBuffer, wavHeaderBytes } from '../dsp/wav';
import { declaredDuration } from './track-length';
import { mulberry32 } from '../dsp/test-signals';

/** A fixture's bytes; `.gz` fixtures (too big raw) are inflated first. See fixtures/README.md. */
function fixture(name: string): Uint8Array {
	const raw = readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
	return new Uint8Array(name.endsWith('.gz') ? gunzipSync(raw) : raw);
}

/** Allowed |parser − ffprobe| in seconds, per container (MP3 CBR estimates are relative: 2 %). */
const TOLERANCE_S = { wav: 0.001, flac: 0.001, ogg: 0.03, mp4: 0.05, mp3Xing: 0.06 };
const MP3_CBR_RELATIVE = 0.02;

/**
 * Each fixture with what `ffprobe -v error -show_entries format=duration -of csv=p=0` printed when
 * it was made (ffmpeg 5.1.9; the command lines are in fixtures/README.md).
 */
const FFPROBE: { file: string; ffprobeS: number; toleranceS: number }[] = [
	{ file: 'flac-4s.flac', ffprobeS: 4.0, toleranceS: TOLERANCE_S.flac },
	{ file: 'flac-700s.flac', ffprobeS: 700.0, toleranceS: TOLERANCE_S.flac },
	{ file: 'vorbis-4s.ogg', ffprobeS: 4.0, toleranceS: TOLERANCE_S.ogg },
	{ file: 'vorbis-700s.ogg', ffprobeS: 700.0, toleranceS: TOLERANCE_S.ogg },
	// ffprobe counts OpusHead's 312-sample pre-skip (6.5 ms); RFC 7845 says to drop it, and we do.
	{ file: 'opus-4s.opus', ffprobeS: 4.0065, toleranceS: TOLERANCE_S.ogg },
	{ file: 'opus-700s.opus.gz', ffprobeS: 700.0065, toleranceS: TOLERANCE_S.ogg },
	{ file: 'aac-4s-faststart.m4a', ffprobeS: 4.0, toleranceS: TOLERANCE_S.mp4 },
	{ file: 'aac-700s-moov-at-end.m4a', ffprobeS: 700.0, toleranceS: TOLERANCE_S.mp4 },
	{ file: 'aac-3s.mov', ffprobeS: 3.0, toleranceS: TOLERANCE_S.mp4 },
	{ file: 'mp3-4s-cbr-info.mp3', ffprobeS: 4.04898, toleranceS: TOLERANCE_S.mp3Xing },
	{ file: 'mp3-4s-vbr.mp3', ffprobeS: 4.104, toleranceS: TOLERANCE_S.mp3Xing },
	{ file: 'mp3-700s-vbr.mp3.gz', ffprobeS: 700.2, toleranceS: TOLERANCE_S.mp3Xing },
	{ file: 'mp3-4s-cbr.mp3', ffprobeS: 4.075, toleranceS: 4.075 * MP3_CBR_RELATIVE },
	{ file: 'mp3-700s-cbr.mp3.gz', ffprobeS: 700.2, toleranceS: 700.2 * MP3_CBR_RELATIVE },
	{ file: 'wav-rf64-3ch.wav', ffprobeS: 0.1, toleranceS: TOLERANCE_S.wav }
];

describe('declaredDuration on files ffmpeg wrote', () => {
	it.each(FFPROBE)('$file: within $toleranceS s of ffprobe ($ffprobeS s)', (c) => {
		const seconds = declaredDuration(fixture(c.file));
		expect(seconds).not.toBeNull();
		expect(Math.abs(seconds! - c.ffprobeS)).toBeLessThanOrEqual(c.toleranceS);
	});

	it('says null for a fragmented MP4 whose moov declares no duration (ffprobe scans: 4.128 s)', () => {
		expect(declaredDuration(fixture('aac-4s-fragmented.m4a'))).toBeNull();
	});

	it('reads a file that sits inside a larger buffer (a subarray with an offset)', () => {
		const bytes = fixture('flac-4s.flac');
		const padded = new Uint8Array(bytes.length + 100);
		padded.set(bytes, 37);
		expect(declaredDuration(padded.subarray(37, 37 + bytes.length))).toBeCloseTo(4, 3);
	});
});

// --- WAV: built here with the project's own encoder, checked against frames / rate exactly. ---

type WavFormat = 'pcm16' | 'pcm24' | 'float32';

/** A WAV of `frames` frames as this project writes it (pcm24 through wavBuffer: encodeWav has no 24-bit). */
function makeWav(c: {
	sampleRate: number;
	channelCount: number;
	format: WavFormat;
	frames: number;
}) {
	if (c.format === 'pcm24') {
		return new Uint8Array(
			wavBuffer({
				channelCount: c.channelCount,
				sampleRate: c.sampleRate,
				bitsPerSample: 24,
				frames: c.frames
			})
		);
	}
	// The samples do not matter here, only how many there are.
	const channels = Array.from({ length: c.channelCount }, () =>
		new Float32Array(c.frames).fill(0.01)
	);
	return encodeWav({ channels, sampleRate: c.sampleRate, format: c.format });
}

const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const u16le = (value: number) => new Uint8Array(new Uint16Array([value]).buffer);
function u32le(value: number) {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, value, true);
	return out;
}
function u64le(value: number) {
	const out = new Uint8Array(8);
	new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
	return out;
}
function concat(...parts: Uint8Array[]) {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
/** A RIFF chunk: id, size (the body's unless given), body, pad byte when the body is odd. */
function chunk(id: string, body: Uint8Array, size = body.length) {
	return concat(ascii(id), u32le(size), body, new Uint8Array(body.length % 2));
}
/** The 'fmt ' body and the samples of a canonical WAV. */
function wavParts(wav: Uint8Array) {
	// The samples start after the header this project writes: 44 bytes, or 58 for float ('fact').
	const float = new DataView(wav.buffer, wav.byteOffset).getUint16(20, true) === 3;
	return { fmt: wav.slice(20, 36), data: wav.slice(wavHeaderBytes(float)) };
}
/** The same 'fmt ' as WAVE_FORMAT_EXTENSIBLE: cbSize 22, valid bits, mask, sub-format GUID. */
function extensibleFmt(fmt: Uint8Array) {
	const view = new DataView(fmt.buffer, fmt.byteOffset);
	const tag = view.getUint16(0, true);
	const bits = view.getUint16(14, true);
	const guidTail = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];
	return concat(
		u16le(0xfffe),
		fmt.slice(2, 14),
		u16le(bits),
		u16le(22),
		u16le(bits),
		u32le(0),
		u16le(tag),
		Uint8Array.from(guidTail)
	);
}
function riff(form: 'RIFF' | 'RF64', chunks: Uint8Array[], size?: number) {
	const body = concat(ascii('WAVE'), ...chunks);
	return concat(ascii(form), u32le(size ?? body.length), body);
}

describe('declaredDuration on WAV', () => {
	const cases = [8000, 22050, 44100, 48000, 96000].flatMap((sampleRate) =>
		[1, 2, 6].flatMap((channelCount) =>
			(['pcm16', 'pcm24', 'float32'] as const).map((format) => ({
				sampleRate,
				channelCount,
				format,
				// An awkward length: not a whole number of milliseconds at any of these rates.
				frames: Math.round(sampleRate * 0.37) + 3
			}))
		)
	);

	it.each(cases)('$format, $channelCount ch, $sampleRate Hz: frames / rate', (c) => {
		const wav = makeWav(c);
		const expected = c.frames / c.sampleRate;
		expect(declaredDuration(wav)).toBeCloseTo(expected, 9);
		const { fmt, data } = wavParts(wav);
		// WAVE_FORMAT_EXTENSIBLE, with chunks around it (odd sizes make the walk use pad bytes).
		const extensible = riff('RIFF', [
			chunk('LIST', ascii('INFOx')),
			chunk('fmt ', extensibleFmt(fmt)),
			chunk('junk', ascii('abc')),
			chunk('data', data)
		]);
		expect(declaredDuration(extensible)).toBeCloseTo(expected, 9);
	});

	it.each(cases.filter((c) => c.channelCount === 2))(
		'RF64 with ds64, $format $sampleRate Hz',
		(c) => {
			const { fmt, data } = wavParts(makeWav(c));
			// ds64: RIFF size, data size, sample count (64-bit each), then an empty table.
			const ds64 = concat(u64le(data.length + 100), u64le(data.length), u64le(c.frames), u32le(0));
			const rf64 = riff(
				'RF64',
				[chunk('ds64', ds64), chunk('fmt ', fmt), chunk('data', data, 0xffffffff)],
				0xffffffff
			);
			expect(declaredDuration(rf64)).toBeCloseTo(c.frames / c.sampleRate, 9);
			// The real data size comes from ds64, not from what follows: trailing chunks do not count.
			const withTrailer = concat(rf64, chunk('LIST', ascii('INFO')));
			expect(declaredDuration(withTrailer)).toBeCloseTo(c.frames / c.sampleRate, 9);
		}
	);

	const stereo16 = { sampleRate: 44100, channelCount: 2, format: 'pcm16', frames: 44100 } as const;

	it('takes the bytes present when the data size is 0xFFFFFFFF or 0 (a streamed file)', () => {
		for (const size of [0xffffffff, 0]) {
			const wav = makeWav(stereo16);
			new DataView(wav.buffer).setUint32(40, size, true);
			expect(declaredDuration(wav)).toBeCloseTo(1, 9);
		}
	});

	it('takes the whole frames present when the file is cut short', () => {
		const wav = makeWav(stereo16);
		// 1000 frames of 4 bytes plus half a frame: the half frame is not playable.
		expect(declaredDuration(wav.slice(0, 44 + 4000 + 2))).toBeCloseTo(1000 / 44100, 9);
		expect(declaredDuration(wav.slice(0, 44))).toBe(0);
	});

	it('uses the fact chunk or the byte rate for compressed payloads', () => {
		// IMA ADPCM (0x11), mono 8 kHz: 256-byte blocks of 505 frames, 4055 bytes a second.
		const fmt = concat(u16le(0x11), u16le(1), u32le(8000), u32le(4055), u16le(256), u16le(4));
		const data = new Uint8Array(256 * 10);
		const withFact = riff('RIFF', [
			chunk('fmt ', fmt),
			chunk('fact', u32le(5050)),
			chunk('data', data)
		]);
		expect(declaredDuration(withFact)).toBeCloseTo(5050 / 8000, 9);
		const withoutFact = riff('RIFF', [chunk('fmt ', fmt), chunk('data', data)]);
		expect(declaredDuration(withoutFact)).toBeCloseTo(2560 / 4055, 9);
	});

	it('says null without a format or data chunk, or with a 0 Hz rate', () => {
		const { fmt, data } = wavParts(makeWav(stereo16));
		expect(declaredDuration(riff('RIFF', [chunk('data', data)]))).toBeNull();
		expect(declaredDuration(riff('RIFF', [chunk('fmt ', fmt)]))).toBeNull();
		const silentRate = fmt.slice();
		new DataView(silentRate.buffer).setUint32(4, 0, true);
		expect(
			declaredDuration(riff('RIFF', [chunk('fmt ', silentRate), chunk('data', data)]))
		).toBeNull();
	});
});

// --- FLAC, Ogg, MP4, MP3: the edges the ffmpeg files do not reach. ---

/** An ID3v2.4 tag of `size` bytes of frames (syncsafe size), optionally with a footer. */
function id3v2(size: number, footer = false) {
	const syncsafe = [21, 14, 7, 0].map((shift) => (size >> shift) & 0x7f);
	const header = concat(ascii('ID3'), Uint8Array.from([4, 0, footer ? 0x10 : 0, ...syncsafe]));
	return concat(
		header,
		new Uint8Array(size),
		footer ? concat(ascii('3DI'), header.slice(3)) : new Uint8Array()
	);
}

describe('declaredDuration on FLAC', () => {
	it('skips ID3v2 tags (with and without a footer) before fLaC', () => {
		const flac = fixture('flac-4s.flac');
		expect(declaredDuration(concat(id3v2(300), flac))).toBeCloseTo(4, 3);
		expect(declaredDuration(concat(id3v2(129, true), flac))).toBeCloseTo(4, 3);
		expect(declaredDuration(concat(id3v2(10), id3v2(20), flac))).toBeCloseTo(4, 3);
	});

	it('says null when STREAMINFO gives 0 samples (unknown) or a 0 Hz rate, or is cut off', () => {
		const unknownLength = fixture('flac-4s.flac');
		unknownLength[8 + 13] &= 0xf0;
		unknownLength.fill(0, 8 + 14, 8 + 18);
		expect(declaredDuration(unknownLength)).toBeNull();
		const zeroRate = fixture('flac-4s.flac');
		zeroRate.fill(0, 8 + 10, 8 + 12);
		zeroRate[8 + 12] &= 0x0f;
		expect(declaredDuration(zeroRate)).toBeNull();
		expect(declaredDuration(fixture('flac-4s.flac').slice(0, 30))).toBeNull();
	});
});

/** Byte offsets of every "OggS" page in an Ogg file. */
function oggPages(bytes: Uint8Array) {
	const pages: number[] = [];
	for (let i = 0; i + 4 <= bytes.length; i++) {
		if (
			bytes[i] === 0x4f &&
			bytes[i + 1] === 0x67 &&
			bytes[i + 2] === 0x67 &&
			bytes[i + 3] === 0x53
		) {
			pages.push(i);
		}
	}
	return pages;
}

describe('declaredDuration on Ogg', () => {
	it('says null for a file cut after its first page (no audio page to read a granule from)', () => {
		for (const file of ['vorbis-4s.ogg', 'opus-4s.opus']) {
			const bytes = fixture(file);
			expect(declaredDuration(bytes.slice(0, oggPages(bytes)[1])), file).toBeNull();
		}
	});

	it('ignores a later page of another logical stream and a half-written last page', () => {
		const bytes = fixture('vorbis-4s.ogg');
		const pages = oggPages(bytes);
		const last = bytes.slice(pages.at(-1));
		const other = last.slice();
		new DataView(other.buffer).setUint32(14, 0x12345678, true); // another serial
		new DataView(other.buffer).setUint32(6, 8000 * 999, true); // a granule far past the end
		expect(declaredDuration(concat(bytes, other))).toBeCloseTo(4, 2);
		// Cut mid last page: the previous complete page's granule is the best the file says.
		const cut = declaredDuration(bytes.slice(0, pages.at(-1)! + 40));
		expect(cut).not.toBeNull();
		expect(cut!).toBeLessThan(4);
		expect(cut!).toBeGreaterThan(0);
	});
});

/** An ISO BMFF box: 32-bit size, type, body. */
function box(type: string, ...body: Uint8Array[]) {
	const inner = concat(...body);
	const out = concat(new Uint8Array(4), ascii(type), inner);
	new DataView(out.buffer).setUint32(0, out.length, false);
	return out;
}
function be(bytes: number, value: number) {
	const out = new Uint8Array(bytes);
	const view = new DataView(out.buffer);
	if (bytes === 8) view.setBigUint64(0, BigInt(value), false);
	else view.setUint32(0, value, false);
	return out;
}
/** An mvhd of the given version; the fields after duration (rate, matrix…) are left zero. */
function mvhd(version: 0 | 1, timescale: number, duration: number) {
	const wide = version === 1 ? 8 : 4;
	return box(
		'mvhd',
		Uint8Array.from([version, 0, 0, 0]),
		be(wide, 0),
		be(wide, 0),
		be(4, timescale),
		be(wide, duration),
		new Uint8Array(80)
	);
}
const ftyp = box('ftyp', ascii('M4A '), be(4, 0), ascii('isom'));

describe('declaredDuration on MP4', () => {
	it('reads mvhd version 0 and version 1 (64-bit duration)', () => {
		expect(declaredDuration(concat(ftyp, box('moov', mvhd(0, 600, 1234))))).toBeCloseTo(
			1234 / 600,
			9
		);
		const tenHoursAt48k = 48000 * 36000; // > 2^32
		expect(declaredDuration(concat(ftyp, box('moov', mvhd(1, 48000, tenHoursAt48k))))).toBeCloseTo(
			36000,
			6
		);
	});

	it('walks past a 64-bit-size mdat and reads a last box whose size is 0 (to the end)', () => {
		const mdatBody = new Uint8Array(1000);
		const largeMdat = concat(be(4, 1), ascii('mdat'), be(8, 16 + mdatBody.length), mdatBody);
		const moovToEnd = box('moov', mvhd(0, 1000, 2500));
		moovToEnd.fill(0, 0, 4);
		expect(declaredDuration(concat(ftyp, largeMdat, moovToEnd))).toBeCloseTo(2.5, 9);
	});

	it('falls back to mvex/mehd when a fragmented file leaves mvhd at 0', () => {
		const mehd = box('mehd', Uint8Array.from([0, 0, 0, 0]), be(4, 90000 * 7));
		const moov = box('moov', mvhd(0, 90000, 0), box('mvex', mehd));
		expect(declaredDuration(concat(ftyp, moov))).toBeCloseTo(7, 9);
	});

	it('says null for an unknown (all ones) duration, a 0 timescale, or no moov', () => {
		expect(declaredDuration(concat(ftyp, box('moov', mvhd(0, 600, 0xffffffff))))).toBeNull();
		expect(declaredDuration(concat(ftyp, box('moov', mvhd(0, 0, 100))))).toBeNull();
		expect(declaredDuration(concat(ftyp, box('mdat', new Uint8Array(64))))).toBeNull();
	});
});

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono, no padding: 417-byte frames of 1152 samples. */
const MPEG1_128K_MONO = 0xfffb90c0;
const FRAME_BYTES = 417;
/** `count` frames with header `header`; frame 0's body gets `tag` at `tagOffset` if given. */
function mp3({ header = MPEG1_128K_MONO, count = 100, tag = new Uint8Array(), tagOffset = 21 }) {
	const out = new Uint8Array(count * FRAME_BYTES);
	const view = new DataView(out.buffer);
	for (let i = 0; i < count; i++) view.setUint32(i * FRAME_BYTES, header, false);
	out.set(tag, tagOffset);
	return out;
}
const CBR_100_FRAMES_S = (100 * FRAME_BYTES * 8) / 128000;

describe('declaredDuration on MP3', () => {
	it('estimates constant bitrate from the bytes, without ID3v2 and ID3v1 tags', () => {
		expect(declaredDuration(mp3({}))).toBeCloseTo(CBR_100_FRAMES_S, 9);
		const id3v1 = concat(ascii('TAG'), new Uint8Array(125));
		expect(declaredDuration(concat(id3v2(500), mp3({}), id3v1))).toBeCloseTo(CBR_100_FRAMES_S, 9);
	});

	it('reads the Xing frame count (and finds the tag after a CRC)', () => {
		const xing = concat(ascii('Xing'), be(4, 0x1), be(4, 5000));
		expect(declaredDuration(mp3({ tag: xing }))).toBeCloseTo((5000 * 1152) / 44100, 9);
		const withCrc = mp3({ header: MPEG1_128K_MONO & ~0x10000, tag: xing, tagOffset: 23 });
		expect(declaredDuration(withCrc)).toBeCloseTo((5000 * 1152) / 44100, 9);
		// No frame-count flag: back to the bitrate estimate.
		const noFrames = concat(ascii('Xing'), be(4, 0x2), be(4, 5000));
		expect(declaredDuration(mp3({ tag: noFrames }))).toBeCloseTo(CBR_100_FRAMES_S, 9);
	});

	it('reads the Fraunhofer VBRI frame count', () => {
		// 'VBRI', version, delay, quality, bytes, frames (all big-endian).
		const vbri = concat(
			ascii('VBRI'),
			Uint8Array.from([0, 1, 0, 0, 0, 75]),
			be(4, 41700),
			be(4, 7344)
		);
		expect(declaredDuration(mp3({ tag: vbri, tagOffset: 36 }))).toBeCloseTo(
			(7344 * 1152) / 44100,
			9
		);
	});
});

// --- Garbage: never a throw, never a hang, never a negative or infinite length. ---

/** A seeded generator (mulberry32), so a failing input can be replayed. */
const seeded = mulberry32;
function randomBytes(length: number, seed: number) {
	const next = seeded(seed);
	return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}
/** Fast enough that a runaway walk would show: generous for a slow CI machine. */
const MAX_MS = 250;

function expectSane(bytes: Uint8Array, label: string) {
	const start = performance.now();
	// A throw fails the test by itself.
	const seconds = declaredDuration(bytes);
	expect(performance.now() - start, label).toBeLessThan(MAX_MS);
	if (seconds !== null) {
		expect(Number.isFinite(seconds), label).toBe(true);
		expect(seconds, label).toBeGreaterThanOrEqual(0);
	}
	return seconds;
}

describe('declaredDuration on garbage', () => {
	const png = Uint8Array.from([
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82
	]);
	const cases: [string, Uint8Array, 'null' | 'sane'][] = [
		['empty', new Uint8Array(), 'null'],
		['one byte', Uint8Array.from([0xff]), 'null'],
		['a PNG header', png, 'null'],
		['an MP4 box of size 3', concat(be(4, 3), ascii('ftyp'), new Uint8Array(24)), 'null'],
		[
			'an MP4 box of size 0xFFFFFFFF',
			concat(be(4, 0xffffffff), ascii('moov'), new Uint8Array(8)),
			'null'
		],
		[
			'a 64-bit box size of 0',
			concat(be(4, 1), ascii('ftyp'), be(8, 0), new Uint8Array(8)),
			'null'
		],
		['moov with a child of size 2', concat(ftyp, box('moov', be(4, 2), ascii('mvhd'))), 'null'],
		[
			'RIFF with a huge chunk',
			concat(ascii('RIFF'), u32le(4), ascii('WAVE'), ascii('LIST'), u32le(0xfffffff0)),
			'null'
		],
		['RIFF header only', concat(ascii('RIFF'), u32le(4), ascii('WAVE')), 'null'],
		['fLaC alone', ascii('fLaC'), 'null'],
		['OggS alone', ascii('OggS'), 'null'],
		[
			'an ID3v2 header promising 200 MB',
			concat(ascii('ID3'), Uint8Array.from([4, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f])),
			'null'
		],
		['a lone MP3 frame header', be(4, MPEG1_128K_MONO), 'sane'],
		['1 MB of random bytes', randomBytes(1 << 20, 1), 'sane']
	];

	it.each(cases)('%s', (label, bytes, expected) => {
		const seconds = expectSane(bytes, label);
		if (expected === 'null') expect(seconds, label).toBeNull();
	});

	it('survives random bytes behind each magic number', () => {
		const magics = [
			concat(ascii('RIFF'), u32le(0), ascii('WAVE')),
			concat(ascii('RF64'), u32le(0), ascii('WAVE')),
			ascii('fLaC'),
			ascii('OggS'),
			concat(be(4, 24), ascii('ftyp')),
			ascii('ID3'),
			be(4, MPEG1_128K_MONO)
		];
		for (const [m, magic] of magics.entries()) {
			for (let seed = 0; seed < 20; seed++) {
				expectSane(
					concat(magic, randomBytes(64 + seed * 97, 1000 * m + seed)),
					`magic ${m} seed ${seed}`
				);
			}
		}
	});

	it('survives every fixture cut short and with bytes flipped', () => {
		for (const { file } of FFPROBE) {
			const bytes = fixture(file);
			const next = seeded(file.length);
			for (let trial = 0; trial < 12; trial++) {
				expectSane(bytes.slice(0, Math.floor(next() * bytes.length)), `${file} cut ${trial}`);
				const flipped = bytes.slice(0, 4096);
				for (let k = 0; k < 8; k++)
					flipped[Math.floor(next() * flipped.length)] = Math.floor(next() * 256);
				expectSane(flipped, `${file} flipped ${trial}`);
			}
		}
	});
});
