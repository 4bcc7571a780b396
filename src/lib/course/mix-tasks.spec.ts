/** Every lesson's hands-on Mix Lab project plants the problem the lesson says it does. */
import { describe, expect, it } from 'vitest';
import { styleIds } from '../dsp/synth/styles';
import { planProblems, type Level } from '../mix/problems';
import { readCourse } from './vite-plugin';

const { lessons } = readCourse(process.cwd());

describe('the lessons’ Mix Lab tasks', () => {
	it('most lessons end with a Mix Lab project to practise on', () => {
		expect(lessons.filter((l) => l.mix).length).toBeGreaterThanOrEqual(8);
	});

	it.each(lessons.filter((l) => l.mix).map((l) => [l.slug, l.mix!] as const))(
		'%s: its preset is a real style and plants its problem (level 1: that problem alone)',
		(_, mix) => {
			expect(styleIds).toContain(mix.style);
			const { kinds } = planProblems({
				style: mix.style as (typeof styleIds)[number],
				seed: mix.seed,
				level: mix.level as Level
			});
			if (mix.level === 1) expect(kinds).toEqual([mix.problem]);
			else expect(kinds).toContain(mix.problem);
		}
	);
});
