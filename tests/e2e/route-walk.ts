/**
 * The walk over every route that the accessibility specs make in each theme (a11y.spec.ts, dark, on
 * the phone and the desktop; a11y-light.phone.spec.ts, light, on the phone: the desktop layout uses
 * the same colours). One page walks every route: the first visit installs the service worker (its
 * toast is scanned too), and each later route is a full navigation served by it, as a learner's
 * would be. Each route's page is checked in the app shell and scanned by axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, routes, test, waitForServiceWorker } from './fixtures';

/** The tabs, at most five on a phone; Progress and Settings live in the top bar. */
const tabs = ['Today', 'Learn', 'Train', 'Mix', 'Bench'];
/** The tab whose area a path belongs to. */
const areaOf = (path: string) =>
	path === '/' || path === '/progress'
		? 'Today'
		: tabs.find((tab) => path.startsWith(`/${tab.toLowerCase()}`));

/** The route's page in the app shell: its title, every area one tap away, the current one marked. */
async function expectAppShell(page: Page, route: (typeof routes)[number]) {
	await expect(page).toHaveTitle(new RegExp(`${route.heading} · Mix for the Master`));
	await expect(page.getByRole('link', { name: 'Mix for the Master', exact: true })).toBeVisible();
	// Every area one tap away: the tabs, and Progress and Settings in the top bar.
	const top = page.getByRole('banner');
	for (const name of ['Progress', 'Settings']) {
		await expect(top.getByRole('link', { name, exact: true })).toBeInViewport();
	}
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link')).toHaveCount(tabs.length);
	for (const tab of tabs) await expect(nav.getByRole('link', { name: tab })).toBeInViewport();
	// The current area is always marked (Progress belongs to Today's).
	const area = areaOf(route.path);
	if (area) {
		await expect(nav.getByRole('link', { name: area })).toHaveAttribute(
			'aria-current',
			/page|true/
		);
	}
	// Nothing is wider than the screen (a phone would zoom out and push the tab bar away).
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, route.path).toBe(0);
}

/** Walks every route in `theme` (the test's colour scheme), as the file comment says. */
export async function walkEveryRoute(page: Page, theme: 'dark' | 'light') {
	test.setTimeout(30_000 + routes.length * 15_000);
	for (const [i, route] of routes.entries()) {
		await test.step(route.path, async () => {
			const response = await page.goto(route.path);
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
			await expectAppShell(page, route);
			// Scan the settled page: the worker has taken over (its toast shown) and nothing animates.
			if (i === 0) await waitForServiceWorker(page);
			await page.waitForFunction(() => document.getAnimations().length === 0);
			const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
			// The theme really applied: dark backgrounds are dark, light ones light.
			const [r, g, b] = background.match(/\d+/g)!.map(Number);
			const luminance = (r + g + b) / 3;
			expect(theme === 'dark' ? luminance < 60 : luminance > 200, route.path).toBe(true);
			const results = await new AxeBuilder({ page }).analyze();
			// Soft, so one page's violations do not hide the next page's.
			expect
				.soft(
					results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
					route.path
				)
				.toEqual([]);
		});
	}
}
