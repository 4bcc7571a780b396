/**
 * The lesson versions, measured on real rendered audio: 8 s of the app's pop-rock (rendered once,
 * about −21 LUFS, −6 dBTP, PLR 15 dB), each version rendered once and cached. Tolerances are in the
 * test names: loudness and PLR from BS.1770 (../dsp/report), bands from the third-octave spectrum
 * (../dsp/analysis/spectrum), always as a change against the mix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testClip } from '../../cli/test-music';
import { measureLoudness } from '../dsp/analysis/loudness';
import { thirdOctaveSpectrum } from '../dsp/analysis/spectrum';
import { meterReport, type MeterReport } from '../dsp/report';
import {
	isLessonVersionId,
	isSongVersionId,
	lessonVersionIds,
	lessonVersions,
	renderLessonVersion,
	type LessonSource,
	type LessonVersionId
} from './versions';

const sampleRate = 44100;
/** The versions rendered from the arrangement (the song versions have their own spec). */
const arrangementIds = lessonVersionIds.filter((id) => !isSongVersionId(id));
let source: LessonSource;
const rendered = new Map<LessonVersionId, Float32Array[]>();
const reports = new Map<LessonVersionId, MeterReport>();

beforeAll(async () => {
	source = await testClip(sampleRate);
	// Every version once (about 2.5 s in all, most of it the two quick masters).
	for (const id of arrangementIds) {
		const channels = renderLessonVersion(id, source);
		rendered.set(id, channels);
		reports.set(id, meterReport({ channels, sampleRate }));
	}
}, 60_000);

const version = (id: LessonVersionId) => rendered.get(id)!;
const report = (id: LessonVersionId) => reports.get(id)!;

/** Third-octave band levels by nominal frequency, dB. */
function bands(channels: Float32Array[]): Map<number, number | null> {
	return new Map(thirdOctaveSpectrum({ channels, sampleRate }).map((b) => [b.nominal, b.db]));
}

/** Change of each band of version `id` against the mix, dB (null where either is empty). */
function bandChangeDb(id: LessonVersionId): Map<number, number | null> {
	const mix = bands(version('mix'));
	const out = bands(version(id));
	return new Map(
		[...mix].map(([hz, db]) => {
			const after = out.get(hz);
			return [hz, db === null || after == null ? null : after - db];
		})
	);
}

/** Loudness lost by folding to mono: loudness(L, R) − loudness of (L + R)/2 on both channels. */
function monoFoldLossDb(channels: Float32Array[]): number {
	const [left, right] = channels;
	const mid = left.map((x, i) => 0.5 * (x + right[i]));
	const lufs = (c: Float32Array[]) => measureLoudness({ channels: c, sampleRate }).integrated!;
	return lufs(channels) - lufs([mid, mid]);
}

describe('the version table', () => {
	it('has the 22 ids (4 of them song versions), each with a label and a one-sentence description', () => {
		expect(lessonVersionIds).toHaveLength(22);
		expect(new Set(lessonVersionIds).size).toBe(22);
		expect(arrangementIds).toHaveLength(18);
		expect(Object.keys(lessonVersions).sort()).toEqual([...lessonVersionIds].sort());
		for (const id of lessonVersionIds) {
			const { label, description } = lessonVersions[id];
			expect(label.length).toBeGreaterThan(0);
			expect(description).toMatch(/^[A-Z].*\.$/);
			expect(description.slice(0, -1)).not.toMatch(/\.\s/);
		}
	});

	it.each([
		['master', true],
		['wide-phasey', true],
		['club', true],
		['tv', false],
		['Master', false],
		['', false]
	])('isLessonVersionId(%j) is %s', (s, expected) => {
		expect(isLessonVersionId(s)).toBe(expected);
	});

	it('rejects an unknown id and wide-phasey on a mono source', () => {
		const mono = { channels: [source.channels[0]], sampleRate };
		expect(() => renderLessonVersion('tv' as LessonVersionId, source)).toThrow(RangeError);
		expect(() => renderLessonVersion('wide-phasey', mono)).toThrow(/stereo/);
	});
});

describe('rendered versions of pop-rock', () => {
	it('every version keeps the length and channel count, is finite, and leaves the source alone', () => {
		for (const id of arrangementIds) {
			const channels = version(id);
			expect(channels).toHaveLength(2);
			for (const c of channels) {
				expect(c.length).toBe(source.channels[0].length);
				expect(c.every(Number.isFinite)).toBe(true);
			}
		}
		// Every render worked on copies: the source still meters as the untouched mix.
		expect(meterReport(source)).toEqual(report('mix'));
		expect(version('mix')[0]).not.toBe(source.channels[0]);
	});

	it('master: −14 LUFS ±0.3, true peak ≤ −0.95 dBTP', () => {
		expect(Math.abs(report('master').I! + 14)).toBeLessThanOrEqual(0.3);
		expect(report('master').TP!).toBeLessThanOrEqual(-0.95);
	});

	it('loud-master: −8 LUFS ±0.3, TP ≤ −0.95 dBTP, PLR at least 3 dB below the master', () => {
		expect(Math.abs(report('loud-master').I! + 8)).toBeLessThanOrEqual(0.3);
		expect(report('loud-master').TP!).toBeLessThanOrEqual(-0.95);
		expect(report('loud-master').PLR!).toBeLessThanOrEqual(report('master').PLR! - 3);
	});

	it('louder-1db: +1.00 LU ±0.01 against the mix', () => {
		expect(Math.abs(report('louder-1db').I! - report('mix').I! - 1)).toBeLessThanOrEqual(0.01);
	});

	it('limited-hard: PLR and crest factor at least 4 dB below the mix, TP ≤ −0.95 dBTP', () => {
		expect(report('limited-hard').PLR!).toBeLessThanOrEqual(report('mix').PLR! - 4);
		expect(report('limited-hard').crestFactor!).toBeLessThanOrEqual(report('mix').crestFactor! - 4);
		expect(report('limited-hard').TP!).toBeLessThanOrEqual(-0.95);
	});

	it('compressed-heavy: loudness of the mix ±0.1 LU, short-term dynamics (LRA) reduced', () => {
		expect(Math.abs(report('compressed-heavy').I! - report('mix').I!)).toBeLessThanOrEqual(0.1);
		expect(report('compressed-heavy').LRA!).toBeLessThan(report('mix').LRA!);
		expect(report('compressed-heavy').TP!).toBeLessThanOrEqual(-1 + 0.05);
	});

	it('clipped: sample peak ≤ the 0 dBFS clip level, PLR at least 3 dB below the mix, flat tops', () => {
		expect(report('clipped').samplePeak!).toBeLessThanOrEqual(1e-6);
		expect(report('clipped').PLR!).toBeLessThanOrEqual(report('mix').PLR! - 3);
		const flat = version('clipped')[0].filter((v) => Math.abs(v) >= 1 - 1e-7).length;
		expect(flat).toBeGreaterThan(100);
	});

	it.each([
		['bass-heavy-mix', 63, 5, Infinity],
		['bass-boost', 63, 4, Infinity],
		['presence-boost', 3150, 4, Infinity],
		['mud-cut', 315, -Infinity, -3]
	] as const)('%s: the %d Hz third-octave band moves between %d and %d dB', (id, hz, min, max) => {
		const change = bandChangeDb(id);
		expect(change.get(hz)!).toBeGreaterThanOrEqual(min);
		expect(change.get(hz)!).toBeLessThanOrEqual(max);
		// A band four octaves away barely moves (±1 dB).
		const far = hz < 1000 ? 2000 : 160;
		expect(Math.abs(change.get(far)!)).toBeLessThan(1);
	});

	it('mono: left equals right', () => {
		const [left, right] = version('mono');
		expect(right).toEqual(left);
	});

	it('wide-phasey: the mono fold loses at least 2 dB more than the mix’s fold', () => {
		expect(monoFoldLossDb(version('wide-phasey'))).toBeGreaterThanOrEqual(
			monoFoldLossDb(version('mix')) + 2
		);
	});

	it.each([
		// [system, bands (Hz) checked, bound (dB, relative to the 1 kHz band's change), direction]
		['phone', [31.5, 40, 50, 63, 80, 100, 125, 160], -20, 'below'],
		['laptop', [31.5, 40, 50, 63, 80], -12, 'below'],
		['car', [40, 50, 63, 80], 5, 'above'],
		['earbuds', [63, 80], 2, 'above'],
		['club', [50, 63], 3, 'above']
	] as const)(
		'%s: bands %j sit %d dB or further %s the 1 kHz band',
		(id, hzs, bound, direction) => {
			const change = bandChangeDb(id);
			const reference = change.get(1000)!;
			for (const hz of hzs) {
				const relative = change.get(hz);
				// An empty band (no energy left at all) passes a "below" check.
				if (relative == null) {
					expect(direction).toBe('below');
					continue;
				}
				if (direction === 'below') expect(relative - reference).toBeLessThanOrEqual(bound);
				else expect(relative - reference).toBeGreaterThanOrEqual(bound);
			}
		}
	);
});
