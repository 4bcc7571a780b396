/**
 * The bench benchmark: open a 4-minute stereo 44.1 kHz WAV of the app's music on /bench in Chromium
 * and time the analysis (in its worker, as the page reports it, and from choosing the file to the
 * meters on screen), with Chromium's peak memory (the summed RSS of its processes, sampled every
 * 50 ms, minus what they used before the file was opened). Run alone with `npx tsx
 * src/cli/benchmark-track.ts` after `npm run build`, or as part of `npm run benchmark`.
 */
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank, renderArrangement } from '../lib/dsp/synth/render';
import { encodeWav } from '../lib/dsp/wav';
import { bankPath, buildBank } from './build-bank';
import { startServer } from './serve';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Summed resident memory of every Chromium process, bytes; with `renderers`, of its renderer
 * processes only (where a page and its workers run: the browser, GPU and network processes left out).
 */
export function chromiumRss({ renderers = false }: { renderers?: boolean } = {}): number {
	try {
		const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss=,args='], { encoding: 'utf8' });
		return (
			out
				.split('\n')
				.filter((line) => !renderers || line.includes('--type=renderer'))
				.map((line) => Number(line.trim().split(/\s+/)[0]) || 0)
				.reduce((a, b) => a + b, 0) * 1024
		);
	} catch {
		return 0;
	}
}

/** Four minutes of the app's music: 30 different 8 s arrangements back to back. */
async function fourMinutes(): Promise<Uint8Array> {
	buildBank();
	const bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
	const sampleRate = 44100;
	const clipFrames = 8 * sampleRate;
	const left = new Float32Array(30 * clipFrames);
	const right = new Float32Array(30 * clipFrames);
	const styles = ['pop-rock', 'electronic', 'hip-hop', 'ballad'] as const;
	for (let i = 0; i < 30; i++) {
		const clip = await renderArrangement({
			style: styles[i % 4],
			seed: i + 1,
			seconds: 8,
			sampleRate,
			bank
		});
		left.set(clip.left.subarray(0, clipFrames), i * clipFrames);
		right.set(clip.right.subarray(0, clipFrames), i * clipFrames);
	}
	return encodeWav({ channels: [left, right], sampleRate, format: 'pcm16' });
}

/** Runs the measurement, reporting through `row(what, result, target)`. */
export async function benchmarkTrack(row: (what: string, result: string, target: string) => void) {
	const dir = mkdtempSync(join(tmpdir(), 'mftm-track-'));
	const file = join(dir, 'four-minutes.wav');
	writeFileSync(file, await fourMinutes());
	const server = await startServer({ port: 0 });
	const base = `http://localhost:${(server.address() as AddressInfo).port}`;
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const inWorker: number[] = [];
		const onScreen: number[] = [];
		const peaks: number[] = [];
		for (let run = 0; run < 3; run++) {
			const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
			await page.goto(`${base}/bench`);
			await page.waitForLoadState('networkidle');
			const baseline = chromiumRss();
			let peak = baseline;
			const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 50);
			const start = performance.now();
			await page.getByTestId('track-input').setInputFiles(file);
			await page.getByTestId('meters').waitFor({ timeout: 120_000 });
			onScreen.push(performance.now() - start);
			clearInterval(sampler);
			peaks.push(peak - baseline);
			const text = await page.getByTestId('meters').textContent();
			inWorker.push(Number(text?.match(/measured in (\d+) ms/)?.[1]));
			await page.close();
		}
		const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
		row(
			'Chromium: analyse a 4-minute stereo 44.1 kHz WAV (median of 3; in the worker / choose file → meters on screen)',
			`${median(inWorker)} ms / ${median(onScreen).toFixed(0)} ms`,
			'≤ 1500 ms'
		);
		row(
			'Chromium: peak memory while opening and analysing it (Chromium RSS above the page at rest, median of 3)',
			mb(median(peaks)),
			'–'
		);
	} finally {
		await browser.close();
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await benchmarkTrack((what, result, target) =>
		console.log(`${what}: ${result} (target ${target})`)
	);
}
