/**
 * `npm run screenshots`: serves `build/` and saves a screenshot of every route at phone size
 * (360×740) in both themes, plus desktop, into .tmp/screens/ for a person to look at; drills from
 * question to results; Today and Progress with a synthetic year of practice. `npm run screenshots --
 * progress` (or routes, drills) takes one part only.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { serializeBackup } from '../lib/db/backup';
import { startServer } from './serve';
import { syntheticBackup } from './synthetic-history';

const routes = [
	'/',
	'/learn',
	'/learn/no-magic-in-mastering',
	'/train',
	'/progress',
	'/settings',
	'/bench'
];
const out = '.tmp/screens';
const only = process.argv[2];
const part = (name: string) => !only || only === name;
mkdirSync(out, { recursive: true });

const server = await startServer({ port: 0 });
const base = `http://localhost:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
try {
	const sizes = [
		{ name: 'phone', viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true },
		{
			name: 'desktop',
			viewport: { width: 1280, height: 800 },
			deviceScaleFactor: 1,
			isMobile: false
		}
	];
	for (const size of part('routes') ? sizes : []) {
		for (const colorScheme of ['dark', 'light'] as const) {
			const context = await browser.newContext({ ...size, colorScheme, serviceWorkers: 'block' });
			const page = await context.newPage();
			for (const route of routes) {
				await page.goto(base + route, { waitUntil: 'networkidle' });
				const file = `${out}/${size.name}-${colorScheme}-${route.replace(/\//g, '_') || '_'}.png`;
				await page.screenshot({ path: file, fullPage: true });
				console.log(file);
			}
			await context.close();
		}
	}
	// A drill at phone size: the question, the reveal and the results.
	for (const colorScheme of part('drills') ? (['dark', 'light'] as const) : []) {
		const context = await browser.newContext({
			viewport: { width: 360, height: 740 },
			deviceScaleFactor: 2,
			isMobile: true,
			colorScheme,
			serviceWorkers: 'block'
		});
		const page = await context.newPage();
		for (const kind of ['eq-boost', 'eq-match', 'limiter', 'mono', 'translation']) {
			await page.goto(`${base}/train/${kind}`);
			await page.getByRole('button', { name: 'Play' }).waitFor();
			await page.getByRole('button', { name: 'Play' }).and(page.locator(':enabled')).waitFor();
			const shot = async (name: string) => {
				const file = `${out}/drill-${colorScheme}-${kind}-${name}.png`;
				await page.screenshot({ path: file, fullPage: true });
				console.log(file);
			};
			await shot('question');
			for (let i = 0; i < 10; i++) {
				if (kind === 'eq-match') await page.getByRole('button', { name: 'Check answer' }).click();
				else {
					// Wait for the question to be answerable (the fieldset enables with it).
					await page.getByRole('radio').first().and(page.locator(':enabled')).waitFor();
					const radios = page.getByRole('radio');
					await radios.nth(i % (await radios.count())).check();
					await page.getByRole('button', { name: 'Check answer' }).click();
				}
				await page.getByRole('heading', { name: 'What was done' }).waitFor();
				if (i === 0) await shot('reveal');
				await page.getByRole('button', { name: i === 9 ? 'See results' : 'Next' }).click();
			}
			await page.getByRole('heading', { name: 'Results' }).waitFor();
			await shot('results');
		}
		await context.close();
	}
	// Today and Progress after a year of practice (a few missed days, some saved by freezes).
	const history = `${out}/history.json`;
	const today = new Date().toISOString().slice(0, 10);
	writeFileSync(
		history,
		serializeBackup(syntheticBackup({ attempts: 6000, days: 300, today, seed: 3, skipRate: 0.1 }))
	);
	for (const colorScheme of part('progress') ? (['dark', 'light'] as const) : []) {
		const context = await browser.newContext({
			viewport: { width: 360, height: 740 },
			deviceScaleFactor: 2,
			isMobile: true,
			colorScheme,
			serviceWorkers: 'block'
		});
		const page = await context.newPage();
		await page.goto(`${base}/settings`);
		await page.locator('input[type=file]').setInputFiles(history);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByTestId('data-status').waitFor();
		for (const route of ['/', '/progress']) {
			await page.goto(base + route, { waitUntil: 'networkidle' });
			const file = `${out}/history-${colorScheme}-${route.replace(/\//g, '_')}.png`;
			await page.screenshot({ path: file, fullPage: true });
			console.log(file);
		}
		await context.close();
	}
} finally {
	await browser.close();
	server.close();
}
