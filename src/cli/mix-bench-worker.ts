/**
 * The mix benchmark's Worker (bundled by esbuild in benchmark-mix.ts, not part of the app): renders
 * projects, re-mixes after one control change and runs the check in a Chromium worker, the way the
 * Mix Lab will, and posts the timings back.
 */
import { loadBank } from '../lib/dsp/synth/render';
import { runMixBenchmark } from './mix-bench-run';

self.onmessage = async (
	event: MessageEvent<{ bank: ArrayBuffer; runs: number; warm: boolean }>
) => {
	const bank = loadBank(event.data.bank);
	self.postMessage(await runMixBenchmark({ bank, runs: event.data.runs, warm: event.data.warm }));
};
