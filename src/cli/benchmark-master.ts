/**
 * The quick-master benchmark, in Node: one limiter pass and the whole-track quick master (settings
 * found on a stand-in, then at most two passes) on 4 minutes of stereo 44.1 kHz music (the app's
 * 8 s pop-rock clip looped, each loop at its own level). Run alone with `npx tsx
 * src/cli/benchmark-master.ts`, or as part of `npm run benchmark`.
 */
import { fileURLToPath } from 'node:url';
import { masterTrack } from '../lib/bench/master-track';
import { limit } from '../lib/dsp/process/limiter';
import { loopWithLevels, testClip } from './test-music';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchmarkMaster(row: (what: string, result: string, target: string) => void) {
	const sampleRate = 44100;
	const { channels } = loopWithLevels({ ...(await testClip(sampleRate)), seconds: 240 });
	const limiterMs: number[] = [];
	const masterMs: number[] = [];
	let lufs = 0;
	for (let run = 0; run < 3; run++) {
		let start = performance.now();
		limit({ channels, sampleRate, driveDb: 10, ceilingDbtp: -1 });
		limiterMs.push(performance.now() - start);
		start = performance.now();
		lufs = masterTrack({ channels, sampleRate }).after.lufs ?? NaN;
		masterMs.push(performance.now() - start);
	}
	row(
		'Node: true-peak limiter, one pass over 4 min stereo 44.1 kHz, 10 dB into −1 dBTP (median of 3)',
		`${median(limiterMs).toFixed(0)} ms`,
		'–'
	);
	row(
		`Node: whole-track quick master of the same 4 min to −14 LUFS (median of 3; reads ${lufs.toFixed(1)} LUFS)`,
		`${median(masterMs).toFixed(0)} ms`,
		'–'
	);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await benchmarkMaster((what, result, target) =>
		console.log(`${what}: ${result} (target ${target})`)
	);
}
