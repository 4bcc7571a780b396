import { describe, expect, it } from 'vitest';
import { styleIds } from '../dsp/synth/styles';
import { DEFAULT_DEMO_STYLE, demoStyle, pageSeed } from './demo-source';

describe('pageSeed', () => {
	const paths = ['/', '/learn/loudness-and-bias', '/learn/stereo-and-mono', '/learn/the-low-end'];

	it('is a repeatable non-negative 31-bit integer', () => {
		for (const path of paths) {
			const seed = pageSeed(path);
			expect(seed).toBe(pageSeed(path));
			expect(Number.isInteger(seed)).toBe(true);
			expect(seed).toBeGreaterThanOrEqual(0);
			expect(seed).toBeLessThan(2 ** 31);
		}
	});

	it('differs between pages', () => {
		expect(new Set(paths.map(pageSeed)).size).toBe(paths.length);
	});
});

describe('demoStyle', () => {
	it('keeps known styles and falls back to the default otherwise', () => {
		for (const style of styleIds) expect(demoStyle(style)).toBe(style);
		expect(demoStyle(undefined)).toBe(DEFAULT_DEMO_STYLE);
		expect(demoStyle('polka')).toBe(DEFAULT_DEMO_STYLE);
		expect(styleIds).toContain(DEFAULT_DEMO_STYLE);
	});
});
