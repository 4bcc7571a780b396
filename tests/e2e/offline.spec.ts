import { expect, routes, test, waitForServiceWorker } from './fixtures';

test.describe('offline', () => {
	test('the service worker takes control on the first visit', async ({ page }) => {
		await page.goto('/');
		await waitForServiceWorker(page);
		const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
		expect(new URL(scope).pathname).toBe('/');
	});

	test('after one visit, reload and direct entry work on every route with the network off', async ({
		page,
		context
	}) => {
		// Two full loads per route, offline: about 1.5 s each on a 2-core machine.
		test.setTimeout(30_000 + routes.length * 6_000);
		// Enter on a deep link: the worker must still register at /sw.js with scope /.
		await page.goto('/learn/no-magic-in-mastering');
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'There is no magic in mastering'
		);
		for (const route of routes) {
			await page.goto(route.path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
			await page.reload();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
		}
		// A URL that was never prerendered still gets the app shell from the precached fallback.
		await page.goto('/somewhere/else');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	});

	test('navigation by the tab bar works with the network off', async ({ page, context }) => {
		await page.goto('/');
		await waitForServiceWorker(page);
		await context.setOffline(true);
		const nav = page.getByRole('navigation', { name: 'Main' });
		for (const tab of ['Learn', 'Train', 'Bench', 'Today']) {
			await nav.getByRole('link', { name: tab }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(tab);
		}
		const top = page.getByRole('banner');
		await top.getByRole('link', { name: 'Progress', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress');
		await top.getByRole('link', { name: 'Settings' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
		await page.goto('/learn');
		await page
			.getByRole('listitem')
			.getByRole('link', { name: /There is no magic in mastering/ })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'There is no magic in mastering'
		);
	});
});
