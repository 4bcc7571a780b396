/**
 * The progress benchmark (issue: 50,000 answers over two years): imports a synthetic history through
 * Settings, then times /progress, recording an answer and export in Chromium on build/. Run alone
 * with `npx tsx src/cli/benchmark-progress.ts` after `npm run build`, or as part of `npm run benchmark`.
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeBackup } from '../lib/db/backup';
import { startServer } from './serve';
import { syntheticBackup } from './synthetic-history';

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Runs the progress measurements, reporting each through `row(what, result, target)`. */
export async function benchmarkProgress(
	row: (what: string, result: string, target: string) => void
) {
	const server = await startServer({ port: 0 });
	const port = (server.address() as AddressInfo).port;
	const base = `http://localhost:${port}`;
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const historyDir = mkdtempSync(join(tmpdir(), 'mftm-history-'));
	try {
		const today = new Date().toISOString().slice(0, 10);
		const backup = syntheticBackup({ attempts: 50_000, days: 730, today });
		const file = join(historyDir, 'history.json');
		writeFileSync(file, serializeBackup(backup));
		const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
		const measures = (name: string) =>
			page.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), name);
		await page.goto(`${base}/settings`);
		await page.locator('input[type=file]').setInputFiles(file);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByTestId('data-status').waitFor({ timeout: 120_000 });
		const [importMs] = await measures('mftm:import');
		row(
			`import a ${(readFileSync(file).length / 1e6).toFixed(1)} MB backup (50,000 answers, 730 days)`,
			ms(importMs),
			'–'
		);

		const fullLoad: number[] = [];
		for (let i = 0; i < 5; i++) {
			await page.goto(`${base}/progress`);
			await page.getByTestId('progress-ready').waitFor();
			await page.waitForFunction(() => performance.getEntriesByName('mftm:progress-ready').length);
			fullLoad.push(
				await page.evaluate(() => performance.getEntriesByName('mftm:progress-ready')[0].startTime)
			);
		}
		const inApp: number[] = [];
		for (let i = 0; i < 5; i++) {
			await page.goto(`${base}/`);
			await page.getByTestId('streak').waitFor();
			await page.evaluate(() => {
				performance.clearMarks('mftm:progress-ready');
				(window as unknown as { t0: number }).t0 = performance.now();
			});
			await page.getByRole('link', { name: 'Progress' }).first().click();
			await page.waitForFunction(() => performance.getEntriesByName('mftm:progress-ready').length);
			inApp.push(
				await page.evaluate(
					() =>
						performance.getEntriesByName('mftm:progress-ready')[0].startTime -
						(window as unknown as { t0: number }).t0
				)
			);
		}
		row(
			'Chromium: /progress rendered with 50,000 answers (median of 5; full page load / from the tab bar)',
			`${ms(median(fullLoad))} / ${ms(median(inApp))}`,
			'≤ 300 ms'
		);

		await page.goto(`${base}/train/level`);
		for (let i = 0; i < 10; i++) {
			await page.getByRole('radio').first().waitFor({ state: 'visible', timeout: 60_000 });
			await page.getByRole('radio').first().check();
			await page.getByRole('button', { name: 'Check answer' }).click();
			await page.getByRole('button', { name: i === 9 ? 'See results' : 'Next' }).click();
		}
		const records = await measures('mftm:record-attempt');
		// The write alone: the repository function bundled into the page, 50 answers in a row.
		const bundle = await build({
			entryPoints: ['src/cli/benchmark-record-entry.ts'],
			bundle: true,
			format: 'iife',
			write: false,
			logLevel: 'silent'
		});
		await page.addScriptTag({ content: bundle.outputFiles[0].text });
		const alone = (await page.evaluate('globalThis.benchRecords(50)')) as number[];
		row(
			'Chromium: recordAttempt alone, 50,000 stored (median / max of 50)',
			`${median(alone).toFixed(1)} ms / ${Math.max(...alone).toFixed(1)} ms`,
			'≤ 5 ms'
		);
		row(
			`Chromium: record an answer in a drill, 50,000 stored (median / max of ${records.length}; includes the page's other work)`,
			`${median(records).toFixed(1)} ms / ${Math.max(...records).toFixed(1)} ms`,
			'–'
		);

		await page.goto(`${base}/settings`);
		const exports: number[] = [];
		for (let i = 0; i < 3; i++) {
			const download = page.waitForEvent('download');
			await page.getByRole('button', { name: 'Export a backup' }).click();
			await download;
			await page.waitForFunction((n) => performance.getEntriesByName('mftm:export').length > n, i);
		}
		exports.push(...(await measures('mftm:export')));
		row('Chromium: export everything to JSON (median of 3)', ms(median(exports)), '≤ 1000 ms');
	} finally {
		await browser.close();
		server.close();
		rmSync(historyDir, { recursive: true, force: true });
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await benchmarkProgress((what, result, target) =>
		console.log(`${what}: ${result} (target ${target})`)
	);
}
