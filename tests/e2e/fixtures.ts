/**
 * Shared e2e fixtures. Every test automatically fails if the page (or its service worker) requests
 * another origin, logs an uncaught error, or breaks the Content-Security-Policy (a
 * `securitypolicyviolation` event in any of its documents, or Chromium's "Refused to …" report in
 * the console of the page or one of its workers).
 */
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';

/** Runs in every document: reports each CSP violation to the test (see the guard). */
export function CSP_LISTENER() {
	document.addEventListener('securitypolicyviolation', (event) => {
		const report = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`;
		(window as unknown as { __cspViolation?: (r: string) => void }).__cspViolation?.(report);
	});
}

export { routes } from '../routes';

export const test = base.extend<{ ownOrigins: Set<string>; guard: void }>({
	/** Origins the app is served from in this test; tests that start their own server add theirs. */
	ownOrigins: async ({ baseURL }, use) => {
		await use(new Set([new URL(baseURL!).origin]));
	},
	guard: [
		async ({ context, page, ownOrigins }, use) => {
			const csp: string[] = [];
			await context.exposeBinding('__cspViolation', (_, report: string) => {
				csp.push(report);
			});
			await context.addInitScript(CSP_LISTENER);
			const onConsole = (message: ConsoleMessage) => {
				if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
			};
			page.on('console', onConsole);
			page.on('worker', (worker) => worker.on('console', onConsole));
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
			expect(csp, 'Content-Security-Policy violations').toEqual([]);
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

/**
 * Controls in the page that a fixed or sticky layer (a toast, a banner) overlaps, as readable names.
 * The app's own bars (the top bar and the tab bar) are left out: the page scrolls clear of them. A
 * layer counts even when it lets taps through: the learner cannot see what is under it.
 */
export async function coveredControls(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const layers = [...document.querySelectorAll<HTMLElement>('body *')].filter((element) => {
			const { position, display, visibility } = getComputedStyle(element);
			if (!['fixed', 'sticky'].includes(position) || display === 'none') return false;
			if (visibility === 'hidden' || element.closest('.top-bar, nav, .skip-link')) return false;
			const box = element.getBoundingClientRect();
			return box.width > 0 && box.height > 0;
		});
		const covered: string[] = [];
		const controls = document.querySelectorAll<HTMLElement>(
			'main button, main a[href], main input, main select, main textarea, main label'
		);
		for (const control of controls) {
			const a = control.getBoundingClientRect();
			if (a.width === 0 || a.height === 0) continue;
			for (const layer of layers) {
				if (layer.contains(control) || control.contains(layer)) continue;
				const b = layer.getBoundingClientRect();
				if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
					const name = (control.textContent || control.getAttribute('aria-label') || '').trim();
					covered.push(
						`${control.tagName.toLowerCase()} "${name.slice(0, 40)}" under .${layer.className}`
					);
				}
			}
		}
		return covered;
	});
}

/** A setting's stored value, straight from IndexedDB (null while the app has not created it). */
export const storedSetting = (page: Page, key: string) =>
	page.evaluate(
		(key) =>
			new Promise<unknown>((resolve, reject) => {
				const open = indexedDB.open('mix-for-the-master');
				// Never create the database here: that is the app's job (with its schema).
				open.onupgradeneeded = () => open.transaction!.abort();
				open.onerror = () => resolve(null);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('settings')) {
						db.close();
						return resolve(null);
					}
					const request = db.transaction('settings').objectStore('settings').get(key);
					request.onsuccess = () => {
						db.close();
						resolve(request.result?.value ?? null);
					};
					request.onerror = () => reject(request.error);
				};
			}),
		key
	);

/** Sets the questions per session in Settings and waits until IndexedDB holds it. */
export async function setSessionLength(page: Page, length: number) {
	await page.goto('/settings');
	const select = page.getByLabel('Questions per session');
	// Leave only once the choice is stored: the next page is a full load, which would drop a write
	// still in flight (the first one also opens and creates the database, slow on a busy machine).
	// A choice made before the page has hydrated reaches no handler, so it is made again.
	await expect(async () => {
		await select.selectOption(String(length));
		await expect.poll(() => storedSetting(page, 'sessionLength'), { timeout: 3_000 }).toBe(length);
	}).toPass({ timeout: 30_000 });
}
