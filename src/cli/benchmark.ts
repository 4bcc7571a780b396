/**
 * `npm run benchmark`: speed and agreement numbers on this machine. Not a test; it prints a table.
 * 1. Synth: an 8 s stereo 44.1 kHz arrangement, cold and warm; then one drill question built from the
 *    cached arrangement (EQ on one of two versions, loudness matching, two WAV encodes).
 * 2. Loudness: our meter CLI against ffmpeg's ebur128 on a 3-minute stereo 48 kHz file, whole processes.
 * 3. EQ: the same peaking filter through our process CLI and through sox, on a 3-minute file.
 * 4. Chromium: from "Next" to a playable question.
 * 5. Chromium, with 50,000 answers over two years imported: /progress render, recording an answer,
 *    export.
 * 6. Chromium: analysing a 4-minute stereo track on the bench, and peak memory.
 * 7. Node: the true-peak limiter and the whole-track quick master on 4 minutes of music.
 * 8. Mix projects, in Node and a Chromium worker: stems, a re-mix after one change, the check, memory.
 * 9. The Mix Lab page in Chromium: a project opened cold and warm, a control change heard, a check,
 *    and the page's peak memory.
 */
import { chromium } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thirdOctaveSpectrum } from '../lib/dsp/analysis/spectrum';
import { measureLoudness } from '../lib/dsp/analysis/loudness';
import { truePeak } from '../lib/dsp/analysis/true-peak';
import { generateQuestion } from '../lib/drills/question-rng';
import { renderQuestion } from '../lib/drills/render-question';
import { loadBank, renderArrangement } from '../lib/dsp/synth/render';
import { styleIds } from '../lib/dsp/synth/styles';
import { decodeWav, encodeWav } from '../lib/dsp/wav';
import { bankPath, buildBank } from './build-bank';
import { startServer } from './serve';
import { benchmarkProgress } from './benchmark-progress';
import { benchmarkTrack } from './benchmark-track';
import { benchmarkMaster } from './benchmark-master';
import { benchmarkMix } from './benchmark-mix';
import { benchmarkMixPage } from './benchmark-mix-page';

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = async (fn: () => unknown) => {
	const start = performance.now();
	await fn();
	return performance.now() - start;
};
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const rows: [string, string, string][] = [];
const row = (what: string, result: string, target: string) => {
	rows.push([what, result, target]);
	console.error(`  ${what}: ${result}`);
};

const dir = mkdtempSync(join(tmpdir(), 'mftm-bench-'));

// 1. Synth render and one drill question.
buildBank();
const bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
const seconds = 8;
const sampleRate = 44100;
const cold = await time(() =>
	renderArrangement({ style: 'pop-rock', seed: 1, seconds, sampleRate, bank })
);
row('8 s arrangement, cold (first render, samples decoded)', ms(cold), '–');
// Every style's instruments decode their samples on first use: warm all of them before timing.
for (const style of styleIds)
	await renderArrangement({ style, seed: 0, seconds, sampleRate, bank });
const warm: number[] = [];
const perStyle = new Map<string, number[]>();
for (let i = 0; i < 16; i++) {
	const style = styleIds[i % styleIds.length];
	const t = await time(() =>
		renderArrangement({ style, seed: 100 + i, seconds, sampleRate, bank })
	);
	warm.push(t);
	perStyle.set(style, [...(perStyle.get(style) ?? []), t]);
}
row(
	'8 s arrangement, warm (median of 16: 4 seeds × 4 styles)',
	`${ms(median(warm))} (${((seconds * 1000) / median(warm)).toFixed(0)}× real time); ` +
		[...perStyle].map(([style, ts]) => `${style} ${ms(median(ts))}`).join(', '),
	'≤ 150 ms'
);
const clip = await renderArrangement({ style: 'pop-rock', seed: 7, seconds, sampleRate, bank });
// The worker measures a source once when it renders it; questions made from it reuse the numbers.
const source = {
	channels: [clip.left, clip.right],
	sampleRate,
	loudness: measureLoudness({ channels: [clip.left, clip.right], sampleRate }).integrated,
	truePeak: truePeak({ channels: [clip.left, clip.right], sampleRate }).dbtp
};
const question: number[] = [];
for (let i = 0; i < 20; i++) {
	const q = generateQuestion({
		kind: 'eq-boost',
		level: i % 8,
		seed: i,
		source: { kind: 'arrangement', style: 'pop-rock' }
	});
	question.push(
		await time(() => {
			const rendered = renderQuestion({ question: q, source });
			for (const v of rendered.versions)
				encodeWav({ channels: v.channels, sampleRate, format: 'pcm16' });
		})
	);
}
row(
	'drill question from the cached clip: 2 versions, EQ, loudness match, 2 WAVs (median of 20)',
	ms(median(question)),
	'≤ 30 ms'
);

// A 3-minute stereo 48 kHz file of real arrangement audio for the meter and EQ comparisons.
const long = await renderArrangement({
	style: 'hip-hop',
	seed: 3,
	seconds: 180,
	sampleRate: 48000,
	bank
});
const longPath = join(dir, 'long.wav');
writeFileSync(
	longPath,
	encodeWav({ channels: [long.left, long.right], sampleRate: 48000, format: 'pcm16' })
);

// 2. Loudness: our CLI against ffmpeg, as whole processes.
const oursRuns: number[] = [];
let ours: { I: number; LRA: number; TP: number } | undefined;
for (let i = 0; i < 5; i++) {
	oursRuns.push(
		await time(
			() =>
				(ours = JSON.parse(
					execFileSync('node', ['src/cli/run.mjs', 'meter', longPath], { encoding: 'utf8' })
				))
		)
	);
}
if (has('ffmpeg')) {
	const ffRuns: number[] = [];
	let summary = '';
	for (let i = 0; i < 5; i++) {
		ffRuns.push(
			await time(() => {
				summary = spawnSync(
					'ffmpeg',
					[
						'-nostdin',
						'-hide_banner',
						'-nostats',
						'-i',
						longPath,
						'-af',
						'ebur128=peak=true',
						'-f',
						'null',
						'-'
					],
					{ encoding: 'utf8' }
				).stderr.split('Summary:')[1];
			})
		);
	}
	const number = (label: RegExp) => Number(summary.match(label)![1]);
	const ff = {
		I: number(/I:\s+(-?[\d.]+) LUFS/),
		LRA: number(/LRA:\s+(-?[\d.]+) LU/),
		TP: number(/Peak:\s+(-?[\d.]+) dBFS/)
	};
	row(
		'meter, 3 min stereo 48 kHz: ours / ffmpeg ebur128 (median of 5, whole process)',
		`${ms(median(oursRuns))} / ${ms(median(ffRuns))} = ${(median(oursRuns) / median(ffRuns)).toFixed(2)}×`,
		'≤ 1.00×'
	);
	row(
		'meter readings: ours vs ffmpeg (ffmpeg prints 0.1 steps)',
		`I ${ours!.I.toFixed(2)} vs ${ff.I} (Δ ${Math.abs(ours!.I - ff.I).toFixed(2)} LU), LRA ${ours!.LRA.toFixed(2)} vs ${ff.LRA} (Δ ${Math.abs(ours!.LRA - ff.LRA).toFixed(2)}), TP ${ours!.TP.toFixed(2)} vs ${ff.TP} (Δ ${Math.abs(ours!.TP - ff.TP).toFixed(2)} dB)`,
		'Δ ≤ 0.1 LU / 1 LU / 0.3 dB'
	);
} else {
	row('meter vs ffmpeg', `skipped: ffmpeg is not installed (ours: ${ms(median(oursRuns))})`, '–');
}

// 3. The same peaking EQ through our process CLI and sox.
if (has('sox')) {
	const oursOut = join(dir, 'eq-ours.wav');
	const soxOut = join(dir, 'eq-sox.wav');
	const ourRuns: number[] = [];
	const soxRuns: number[] = [];
	for (let i = 0; i < 5; i++) {
		ourRuns.push(
			await time(() =>
				execFileSync('node', [
					'src/cli/run.mjs',
					'process',
					longPath,
					oursOut,
					'--peaking',
					'1000,6,1.41'
				])
			)
		);
		soxRuns.push(
			await time(() =>
				execFileSync('sox', [
					longPath,
					'-e',
					'floating-point',
					'-b',
					'32',
					soxOut,
					'equalizer',
					'1000',
					'1.41q',
					'6'
				])
			)
		);
	}
	const a = decodeWav(new Uint8Array(readFileSync(oursOut))).channels;
	const b = decodeWav(new Uint8Array(readFileSync(soxOut))).channels;
	let maxDiff = 0;
	for (let c = 0; c < 2; c++)
		for (let i = 0; i < a[c].length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[c][i] - b[c][i]));
	const bandsA = thirdOctaveSpectrum({ channels: a, sampleRate: 48000 });
	const bandsB = thirdOctaveSpectrum({ channels: b, sampleRate: 48000 });
	const bandDiff = Math.max(
		...bandsA.map((band, i) =>
			band.db === null || bandsB[i].db === null ? 0 : Math.abs(band.db - bandsB[i].db!)
		)
	);
	row(
		'peaking EQ 1 kHz +6 dB Q 1.41, 3 min: ours / sox (median of 5, whole process)',
		`${ms(median(ourRuns))} / ${ms(median(soxRuns))} = ${(median(ourRuns) / median(soxRuns)).toFixed(2)}×`,
		'–'
	);
	row(
		'peaking EQ: ours vs sox output',
		`largest third-octave band difference ${bandDiff.toFixed(4)} dB; largest sample difference ${(20 * Math.log10(maxDiff)).toFixed(1)} dBFS`,
		'–'
	);
} else {
	row('EQ vs sox', 'skipped: sox is not installed', '–');
}
rmSync(dir, { recursive: true, force: true });

// 4. In Chromium: from "Next" to a playable next question (prefetched in the worker), on build/.
if (existsSync('build/200.html')) {
	const server = await startServer({ port: 0 });
	const port = (server.address() as AddressInfo).port;
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--autoplay-policy=no-user-gesture-required'
		]
	});
	try {
		const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
		await page.goto(`http://localhost:${port}/train/eq-boost`);
		await page.getByRole('button', { name: 'Play' }).click({ timeout: 60_000 });
		const inPage: number[] = [];
		const outside: number[] = [];
		for (let i = 0; i < 9; i++) {
			await page.getByRole('radio').first().check();
			await page.getByRole('button', { name: 'Check answer' }).click();
			// Give the worker the time a learner spends reading the reveal.
			await page.waitForTimeout(1500);
			const start = performance.now();
			await page.getByRole('button', { name: 'Next' }).click();
			await page
				.getByRole('button', { name: /^(Play|Pause)$/ })
				.and(page.locator(':enabled'))
				.waitFor();
			outside.push(performance.now() - start);
			inPage.push(Number(await page.locator('[data-switch-ms]').getAttribute('data-switch-ms')));
		}
		row(
			'Chromium: "Next" → next question playable (median / max of 9; in page, and as Playwright sees it)',
			`${ms(median(inPage))} / ${ms(Math.max(...inPage))}; ${ms(median(outside))} / ${ms(Math.max(...outside))}`,
			'≤ 150 ms'
		);
	} finally {
		await browser.close();
		server.close();
	}
} else {
	row('Chromium: next question playable', 'skipped: no build/ (run npm run build)', '≤ 150 ms');
}

// 5. Progress with a heavy history (benchmark-progress.ts).
if (existsSync('build/200.html')) await benchmarkProgress(row);
else row('Chromium: progress with 50,000 answers', 'skipped: no build/ (run npm run build)', '–');

// 6. The bench: analysing a 4-minute track (benchmark-track.ts).
if (existsSync('build/200.html')) await benchmarkTrack(row);
else
	row('Chromium: 4-minute track analysis', 'skipped: no build/ (run npm run build)', '≤ 1500 ms');

// 7. The quick master in Node (benchmark-master.ts).
await benchmarkMaster(row);
await benchmarkMix(row);

// 9. The Mix Lab page (benchmark-mix-page.ts).
if (existsSync('build/200.html')) await benchmarkMixPage(row);
else row('Chromium: the Mix Lab page', 'skipped: no build/ (run npm run build)', '≤ 2500 ms');

const widths = [0, 1, 2].map((i) =>
	Math.max(...rows.map((r) => r[i].length), ['what', 'result', 'target'][i].length)
);
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(['what', 'result', 'target']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
