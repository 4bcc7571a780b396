import { describe, expect, it } from 'vitest';
import {
	eqFrequencyAt,
	eqPosition,
	EQ_STEPS,
	highpassAt,
	highpassPosition,
	HIGHPASS_STEPS,
	pan
} from './controls';

describe('Mix Lab controls', () => {
	it('writes pans in words', () => {
		expect(pan(0)).toBe('Centre');
		expect(pan(-0.25)).toBe('25 % left');
	});

	it('maps the high-pass slider to off, then 20 … 500 Hz, and back', () => {
		expect(highpassAt(0)).toBeNull();
		expect(highpassAt(1)).toBe(20);
		expect(highpassAt(HIGHPASS_STEPS)).toBe(500);
		for (let p = 0; p <= HIGHPASS_STEPS; p++) expect(highpassPosition(highpassAt(p))).toBe(p);
	});

	it('maps the EQ slider to 40 Hz … 16 kHz, and back', () => {
		expect(eqFrequencyAt(0)).toBe(40);
		expect(eqFrequencyAt(EQ_STEPS)).toBe(16000);
		for (let p = 0; p <= EQ_STEPS; p++) expect(eqPosition(eqFrequencyAt(p))).toBe(p);
	});
});
