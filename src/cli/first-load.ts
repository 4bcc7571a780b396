/**
 * Measures the JS and CSS a first visit to a page downloads, gzip-compressed as a server would send
 * them. Shared by `npm run size` and the e2e size budget test.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

export interface LoadedAsset {
	path: string;
	kind: 'js' | 'css';
	bytes: number;
	gzipBytes: number;
}

/**
 * Budget for the first-load JS + CSS of `/`, gzip. The build measures about 49 KiB on our machines:
 * keep at least 5 KiB under it, so a build elsewhere (another lockfile resolution, another
 * bundler patch) stays within.
 */
export const FIRST_LOAD_BUDGET_BYTES = 60 * 1024;

/** Loads `url` in a fresh page and returns every same-origin script and stylesheet it fetched. */
export async function measureFirstLoad(page: Page, url: string): Promise<LoadedAsset[]> {
	const origin = new URL(url).origin;
	const pending: Promise<LoadedAsset | null>[] = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		const responseUrl = new URL(response.url());
		if (responseUrl.origin !== origin || (type !== 'script' && type !== 'stylesheet')) return;
		pending.push(
			response
				.body()
				.then((body) => ({
					path: responseUrl.pathname,
					kind: type === 'script' ? ('js' as const) : ('css' as const),
					bytes: body.length,
					gzipBytes: gzipSync(body).length
				}))
				.catch(() => null)
		);
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	const assets = (await Promise.all(pending)).filter((a): a is LoadedAsset => a !== null);
	// Stylesheets SvelteKit inlined into the HTML (inlineStyleThreshold) count too.
	const inline = Buffer.from(
		await page.evaluate(() =>
			[...document.querySelectorAll('style')].map((style) => style.textContent).join('')
		)
	);
	if (inline.length) {
		assets.push({
			path: '(styles inlined in the HTML)',
			kind: 'css',
			bytes: inline.length,
			gzipBytes: gzipSync(inline).length
		});
	}
	const unique = new Map(assets.map((a) => [a.path, a]));
	return [...unique.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** Sums assets by kind. */
export function totals(assets: LoadedAsset[]) {
	const sum = (kind?: 'js' | 'css') =>
		assets.filter((a) => !kind || a.kind === kind).reduce((n, a) => n + a.gzipBytes, 0);
	return { js: sum('js'), css: sum('css'), all: sum() };
}
