/**
 * The mix project benchmark, in Node and in a Chromium Worker (the pure code bundled with esbuild,
 * as the Mix Lab's worker will run it): render a project's stems (20 s), re-mix after one control
 * change, the check, and the peak memory of one project. Run alone with `npx tsx
 * src/cli/benchmark-mix.ts`, or as part of `npm run benchmark`.
 */
import { chromium } from '@playwright/test';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadBank } from '../lib/dsp/synth/render';
import { bankPath, buildBank } from './build-bank';
import { runMixBenchmark, type MixTimings } from './mix-bench-run';
import { chromiumRss } from './benchmark-track';
import { startServer } from './serve';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const RUNS = 8;

function report(
	row: (what: string, result: string, target: string) => void,
	where: string,
	times: MixTimings,
	peakBytes: number
) {
	row(
		`${where}: render a project's stems (20 s, level 3, median of ${RUNS})`,
		ms(median(times.render)),
		'≤ 1500 ms'
	);
	row(
		`${where}: re-mix after one control change (20 s, all stems, median of ${times.remix.length})`,
		ms(median(times.remix)),
		'≤ 60 ms'
	);
	row(
		`${where}: full check (mix, quick master, every measure; median of ${RUNS})`,
		ms(median(times.check)),
		'≤ 1000 ms'
	);
	row(
		`${where}: the target's reference, once per project (median of ${RUNS})`,
		ms(median(times.reference)),
		'–'
	);
	if (Number.isFinite(peakBytes))
		row(
			`${where}: peak memory of one project (renderer RSS above a worker ready for projects)`,
			mb(peakBytes),
			'≤ 120 MB'
		);
}

export async function benchmarkMix(row: (what: string, result: string, target: string) => void) {
	buildBank();
	const bytes = readFileSync(bankPath);
	const bankBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

	// Node: timings only (a synchronous render leaves a sampler no turn to run; Chromium's RSS below
	// is sampled from outside).
	const node = await runMixBenchmark({ bank: loadBank(bankBuffer.slice(0)), runs: RUNS });
	report(row, 'Node', node, NaN);

	// Chromium: the same code in a module Worker on a page of its own.
	const dir = mkdtempSync(join(tmpdir(), 'mftm-mix-bench-'));
	await build({
		entryPoints: [fileURLToPath(new URL('./mix-bench-worker.ts', import.meta.url))],
		outfile: join(dir, 'worker.js'),
		bundle: true,
		format: 'esm',
		platform: 'browser',
		logLevel: 'error'
	});
	copyFileSync(bankPath, join(dir, 'bank.sf3'));
	writeFileSync(join(dir, '200.html'), '<!doctype html><title>mix benchmark</title>');
	writeFileSync(join(dir, 'index.html'), '<!doctype html><title>mix benchmark</title>');
	const server = await startServer({ dir, port: 0 });
	const base = `http://localhost:${(server.address() as AddressInfo).port}`;
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const page = await browser.newPage();
		await page.goto(`${base}/index.html`);
		const run = (runs: number, warm: boolean) =>
			page.evaluate(
				async ({ runs, warm }) => {
					const bank = await (await fetch('/bank.sf3')).arrayBuffer();
					const worker = new Worker('/worker.js', { type: 'module' });
					return new Promise<MixTimings>((resolve, reject) => {
						worker.onmessage = (event) => {
							resolve(event.data);
							worker.terminate();
						};
						worker.onerror = (event) => reject(new Error(event.message));
						worker.postMessage({ bank, runs, warm }, [bank]);
					});
				},
				{ runs, warm }
			);
		const times = await run(RUNS, true);
		// Memory: the RSS of Chromium's renderer (the page's process, where its workers run) sampled
		// every 20 ms above the page at rest, for a fresh worker that
		// loads the bank and renders 2 s of every style (decoding the samples the styles use: what
		// the Mix Lab's worker holds before any project), then for one that does that and one project
		// (render, re-mixes, reference, check): the difference is the project's. Medians of 5.
		const peakOf = async (runs: number) => {
			const rss = () => chromiumRss({ renderers: true });
			const baseline = rss();
			let peak = baseline;
			const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
			await run(runs, true);
			clearInterval(sampler);
			return peak - baseline;
		};
		const ready: number[] = [];
		const withProject: number[] = [];
		for (let k = 0; k < 5; k++) {
			ready.push(await peakOf(0));
			withProject.push(await peakOf(1));
		}
		report(row, 'Chromium worker', times, median(withProject) - median(ready));
		row(
			'Chromium worker: peak memory of the worker ready for projects (bank, its decoded samples), for reference',
			mb(median(ready)),
			'–'
		);
		row(
			'Chromium worker: peak memory of the worker with one project (all of it: bank, samples, project)',
			mb(median(withProject)),
			'–'
		);
	} finally {
		await browser.close();
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await benchmarkMix((what, result, target) =>
		console.log(`${what}: ${result} (target ${target})`)
	);
}
