import { beforeAll, describe, expect, it } from 'vitest';
import { testBank } from '../../cli/test-music';
import { filterChannels, designBiquad } from '../dsp/process/biquad';
import { compress } from '../dsp/process/compressor';
import { invertPolarity, setWidth } from '../dsp/process/stereo';
import { styleForSeed, styleIds } from '../dsp/synth/styles';
import { measureMix, mixRows, checkMix, targetReference } from './check';
import { DEFAULT_MASTER } from './master';
import { compressorFor, flatMix, Mixer, mixProject, panGains, stemChain } from './mixer';
import { renderProject } from './project';
import { renderStems } from './stems';
import { joinStems } from './assemble';
import { stemIds, type MixSettings, type Project, type StemId } from './types';

import { SWEEP } from './test-sweep';

describe('mixer: honest sums and dsp/process processors', () => {
	let project: Project;
	beforeAll(async () => {
		project = await renderProject({
			style: 'pop-rock',
			seed: 11,
			level: 1,
			bank: testBank(),
			...SWEEP
		});
	});

	it('all stems at 0 dB, centred and unprocessed give the plain sum, to the bit (pan law: 0 dB at the centre)', () => {
		const [left, right] = mixProject({
			stems: project.stems,
			sampleRate: project.sampleRate,
			settings: flatMix()
		});
		const length = left.length;
		for (let i = 0; i < length; i += 7) {
			let l = 0;
			let r = 0;
			// Summed in the mixer's order, rounded to 32-bit float at each step as the mix buffer is.
			for (const stem of project.stems) {
				l = Math.fround(l + stem.channels[0][i]);
				r = Math.fround(r + stem.channels[stem.channels.length - 1][i]);
			}
			expect(left[i]).toBe(l);
			expect(right[i]).toBe(r);
		}
	});

	it('pans at constant power: L² + R² = 2 at every position, +3 dB hard to one side, balance for stereo', () => {
		for (let pan = -1; pan <= 1; pan += 0.125) {
			const [l, r] = panGains({ pan, stereo: false });
			expect(l * l + r * r).toBeCloseTo(2, 12);
			const [bl, br] = panGains({ pan, stereo: true });
			expect(Math.max(bl, br)).toBeCloseTo(1, 12);
		}
		expect(20 * Math.log10(panGains({ pan: -1, stereo: false })[0])).toBeCloseTo(3.0103, 3);
		expect(panGains({ pan: -1, stereo: false })[1]).toBeCloseTo(0, 12);
	});

	it('runs every strip through the dsp/process processors, same output to the bit', () => {
		const settings = flatMix();
		const strips = {
			snare: { ...settings.stems.snare, polarity: true, highpassHz: 120, gainDb: -3.5 },
			chords: {
				...settings.stems.chords,
				eq: [
					{ type: 'peaking' as const, frequencyHz: 3000, gainDb: -4, q: 1.2 },
					{ type: 'highshelf' as const, frequencyHz: 8000, gainDb: 2, q: 0.7 }
				],
				compress: 0.6
			},
			texture: { ...settings.stems.texture, width: 0.4, polarity: true, gainDb: 2 }
		};
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const sr = project.sampleRate;
		const by = (id: string) =>
			project.stems.find((s) => s.id === id)!.channels.map((c) => c.slice());

		let snare: Float32Array[] = by('snare');
		invertPolarity({ channels: snare, invert: [true] });
		for (const q of [0.5412, 1.3066])
			snare = filterChannels({
				channels: snare,
				coefficients: designBiquad({ type: 'highpass', frequency: 120, q }, sr)
			});
		expect(mixer.strip({ id: 'snare', settings: strips.snare })).toEqual(snare);
		// The fader is a gain as the strips are summed (here centred: both sides alike).
		const [placedLeft] = mixer.placed({ id: 'snare', settings: strips.snare });
		const fader = 10 ** (-3.5 / 20);
		for (let i = 0; i < placedLeft.length; i += 97)
			expect(placedLeft[i]).toBe(Math.fround(snare[0][i] * fader));

		let chords: Float32Array[] = by('chords');
		chords = filterChannels({
			channels: chords,
			coefficients: designBiquad({ type: 'peaking', frequency: 3000, gainDb: -4, q: 1.2 }, sr)
		});
		chords = filterChannels({
			channels: chords,
			coefficients: designBiquad({ type: 'highshelf', frequency: 8000, gainDb: 2, q: 0.7 }, sr)
		});
		const step = compressorFor(0.6)!;
		if (step.type !== 'compress') throw new Error('not a compressor');
		const { type: _type, ...compressor } = step;
		void _type;
		chords = compress({
			channels: chords,
			sampleRate: sr,
			detection: 'peak',
			...compressor
		}).channels;
		expect(mixer.strip({ id: 'chords', settings: strips.chords })).toEqual(chords);

		const texture = by('texture');
		invertPolarity({ channels: texture, invert: [false, true] });
		setWidth({ channels: texture, width: 0.4 });
		expect(mixer.strip({ id: 'texture', settings: strips.texture })).toEqual(texture);
		expect(stemChain({ settings: strips.texture, stereo: true }).map((s) => s.type)).toEqual([
			'polarity',
			'width'
		]);
	});

	it('mixes into the caller’s buffers and re-uses a strip’s buffers, to the bit as a fresh mixer', () => {
		const settings = structuredClone(project.rough);
		settings.stems.bass.highpassHz = 30;
		const fresh = () =>
			new Mixer({ stems: project.stems, sampleRate: project.sampleRate }).mix(settings).channels;
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const into = [0, 1].map(() => new Float32Array(mixer.length).fill(0.5));
		const first = mixer.strip({ id: 'bass', settings: settings.stems.bass });
		expect(mixer.mix(settings, into).channels[0]).toBe(into[0]);
		expect(into).toEqual(fresh());
		// A new EQ on the bass re-uses its strip's buffers (a new array of them) and sums the same.
		settings.stems.bass.eq = [{ type: 'peaking', frequencyHz: 90, gainDb: -4, q: 1.2 }];
		settings.stems.bass.compress = 0.6;
		const second = mixer.strip({ id: 'bass', settings: settings.stems.bass });
		expect(second).not.toBe(first);
		expect(second[0]).toBe(first[0]);
		mixer.mix(settings, into);
		expect(into).toEqual(fresh());
		// A one-off mixer (no cache) sums the same.
		expect(mixProject({ stems: project.stems, sampleRate: project.sampleRate, settings })).toEqual(
			into
		);
		expect(() => mixer.mix(settings, [new Float32Array(3)])).toThrow(RangeError);
	});

	it('re-processes only the strip that changed, and mutes and solos by the rules', () => {
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const settings = structuredClone(project.target);
		const before = mixer.strip({ id: 'kick', settings: settings.stems.kick });
		settings.stems.bass.gainDb += 1;
		expect(mixer.strip({ id: 'kick', settings: settings.stems.kick })).toBe(before);
		// Soloing the kick leaves only the kick, placed.
		settings.stems.kick.solo = true;
		const [left] = mixer.mix(settings).channels;
		const [kickLeft] = mixer.placed({ id: 'kick', settings: settings.stems.kick });
		expect(left).toEqual(kickLeft);
	});
});

describe('stems', () => {
	it('renders every stem, mono except the stereo texture, loudness-normalised; same seed same samples', async () => {
		const a = await renderStems({ style: 'electronic', seed: 3, bank: testBank(), ...SWEEP });
		const b = await renderStems({ style: 'electronic', seed: 3, bank: testBank(), ...SWEEP });
		expect(a.stems.map((s) => s.id)).toEqual([...stemIds]);
		for (const stem of a.stems) {
			expect(stem.channels).toHaveLength(stem.id === 'texture' ? 2 : 1);
			expect(stem.channels[0]).toHaveLength(SWEEP.seconds * SWEEP.sampleRate);
		}
		a.stems.forEach((stem, i) => expect(stem.channels).toEqual(b.stems[i].channels));
		const c = await renderStems({ style: 'electronic', seed: 4, bank: testBank(), ...SWEEP });
		expect(c.stems[6].channels[0]).not.toEqual(a.stems[6].channels[0]);
	});

	// The Mix Lab renders a project in two workers at once, a group of stems each, and joins them.
	// Each MIDI channel renders dry to its own output and every event still splits the blocks, so a
	// part equals the whole render within a float's rounding (measured 1.8e-7 at most; 2.4e-7 is two
	// steps of a float near full scale), on every style and three seeds.
	it.each(styleIds.flatMap((style) => [1, 7, 30].map((seed) => ({ style, seed }))))(
		'renders $style seed $seed in groups that join to the whole render',
		async ({ style, seed }) => {
			const whole = await renderStems({ style, seed, bank: testBank(), ...SWEEP });
			const groups: StemId[][] = [
				['kick', 'snare', 'hats', 'bass', 'vocal'],
				['chords', 'texture']
			];
			const parts = await Promise.all(
				groups.map((only) => renderStems({ style, seed, bank: testBank(), only, ...SWEEP }))
			);
			parts.forEach((part, i) => expect(part.stems.map((s) => s.id)).toEqual(groups[i]));
			const joined = joinStems(parts.reverse());
			expect(joined.stems.map((s) => s.id)).toEqual(whole.stems.map((s) => s.id));
			expect(joined.chorusAt).toBe(whole.chorusAt);
			joined.stems.forEach((stem, i) => {
				expect(stem.name).toBe(whole.stems[i].name);
				stem.channels.forEach((channel, c) => {
					const reference = whole.stems[i].channels[c];
					let worst = 0;
					for (let n = 0; n < channel.length; n++)
						worst = Math.max(worst, Math.abs(channel[n] - reference[n]));
					expect(worst, `${stem.id} channel ${c}`).toBeLessThanOrEqual(2.4e-7);
				});
			});
			// A group alone is not a project.
			expect(() => joinStems([parts[0]])).toThrow(/stems missing/);
		}
	);
});

describe('checkMix with the master', () => {
	let project: Project;
	beforeAll(async () => {
		project = await renderProject({
			style: 'hip-hop',
			seed: 21,
			level: 3,
			bank: testBank(),
			...SWEEP
		});
	});

	it('masters to −14 LUFS under −1 dBTP, passes the target and fails the rough on its problems', () => {
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const reference = targetReference({ project, mixer });
		const target = checkMix({ project, settings: project.target, mixer, reference });
		expect(target.passed).toBe(target.total);
		expect(target.master.I!).toBeCloseTo(-14, 0);
		expect(target.master.TP!).toBeLessThanOrEqual(-0.9);
		const rough = checkMix({ project, settings: project.rough, mixer, reference });
		for (const problem of project.problems) {
			expect(rough.checks.find((c) => c.problem === problem.id)?.pass).toBe(false);
			const fix = rough.masterFixes.find((f) => f.problem === problem.id)!;
			expect(fix.action.length).toBeGreaterThan(10);
			expect(fix.sideEffect.length).toBeGreaterThan(10);
		}
		expect(rough.masterFixes).toHaveLength(project.problems.length);
		// A louder master target makes the limiter work harder than the target mix did at −14.
		const loud = checkMix({
			project,
			settings: project.target,
			mixer,
			reference,
			master: { ...DEFAULT_MASTER, targetLufs: -7 }
		});
		expect(loud.checks.find((c) => c.id === 'limiter-work')!.pass).toBe(false);
	});

	it('counts true-peak overs: none at a −1 dBTP ceiling, many when the learner sets 0 dBTP', () => {
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const reference = targetReference({ project, mixer });
		const overs = (ceilingDbtp: number) =>
			checkMix({
				project,
				settings: project.target,
				mixer,
				reference,
				master: { ...DEFAULT_MASTER, targetLufs: -9, ceilingDbtp }
			}).checks.find((c) => c.id === 'true-peak')!;
		expect(overs(-1)).toMatchObject({ measured: 0, pass: true, unit: 'overs' });
		const hot = overs(0);
		expect(hot.pass).toBe(false);
		// At −9 LUFS against a 0 dBTP ceiling the limiter holds many points between −0.95 and 0 dBTP.
		expect(hot.measured).toBeGreaterThan(50);
		expect(hot.hint).toContain('−1 dBTP');
	});

	it('a colour every part shares reads as tonal balance, not as one part’s harsh build-up', () => {
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const reference = targetReference({ project, mixer });
		const bright = structuredClone(project.target);
		bright.bus.tiltDb += 4;
		const mix = mixer.mix(bright).channels;
		const measures = measureMix({ mixer, settings: bright, mix, kickHz: reference.kickHz });
		const rows = mixRows({ project, measures, reference });
		const harsh = rows.find((r) => r.id === 'harsh')!;
		expect(Math.abs(harsh.measured)).toBeLessThan(1);
		expect(rows.find((r) => r.id === 'tonal-balance')!.measured).toBeGreaterThan(2);
		// One part made harsh still reads as that part.
		const chords = structuredClone(project.target);
		chords.stems.chords.eq.push({ type: 'peaking', frequencyHz: 3162, gainDb: 6, q: 1.4 });
		const chordsMix = mixer.mix(chords).channels;
		const chordRows = mixRows({
			project,
			measures: measureMix({ mixer, settings: chords, mix: chordsMix, kickHz: reference.kickHz }),
			reference
		});
		const chordHarsh = chordRows.find((r) => r.id === 'harsh')!;
		expect(chordHarsh.measured).toBeGreaterThan(4);
		expect(chordHarsh.hint).toContain(
			project.stems.find((s) => s.id === 'chords')!.name.toLowerCase()
		);
	});

	it('tonal balance per octave: a louder mix moves no octave; a stem moved in its octave is named', () => {
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const reference = targetReference({ project, mixer });
		const octaveRows = (settings: MixSettings) => {
			const mix = mixer.mix(settings).channels;
			const measures = measureMix({ mixer, settings, mix, kickHz: reference.kickHz });
			return mixRows({ project, measures, reference }).filter((r) => r.id.startsWith('octave-'));
		};
		expect(octaveRows(project.target)).toHaveLength(8);
		// Every fader up 4 dB: the same balance, louder.
		const louder = structuredClone(project.target);
		for (const id of stemIds) louder.stems[id].gainDb += 4;
		for (const row of octaveRows(louder)) expect(Math.abs(row.measured), row.id).toBeLessThan(0.05);
		// The hats up 12 dB: the 8 kHz octave rises by most of that, and its hint names them.
		const hats = structuredClone(project.target);
		hats.stems.hats.gainDb += 12;
		const rows8k = octaveRows(hats).find((r) => r.id === 'octave-8k')!;
		expect(rows8k.measured).toBeGreaterThan(4);
		expect(rows8k.hint).toContain(project.stems.find((s) => s.id === 'hats')!.name.toLowerCase());
	});

	it('the master EQ that lifts a buried lead lifts every part in its band, so the lead stays buried', async () => {
		const buried = await findProject('lead-buried');
		const result = checkMix({ project: buried, settings: buried.rough });
		const problem = buried.problems.find((p) => p.kind === 'lead-buried')!;
		const fix = result.masterFixes.find((f) => f.problem === problem.id)!;
		// The boost gives back less than half of what the lead lost...
		expect(fix.after - fix.before).toBeLessThan(Math.abs(problem.amount) / 2);
		// ...because every other part in the band rises by most of it.
		const others = Number(/([+−])(\d+\.\d)/.exec(fix.sideEffect)![2]);
		expect(others).toBeGreaterThan(Math.abs(problem.amount) / 3);
	});
});

/** The first sweep-sized project (level 1) whose one problem is `kind`. */
async function findProject(kind: string): Promise<Project> {
	for (let seed = 0; seed < 100; seed++) {
		const style = styleForSeed(seed);
		const project = await renderProject({ style, seed, level: 1, bank: testBank(), ...SWEEP });
		if (project.problems.some((p) => p.kind === kind)) return project;
	}
	throw new Error(`no project with ${kind}`);
}
