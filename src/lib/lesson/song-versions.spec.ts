/**
 * The song versions, measured: stems made of steady tones (each stem its own frequencies), so each
 * part's level in a mastered version reads from its tones alone (a single-bin DFT over the clip).
 * Ratios between tones are compared with the balanced song's master, so the master's broadband gain
 * and glue compression cancel; tolerance 0.25 dB (the limiter's small modulation of the tones).
 */
import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import { designBiquad, magnitudeDb } from '../dsp/process/biquad';
import type { ChainStep } from '../dsp/process/chain';
import { BURIED_VOCAL_DB, DARK_TILT, HARSH_VOCAL, songMix } from './song-versions';
import { renderLessonVersion, songVersionIds, type LessonSource } from './versions';

type BellOrShelf = Extract<ChainStep, { type: 'peaking' | 'lowshelf' | 'highshelf' }>;

const sampleRate = 44100;
const frames = 8 * sampleRate;
/** Tones per stem, Hz → amplitude (whole cycles over 8 s, so each bin is exact). */
const stemTones = {
	vocal: { 500: 0.05, 3200: 0.02 },
	bass: { 60: 0.12 },
	chords: { 1000: 0.05 },
	hats: { 2900: 0.015, 12000: 0.01 }
} as const;

function tones(spec: Record<number, number>): Float32Array[] {
	const out = new Float32Array(frames);
	for (const [hz, amp] of Object.entries(spec)) {
		const w = (2 * Math.PI * Number(hz)) / sampleRate;
		for (let i = 0; i < frames; i++) out[i] += amp * Math.sin(w * i);
	}
	return [out, out.slice()];
}

const stems = Object.fromEntries(Object.entries(stemTones).map(([id, spec]) => [id, tones(spec)]));
const source: LessonSource = {
	sampleRate,
	stems,
	channels: [0, 1].map((c) => {
		const mix = new Float32Array(frames);
		for (const stem of Object.values(stems)) for (let i = 0; i < frames; i++) mix[i] += stem[c][i];
		return mix;
	})
};

/** Amplitude of the tone at `hz` in the left channel, dB. */
function toneDb(channels: Float32Array[], hz: number): number {
	const x = channels[0];
	const w = (2 * Math.PI * hz) / sampleRate;
	let re = 0;
	let im = 0;
	for (let i = 0; i < x.length; i++) {
		re += x[i] * Math.cos(w * i);
		im -= x[i] * Math.sin(w * i);
	}
	return 20 * Math.log10((2 * Math.hypot(re, im)) / x.length);
}

const rendered = new Map(songVersionIds.map((id) => [id, renderLessonVersion(id, source)]));
/** Level of `hz` against `ref` in version `id`, minus the same in the balanced song's master, dB. */
function change(id: (typeof songVersionIds)[number], hz: number, ref: number): number {
	const ratio = (ch: Float32Array[]) => toneDb(ch, hz) - toneDb(ch, ref);
	return ratio(rendered.get(id)!) - ratio(rendered.get('song-master')!);
}
/** Closed-form response of chain EQ steps at `hz` (RBJ cookbook, ../dsp/process/biquad), dB. */
const response = (steps: readonly BellOrShelf[], hz: number) =>
	magnitudeDb({
		coefficients: steps.map((s) =>
			designBiquad({ type: s.type, frequency: s.frequencyHz, gainDb: s.gainDb, q: s.q }, sampleRate)
		),
		frequency: hz,
		sampleRate
	});

describe('the song versions', () => {
	it.each(songVersionIds)('%s is mastered: −14 LUFS ± 0.3, true peak ≤ −1 dBTP (+0.05)', (id) => {
		const channels = rendered.get(id)!;
		expect(Math.abs(measureLoudness({ channels, sampleRate }).integrated! + 14)).toBeLessThan(0.3);
		expect(truePeak({ channels, sampleRate }).dbtp!).toBeLessThanOrEqual(-0.95);
	});

	it('the buried vocal sits 8 dB lower against every other part, and the rest keep their balance', () => {
		expect(Math.abs(change('song-vocal-buried', 500, 1000) - BURIED_VOCAL_DB)).toBeLessThan(0.25);
		expect(Math.abs(change('song-vocal-buried', 3200, 60) - BURIED_VOCAL_DB)).toBeLessThan(0.25);
		expect(Math.abs(change('song-vocal-buried', 60, 1000))).toBeLessThan(0.25);
		expect(Math.abs(change('song-vocal-buried', 12000, 2900))).toBeLessThan(0.25);
	});

	it('the harsh vocal gains the bell’s boost at 3.2 kHz; the hats at 2.9 kHz, on another stem, do not', () => {
		const expected = response([HARSH_VOCAL], 3200) - response([HARSH_VOCAL], 500);
		expect(expected).toBeGreaterThan(8);
		expect(Math.abs(change('song-vocal-harsh', 3200, 500) - expected)).toBeLessThan(0.25);
		expect(Math.abs(change('song-vocal-harsh', 2900, 1000))).toBeLessThan(0.25);
		expect(Math.abs(change('song-vocal-harsh', 60, 1000))).toBeLessThan(0.25);
	});

	it.each([60, 500, 2900, 3200, 12000])(
		'the dark mix tilts every part alike: %i Hz against 1 kHz moves as the two shelves say (± 0.25 dB)',
		(hz) => {
			const expected = response(DARK_TILT, hz) - response(DARK_TILT, 1000);
			expect(Math.abs(change('song-dark', hz, 1000) - expected)).toBeLessThan(0.25);
		}
	);

	it('the dark tilt is broad: more than 2.5 dB up at 60 Hz and 3.5 dB down at 12 kHz against 1 kHz', () => {
		expect(change('song-dark', 60, 1000)).toBeGreaterThan(2.5);
		expect(change('song-dark', 12000, 1000)).toBeLessThan(-3.5);
	});

	it('the balanced song’s mix is the source’s mix, unchanged', () => {
		const mix = songMix('song-master', source);
		expect(mix.every((c, i) => c.every((x, j) => x === source.channels[i][j]))).toBe(true);
	});

	it('refuses to render a song version without the stems, saying what it needs', () => {
		expect(() =>
			renderLessonVersion('song-vocal-buried', { channels: source.channels, sampleRate })
		).toThrow(/song versions need the stems source/);
	});
});
