/**
 * Test support for the mix specs: the short projects the sweeps use and the sweep itself over planted
 * problems (mix-sweep-*.spec.ts). Imported only by `*.spec.ts` files; nothing in the app depends on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testBank } from '../../cli/test-music';
import { createRng } from '../dsp/synth/rng';
import { styleForSeed, styleIds } from '../dsp/synth/styles';
import { measureMix, mixRows, checkOfKind, fightBand } from './check';
import { Mixer } from './mixer';
import { amounts, isolate, LEVELS, plantProblems } from './problems';
import { renderStems } from './stems';
import { stemIds, type MixSettings, type Project } from './types';

/** Short, low-rate projects for the sweeps: the measures are relative, so they hold at any length. */
export const SWEEP = { seconds: 3, sampleRate: 22050 };

/** One sweep case: the project and its reference measures. */
interface Case {
	project: Project;
	mixer: Mixer;
	reference: ReturnType<typeof targetReferenceLite>;
}

/** The target's measures without its master (the sweeps check the mix-level rows). */
function targetReferenceLite(project: Project, mixer: Mixer) {
	const kickHz = fightBand(project);
	const mix = mixer.mix(project.target).channels;
	return { measures: measureMix({ mixer, settings: project.target, mix, kickHz }), kickHz };
}

/** Each case's target rows, computed once for the tests that compare with them. */
const targetRows = new WeakMap<Case, ReturnType<typeof rowsOf>>();
function rows(c: Case, settings: MixSettings) {
	if (settings !== c.project.target) return rowsOf(c, settings);
	let cached = targetRows.get(c);
	if (!cached) targetRows.set(c, (cached = rowsOf(c, settings)));
	return cached;
}

function rowsOf(c: Case, settings: MixSettings) {
	const mix = c.mixer.mix(settings).channels;
	const measures = measureMix({ mixer: c.mixer, settings, mix, kickHz: c.reference.kickHz });
	return mixRows({ project: c.project, measures, reference: c.reference }).map((row) => ({
		...row,
		pass:
			(row.target[0] === null || row.measured >= row.target[0]) &&
			(row.target[1] === null || row.measured <= row.target[1])
	}));
}

/**
 * How far each planted problem alone may move its own measure off its amount, dB. Fader problems
 * are exact (the mix is linear). Mono collapse and rumble are sized on the spectrum the check reads
 * (mono collapse on the recording, read through the target's width: within 0.25 dB).
 * A bell's effect is averaged over a third-octave band (harsh, kick-bass: up to 1 dB under the bell's
 * centre gain on these clips), a tilt over its two bands, and the bus limiter's loss is found by a
 * search to 0.1 dB on the target and read on a mix it changes.
 */
const tolerance: Record<string, number> = {
	'low-end-too-loud': 0.1,
	'lead-buried': 0.1,
	'lead-too-hot': 0.1,
	'mono-collapse': 0.25,
	rumble: 0.25,
	'tonal-tilt': 0.5,
	'squashed-bus': 0.5,
	harsh: 1.25,
	'kick-bass-masking': 1.25
};

/**
 * The sweep over seeds `first` … `first + count − 1` × every level: rough fails its problems, the
 * target passes, each problem moves its own measure by its amount, random settings rarely pass. Two
 * spec files take 100 seeds each (200 in all), so the two halves run side by side.
 */
export function describeSweep({ first, count }: { first: number; count: number }) {
	describe(`planted problems over seeds ${first}–${first + count - 1} × every level`, () => {
		const SEEDS = count;
		const cases: Case[] = [];
		const stats = { randomAllPass: 0, random: 0 };
		beforeAll(async () => {
			for (let seed = first; seed < first + SEEDS; seed++) {
				const style = styleForSeed(seed);
				const rendered = await renderStems({ style, seed, bank: testBank(), ...SWEEP });
				for (const level of LEVELS) {
					const planted = plantProblems({
						stems: rendered.stems,
						style,
						seed,
						level,
						sampleRate: SWEEP.sampleRate
					});
					const project: Project = {
						style,
						seed,
						level,
						...SWEEP,
						chorusAt: rendered.chorusAt,
						...planted
					};
					const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
					cases.push({ project, mixer, reference: targetReferenceLite(project, mixer) });
				}
			}
		}, 600_000);

		it('covers every style and every kind of problem', () => {
			expect(new Set(cases.map((c) => c.project.style))).toEqual(new Set(styleIds));
			const kinds = new Set(cases.flatMap((c) => c.project.problems.map((p) => p.kind)));
			expect([...kinds].sort()).toEqual(Object.keys(amounts).sort());
			expect(cases).toHaveLength(SEEDS * LEVELS.length);
		});

		it(
			'the rough mix fails the check of every planted problem; the target passes every check',
			{ timeout: 120_000 },
			() => {
				const failures: string[] = [];
				for (const c of cases) {
					const rough = rows(c, c.project.rough);
					for (const problem of c.project.problems) {
						const row = rough.find((r) => r.id === checkOfKind[problem.kind])!;
						if (row.pass)
							failures.push(
								`seed ${c.project.seed} level ${c.project.level} ${problem.kind}: ${row.measured}`
							);
						expect(row.problem).toBe(problem.id);
					}
					for (const row of rows(c, c.project.target))
						if (!row.pass)
							failures.push(`seed ${c.project.seed} target ${row.id}: ${row.measured}`);
				}
				expect(failures).toEqual([]);
			}
		);

		it(
			'each planted problem alone moves its own measure by its amount (measured on the audio)',
			{ timeout: 120_000 },
			() => {
				const errors: Record<string, number> = {};
				for (const c of cases) {
					const target = rows(c, c.project.target);
					for (const problem of c.project.problems) {
						const check = checkOfKind[problem.kind];
						const alone = rows(
							c,
							isolate({ problem, rough: c.project.rough, target: c.project.target })
						);
						const moved =
							alone.find((r) => r.id === check)!.measured -
							target.find((r) => r.id === check)!.measured;
						// Rumble's measure reads the rumble's level against its stem; mono and dynamics fall.
						const expected =
							problem.kind === 'rumble'
								? problem.amount - target.find((r) => r.id === check)!.measured
								: problem.kind === 'mono-collapse' || problem.kind === 'squashed-bus'
									? -problem.amount
									: problem.amount;
						const error = Math.abs(moved - expected);
						errors[problem.kind] = Math.max(errors[problem.kind] ?? 0, error);
					}
				}
				for (const [kind, error] of Object.entries(errors))
					expect(error, kind).toBeLessThanOrEqual(tolerance[kind]);
			}
		);

		it('random settings rarely pass every check (rate below 5 %)', { timeout: 120_000 }, () => {
			const rng = createRng(99);
			const sample = cases.filter((_, i) => i % 4 === 0);
			for (const c of sample) {
				const settings = structuredClone(c.project.rough);
				for (const id of stemIds) {
					const strip = settings.stems[id];
					strip.gainDb = rng.range(-12, 6);
					strip.pan = rng.range(-1, 1);
					strip.highpassHz = rng.chance(0.5) ? rng.range(20, 300) : null;
					strip.width = rng.range(0, 2);
				}
				settings.bus.tiltDb = rng.range(-6, 6);
				settings.bus.squashDb = rng.chance(0.3) ? rng.range(0, 8) : 0;
				stats.random++;
				if (rows(c, settings).every((row) => row.pass)) stats.randomAllPass++;
			}
			expect(stats.random).toBe(sample.length);
			expect(stats.randomAllPass / stats.random).toBeLessThan(0.05);
		});
	});
}
