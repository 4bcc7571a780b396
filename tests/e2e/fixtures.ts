/**
 * Shared e2e fixtures. Every test automatically fails if the page (or its service worker) requests
 * another origin, or logs an uncaught error.
 */
import { test as base, expect, type Page } from '@playwright/test';

/** Every route of the app, with the heading each must show. */
export const routes = [
	{ path: '/', heading: 'Today' },
	{ path: '/learn', heading: 'Learn' },
	{ path: '/learn/no-magic-in-mastering', heading: 'There is no magic in mastering' },
	{ path: '/train', heading: 'Train' },
	{ path: '/progress', heading: 'Progress' },
	{ path: '/settings', heading: 'Settings' },
	{ path: '/bench', heading: 'Bench' },
	{ path: '/train/eq-boost', heading: 'Spot the boost' },
	{ path: '/train/eq-match', heading: 'Match the EQ' },
	{ path: '/train/daily', heading: 'Daily mix' }
] as const;

export const test = base.extend<{ ownOrigins: Set<string>; guard: void }>({
	/** Origins the app is served from in this test; tests that start their own server add theirs. */
	ownOrigins: async ({ baseURL }, use) => {
		await use(new Set([new URL(baseURL!).origin]));
	},
	guard: [
		async ({ context, page, ownOrigins }, use) => {
			const foreign: string[] = [];
			context.on('request', (request) => {
				const url = request.url();
				if (/^(data|blob|about|chrome-extension):/.test(url)) return;
				if (!ownOrigins.has(new URL(url).origin)) foreign.push(url);
			});
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			await use();
			expect(foreign, 'requests to other origins').toEqual([]);
			expect(errors, 'uncaught page errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/** Waits until a service worker controls the page (the first visit is claimed without a reload). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
}
