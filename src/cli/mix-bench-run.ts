/**
 * The timed work of the mix benchmark, shared by Node and the Chromium worker: per run, render a
 * level-3 project (20 s, 44.1 kHz, every stem), re-mix it five times after one fader move (every
 * stem summed, one strip re-processed), measure the target once, and run the full check on the
 * rough mix (mix, quick master, every measure).
 */
import type { SynthBank } from '../lib/dsp/synth/render';
import { styleIds } from '../lib/dsp/synth/styles';
import { checkMix, targetReference } from '../lib/mix/check';
import { Mixer } from '../lib/mix/mixer';
import { renderProject } from '../lib/mix/project';

export interface MixTimings {
	render: number[];
	remix: number[];
	reference: number[];
	check: number[];
}

export async function runMixBenchmark({
	bank,
	runs,
	warm = true
}: {
	bank: SynthBank;
	runs: number;
	/** Decode every style's samples first, so the timed runs do not pay for it. */
	warm?: boolean;
}): Promise<MixTimings> {
	const times: MixTimings = { render: [], remix: [], reference: [], check: [] };
	if (warm)
		for (const style of styleIds)
			await renderProject({ style, seed: 0, level: 1, bank, seconds: 2 });
	for (let run = 0; run < runs; run++) {
		const style = styleIds[run % styleIds.length];
		let start = performance.now();
		const project = await renderProject({ style, seed: 100 + run, level: 3, bank });
		times.render.push(performance.now() - start);
		const mixer = new Mixer({ stems: project.stems, sampleRate: project.sampleRate });
		const settings = structuredClone(project.rough);
		// In one pair of buffers, as the Mix Lab's worker mixes (each mix is encoded at once).
		const scratch = [0, 1].map(() => new Float32Array(mixer.length));
		mixer.mix(settings, scratch);
		for (let change = 0; change < 5; change++) {
			settings.stems.bass.gainDb += 0.5;
			start = performance.now();
			mixer.mix(settings, scratch);
			times.remix.push(performance.now() - start);
		}
		start = performance.now();
		const reference = targetReference({ project, mixer, scratch });
		times.reference.push(performance.now() - start);
		start = performance.now();
		checkMix({ project, settings, mixer, scratch, reference });
		times.check.push(performance.now() - start);
	}
	return times;
}
