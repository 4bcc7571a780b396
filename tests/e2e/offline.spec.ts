import { expect, test, waitForServiceWorker } from './fixtures';

test.describe('offline', () => {
	test('the service worker takes control on the first visit', async ({ page }) => {
		await page.goto('/');
		await waitForServiceWorker(page);
		const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
		expect(new URL(scope).pathname).toBe('/');
	});

	test('navigation by the tab bar works with the network off', async ({ page, context }) => {
		await page.goto('/');
		await waitForServiceWorker(page);
		await context.setOffline(true);
		const nav = page.getByRole('navigation', { name: 'Main' });
		for (const tab of ['Learn', 'Train', 'Mix', 'Bench', 'Today']) {
			await nav.getByRole('link', { name: tab }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				tab === 'Mix' ? 'Mix Lab' : tab
			);
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
