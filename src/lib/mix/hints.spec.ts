import { describe, expect, it } from 'vitest';
import { projectHints } from './hints';
import { amounts } from './problems';
import { stemNamesOf } from './stem-names';
import type { Problem, ProblemKind } from './types';

const names = stemNamesOf('pop-rock');
const problem = (kind: ProblemKind, extra: Partial<Problem> = {}): Problem => ({
	id: 'p1',
	kind,
	stem: 'bass',
	amount: 4,
	unit: 'dB',
	...extra
});

describe('projectHints', () => {
	it('names every kind of problem at level 1, with the stem it is on', () => {
		for (const kind of Object.keys(amounts) as ProblemKind[]) {
			const hints = projectHints({ level: 1, problems: [problem(kind)] }, names);
			expect(hints.blind).toBe(false);
			expect(hints.lines).toHaveLength(1);
			expect(hints.lines[0].length, kind).toBeGreaterThan(30);
		}
		const low = projectHints({ level: 1, problems: [problem('low-end-too-loud')] }, names);
		expect(low.lines[0]).toContain(names.bass.toLowerCase());
		const harsh = projectHints(
			{ level: 1, problems: [problem('harsh', { stem: 'chords', frequencyHz: 3162 })] },
			names
		);
		expect(harsh.lines[0]).toContain('3.2 kHz');
	});

	it('gives only the areas at level 2 (one line per area) and nothing at level 3', () => {
		const problems = [
			problem('low-end-too-loud'),
			problem('kick-bass-masking', { id: 'p2', frequencyHz: 60 })
		];
		const two = projectHints({ level: 2, problems }, names);
		expect(two.lines).toEqual(['Listen to the low end.']);
		expect(two.summary).toContain('two problems');
		expect(two.lines.join(' ')).not.toContain(names.bass.toLowerCase());
		const three = projectHints({ level: 3, problems }, names);
		expect(three).toMatchObject({ lines: [], blind: true });
		expect(three.summary).toContain('only the check tells');
	});
});
