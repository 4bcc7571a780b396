/**
 * `npm run size`: builds nothing, serves `build/`, loads `/` in Chromium and reports the first-load JS
 * and CSS (gzip) against the budget. Exits 1 when over budget.
 */
import { chromium } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { startServer } from './serve';
import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad, totals } from './first-load';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const server = await startServer({ port: 0 });
const { port } = server.address() as AddressInfo;
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
try {
	const page = await browser.newPage();
	const assets = await measureFirstLoad(page, `http://localhost:${port}/`);
	const sum = totals(assets);
	console.log('First load of / (gzip)');
	for (const a of assets)
		console.log(`  ${a.kind.padEnd(3)} ${kib(a.gzipBytes).padStart(9)}  ${a.path}`);
	console.log(`  JS  ${kib(sum.js)}, CSS ${kib(sum.css)}, total ${kib(sum.all)}`);
	console.log(
		`  budget ${kib(FIRST_LOAD_BUDGET_BYTES)}: ${sum.all <= FIRST_LOAD_BUDGET_BYTES ? 'within' : 'OVER'}`
	);
	process.exitCode = sum.all <= FIRST_LOAD_BUDGET_BYTES ? 0 : 1;
} finally {
	await browser.close();
	server.close();
}
