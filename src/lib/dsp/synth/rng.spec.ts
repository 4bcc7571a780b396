import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from './rng';

describe('createRng (mulberry32)', () => {
	it('repeats a sequence for the same seed and differs for another', () => {
		const a = createRng(42);
		const b = createRng(42);
		const c = createRng(43);
		const seqA = Array.from({ length: 8 }, () => a.next());
		expect(Array.from({ length: 8 }, () => b.next())).toEqual(seqA);
		expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(seqA);
	});

	it('draws uniform floats in [0, 1) with mean 0.5 ± 0.01 over 20 000 draws', () => {
		const rng = createRng(7);
		let sum = 0;
		for (let i = 0; i < 20000; i++) {
			const x = rng.next();
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
			sum += x;
		}
		expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
	});

	it.each([
		[0, 3],
		[-5, 5],
		[10, 10]
	])('int(%i, %i) stays inside and reaches both ends', (min, max) => {
		const rng = createRng(1);
		const seen = new Set<number>();
		for (let i = 0; i < 2000; i++) {
			const n = rng.int(min, max);
			expect(Number.isInteger(n)).toBe(true);
			expect(n).toBeGreaterThanOrEqual(min);
			expect(n).toBeLessThanOrEqual(max);
			seen.add(n);
		}
		expect(seen.size).toBe(max - min + 1);
	});

	it('normal() has mean 0 ± 0.03 and sd 1 ± 0.03 over 20 000 draws', () => {
		const rng = createRng(3);
		const xs = Array.from({ length: 20000 }, () => rng.normal());
		const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
		const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
		expect(Math.abs(mean)).toBeLessThan(0.03);
		expect(Math.abs(sd - 1)).toBeLessThan(0.03);
	});

	it('chance(p) hits about p of the time and pick() covers every item', () => {
		const rng = createRng(11);
		let hits = 0;
		for (let i = 0; i < 10000; i++) if (rng.chance(0.3)) hits++;
		expect(Math.abs(hits / 10000 - 0.3)).toBeLessThan(0.02);
		const picked = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c'])));
		expect(picked).toEqual(new Set(['a', 'b', 'c']));
		expect(() => rng.pick([])).toThrow(RangeError);
	});

	it('fork() gives reproducible, distinct streams', () => {
		const a = createRng(5).fork(1);
		const b = createRng(5).fork(1);
		const c = createRng(5).fork(2);
		const x = a.next();
		expect(b.next()).toBe(x);
		expect(c.next()).not.toBe(x);
	});

	it('hashSeed spreads neighbouring seeds', () => {
		expect(hashSeed(1)).not.toBe(hashSeed(2));
		expect(hashSeed(0)).toBe(0);
	});
});
