/**
 * Times the bench's `analyzeTrack` in Node on a 4-minute stereo 44.1 kHz track (the target in
 * Chromium's worker is 1.5 s; Node's V8 runs the same code at about the same speed). Not a test: it
 * prints one line per signal.
 *
 *   npx tsx src/cli/benchmark-analysis.ts [--source noise|music|both] [--seconds 240] [--runs 3]
 *
 * - noise: seeded pink noise at −20 dBFS RMS with a decaying low thump and a noise burst every
 *   0.5 s (transients for the true-peak scan, which skips quiet stretches);
 * - music: the app's own arrangement (pop-rock, seed 3) from `static/soundfont/mftm-gm.sf3`, pushed
 *   10 dB into the app's true-peak limiter at −1 dBTP like a loud master (needs the bank; skipped
 *   with a note if it has not been built).
 *
 * Each line gives the median wall time of `runs` runs, the median CPU time of the process over the
 * same runs (closer to the real cost when other processes share the machine), the median time of each
 * stage (from the progress callback), and memory: the largest `process.memoryUsage().rss` seen after
 * a run and the process's peak resident set (`process.resourceUsage().maxRSS`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeTrack } from '../lib/dsp/analysis/track-analysis';
import { applyChain } from '../lib/dsp/process/chain';
import { renderNoise } from '../lib/dsp/synth/noise';
import { loadBank, renderArrangement } from '../lib/dsp/synth/render';
import { runCli, UsageError } from './cli-kit';

const root = join(fileURLToPath(import.meta.url), '../../..');
const bankPath = join(root, 'static', 'soundfont', 'mftm-gm.sf3');
const sampleRate = 44100;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function parseArgs(args: string[]) {
	const options = { source: 'both', seconds: 240, runs: 3 };
	for (let i = 0; i < args.length; i += 2) {
		const [flag, value] = [args[i], args[i + 1]];
		if (value === undefined) throw new UsageError(`${flag} needs a value`);
		if (flag === '--source' && ['noise', 'music', 'both'].includes(value)) options.source = value;
		else if (flag === '--seconds' && Number(value) > 0) options.seconds = Number(value);
		else if (flag === '--runs' && Number.isInteger(Number(value)) && Number(value) > 0)
			options.runs = Number(value);
		else throw new UsageError(`unknown option or value: ${flag} ${value}`);
	}
	return options;
}

/** Pink noise with a 60 Hz thump and a short noise burst every half second. */
function noiseWithTransients(seconds: number): Float32Array[] {
	const { left, right } = renderNoise({
		color: 'pink',
		seed: 7,
		seconds,
		sampleRate,
		rmsDbfs: -20
	});
	const period = Math.round(sampleRate / 2);
	const length = Math.round(0.08 * sampleRate);
	let state = 12345;
	for (let start = 0; start + length <= left.length; start += period) {
		for (let i = 0; i < length; i++) {
			state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
			const envelope = Math.exp(-i / (0.015 * sampleRate));
			const thump = 0.5 * Math.sin((2 * Math.PI * 60 * i) / sampleRate);
			const click = 0.3 * (state / 2 ** 32 - 0.5) * Math.exp(-i / (0.002 * sampleRate));
			left[start + i] += envelope * thump + click;
			right[start + i] += envelope * thump - click;
		}
	}
	return [left, right];
}

async function loudMusic(seconds: number): Promise<Float32Array[] | null> {
	if (!existsSync(bankPath)) return null;
	const bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
	const clip = await renderArrangement({ style: 'pop-rock', seed: 3, seconds, sampleRate, bank });
	return applyChain({
		channels: [clip.left, clip.right],
		sampleRate,
		chain: [
			{ type: 'gain', gainDb: 10 },
			{ type: 'limit', ceilingDbtp: -1, releaseMs: 50 }
		]
	}).channels;
}

function bench(label: string, channels: Float32Array[], runs: number): void {
	const wall: number[] = [];
	const cpu: number[] = [];
	const stages: number[][] = [];
	let rss = 0;
	let summary = '';
	for (let run = 0; run < runs; run++) {
		const marks: number[] = [];
		const cpuStart = process.cpuUsage();
		const start = performance.now();
		const analysis = analyzeTrack(
			{ channels, sampleRate },
			{ onProgress: () => marks.push(performance.now()) }
		);
		const end = performance.now();
		const used = process.cpuUsage(cpuStart);
		wall.push(end - start);
		cpu.push((used.user + used.system) / 1000);
		stages.push(marks.map((t, i) => t - (i === 0 ? start : marks[i - 1])));
		rss = Math.max(rss, process.memoryUsage().rss);
		const f = (x: number | null) => (x === null ? '–' : x.toFixed(1));
		summary =
			`I ${f(analysis.integratedLufs)} LUFS, TP ${f(analysis.truePeakDbtp)} dBTP, ` +
			`LRA ${f(analysis.lraLu)} LU, r ${analysis.correlation?.toFixed(2) ?? '–'}`;
	}
	const names = ['loudness', 'true+sample peak', 'spectrum', 'correlation'];
	const perStage = names
		.map((name, i) => `${name} ${median(stages.map((s) => s[i])).toFixed(0)}`)
		.join(', ');
	const seconds = channels[0].length / sampleRate;
	console.log(
		`${label} (${seconds} s, ${channels.length} ch, ${sampleRate} Hz; ${summary}): ` +
			`median of ${runs} ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU ` +
			`[${perStage} ms]; rss ${(rss / 2 ** 20).toFixed(0)} MiB, ` +
			`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`
	);
}

await runCli('benchmark-analysis', async () => {
	const { source, seconds, runs } = parseArgs(process.argv.slice(2));
	if (source !== 'music') bench('pink noise + transients', noiseWithTransients(seconds), runs);
	if (source !== 'noise') {
		const music = await loudMusic(seconds);
		if (music) bench('app music, limited to −1 dBTP', music, runs);
		else console.log(`app music: skipped, ${bankPath} is missing (npm run bank builds it)`);
	}
});
