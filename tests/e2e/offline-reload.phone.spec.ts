import { expect, routes, test, waitForServiceWorker } from './fixtures';

// Reloads served by the service worker do not depend on the viewport: the phone run covers them.
test.describe('offline', () => {
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
});
