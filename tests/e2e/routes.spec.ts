import { expect, routes, test } from './fixtures';

test.describe('every route', () => {
	// One page walks every route, each a full load: a fresh browser per route only added start-up time.
	test('every route renders its page in the app shell', async ({ page }) => {
		test.setTimeout(30_000 + routes.length * 5_000);
		for (const route of routes) {
			await test.step(route.path, async () => {
				const response = await page.goto(route.path);
				expect(response?.status()).toBe(200);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
				await expect(page).toHaveTitle(new RegExp(`${route.heading} · Mix for the Master`));
				await expect(
					page.getByRole('link', { name: 'Mix for the Master', exact: true })
				).toBeVisible();
				await expect(
					page.getByRole('link', { name: 'Settings', exact: true }).first()
				).toBeVisible();
				const nav = page.getByRole('navigation', { name: 'Main' });
				for (const tab of ['Today', 'Learn', 'Train', 'Progress']) {
					await expect(nav.getByRole('link', { name: tab })).toBeInViewport();
				}
				// Nothing is wider than the screen (a phone would zoom out and push the tab bar away).
				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				expect(overflow, route.path).toBe(0);
			});
		}
	});

	test('the tab bar navigates and marks the current page', async ({ page }) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
		for (const [tab, heading] of [
			['Learn', 'Learn'],
			['Train', 'Train'],
			['Progress', 'Progress']
		]) {
			await nav.getByRole('link', { name: tab }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
			await expect(nav.getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
		}
		await page.getByRole('link', { name: 'Settings', exact: true }).first().click();
		await expect(page).toHaveURL(/\/settings$/);
		await page.getByRole('link', { name: 'Today' }).click();
		await page.getByRole('link', { name: 'Open the bench' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bench');
	});

	test('a lesson is markdown rendered as a page', async ({ page }) => {
		await page.goto('/learn');
		await page
			.getByRole('listitem')
			.getByRole('link', { name: /There is no magic in mastering/ })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'There is no magic in mastering'
		);
		expect(await page.locator('article h2').count()).toBeGreaterThanOrEqual(3);
		await expect(page.getByRole('heading', { name: 'Further reading' })).toBeVisible();
	});

	test('an unknown URL gets the app shell and a clear not-found message', async ({ page }) => {
		const response = await page.goto('/no/such/page');
		expect(response?.status()).toBe(200); // the SPA fallback
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	});

	test('touch targets in the shell are at least 44 px', async ({ page }) => {
		await page.goto('/');
		const targets = page.locator('.top-bar a, .tab-bar a, main a.button, main button');
		const count = await targets.count();
		expect(count).toBeGreaterThan(5);
		for (let i = 0; i < count; i++) {
			const box = await targets.nth(i).boundingBox();
			expect(box, `target ${i}`).not.toBeNull();
			expect(Math.min(box!.width, box!.height), `target ${i}`).toBeGreaterThanOrEqual(44);
		}
	});
});
