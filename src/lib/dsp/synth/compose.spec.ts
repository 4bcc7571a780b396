import { describe, expect, it } from 'vitest';
import { composeArrangement, parseChord } from './compose';
import { drum } from './presets';
import { styleIds, styles } from './styles';

describe('parseChord', () => {
	it.each([
		['I', 0, [0, 4, 7]],
		['vi', 9, [0, 3, 7]],
		['bVII', 10, [0, 4, 7]],
		['bIIImaj7', 3, [0, 4, 7, 11]],
		['ii7', 2, [0, 3, 7, 10]],
		['V7', 7, [0, 4, 7, 10]],
		['Isus4', 0, [0, 5, 7]],
		['IVadd9', 5, [0, 4, 7, 14]]
	])('%s → root %i, intervals %j', (symbol, root, intervals) => {
		expect(parseChord(symbol)).toEqual({ root, intervals });
	});

	it('rejects what is not a numeral', () => {
		expect(() => parseChord('X7')).toThrow(RangeError);
	});
});

describe('composeArrangement', () => {
	it.each(styleIds)('%s: same seed → same events; other seeds → other music', (id) => {
		const style = styles[id];
		const a = composeArrangement({ style, seed: 1, seconds: 8 });
		expect(composeArrangement({ style, seed: 1, seconds: 8 })).toEqual(a);
		const others = [2, 3, 4, 5, 6].map((seed) => composeArrangement({ style, seed, seconds: 8 }));
		for (const o of others) expect(o.events).not.toEqual(a.events);
		// Seeds choose among several progressions.
		const progressions = new Set([a, ...others].map((o) => o.progression.join('-')));
		expect(progressions.size).toBeGreaterThan(1);
	});

	it.each(styleIds)('%s: whole bars in range, valid events inside the clip', (id) => {
		const style = styles[id];
		for (const seconds of [4, 8]) {
			const { events, bpm, bars } = composeArrangement({ style, seed: 7, seconds });
			// Bars × 4 beats fill the clip exactly; the tempo bends at most a bar's worth from the range.
			expect((bars * 240) / bpm).toBeCloseTo(seconds, 9);
			expect(bpm).toBeGreaterThan(style.bpm[0] * 0.7);
			expect(bpm).toBeLessThan(style.bpm[1] * 1.4);
			expect(events.length).toBeGreaterThan(bars * 16);
			for (const e of events) {
				expect(e.time).toBeGreaterThanOrEqual(0);
				expect(e.time).toBeLessThan(seconds);
				expect(e.duration).toBeGreaterThan(0);
				expect(e.velocity).toBeGreaterThanOrEqual(1);
				expect(e.velocity).toBeLessThanOrEqual(127);
				expect(e.note).toBeGreaterThanOrEqual(0);
				expect(e.note).toBeLessThanOrEqual(127);
			}
		}
	});

	it.each(styleIds)('%s: a band plays: kick, bass and at least three melodic channels', (id) => {
		const { events, mixes } = composeArrangement({ style: styles[id], seed: 3, seconds: 8 });
		expect(events.some((e) => e.channel === 9 && e.note === drum.kick)).toBe(true);
		const melodic = new Set(events.filter((e) => e.channel !== 9).map((e) => e.channel));
		expect(melodic.size).toBeGreaterThanOrEqual(3);
		for (const ch of melodic) expect(mixes.some((m) => m.channel === ch)).toBe(true);
		// No two notes on one key and channel overlap (a note-off would cut the next note).
		const byKey = new Map<number, { time: number; duration: number }>();
		for (const e of events) {
			const previous = byKey.get(e.channel * 128 + e.note);
			if (previous) expect(previous.time + previous.duration).toBeLessThanOrEqual(e.time);
			byKey.set(e.channel * 128 + e.note, e);
		}
	});

	it('electronic keeps four on the floor: a kick within 10 ms of every beat', () => {
		const { events, bpm, bars } = composeArrangement({
			style: styles.electronic,
			seed: 5,
			seconds: 8
		});
		const kicks = events.filter((e) => e.channel === 9 && e.note === drum.kick);
		for (let beat = 0; beat < bars * 4; beat++) {
			const t = (beat * 60) / bpm;
			expect(kicks.some((k) => Math.abs(k.time - t) < 0.01)).toBe(true);
		}
	});

	it('hip-hop swings and lays back: off-beat sixteenths late, snares behind the beat', () => {
		const { events, bpm } = composeArrangement({ style: styles['hip-hop'], seed: 2, seconds: 8 });
		const step = 15 / bpm;
		const snares = events.filter(
			(e) => e.channel === 9 && e.note === drum.snare && e.velocity > 60
		);
		const lateness = snares.map((e) => e.time / step - Math.round(e.time / step));
		const mean = lateness.reduce((a, b) => a + b, 0) / lateness.length;
		// The 18 ms lag is about 0.07 of a sixteenth at 90 BPM.
		expect(mean).toBeGreaterThan(0.03);
	});
});
