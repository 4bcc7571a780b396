/**
 * `npm run lighthouse`: Lighthouse (mobile: a throttled phone) on build/ pages, served as users get
 * them, in Debian's Chromium. Prints performance, accessibility, best practices and SEO per page
 * and exits 1 if any is below 95. Pages default to a lesson; pass paths to choose others.
 */
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import type { AddressInfo } from 'node:net';
import { startServer } from './serve';

const MIN_SCORE = 95;
const pages = process.argv.slice(2).length
	? process.argv.slice(2)
	: ['/learn/no-magic-in-mastering'];
const port = 9333;
const server = await startServer({ port: 0 });
const base = `http://localhost:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', `--remote-debugging-port=${port}`]
});
let failed = false;
try {
	for (const path of pages) {
		const result = await lighthouse(`${base}${path}`, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']
		});
		if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
		const { categories, audits } = result.lhr;
		const scores = Object.values(categories).map(
			(c) => [c.title, Math.round((c.score ?? 0) * 100)] as const
		);
		console.log(`${path}`);
		for (const [title, score] of scores) {
			console.log(
				`  ${title.padEnd(16)} ${String(score).padStart(3)}${score < MIN_SCORE ? '  (below 95)' : ''}`
			);
			if (score < MIN_SCORE) failed = true;
		}
		for (const id of [
			'first-contentful-paint',
			'largest-contentful-paint',
			'total-blocking-time',
			'cumulative-layout-shift'
		]) {
			console.log(`  ${audits[id].title}: ${audits[id].displayValue}`);
		}
		for (const category of Object.values(categories)) {
			for (const ref of category.auditRefs) {
				const audit = audits[ref.id];
				if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) {
					console.log(
						`  needs work (${category.title}): ${audit.title} ${audit.displayValue ?? ''}`
					);
				}
			}
		}
	}
} finally {
	await browser.close();
	server.close();
}
process.exitCode = failed ? 1 : 0;
