import { expect, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

// Every route in the app shell, with its tabs and title, is checked on the walk in a11y.spec.ts.

test.describe('every route', () => {
	test('the tab bar navigates and marks the current page', async ({ page }) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
		for (const tab of ['Learn', 'Train', 'Mix', 'Bench']) {
			await nav.getByRole('link', { name: tab }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				tab === 'Mix' ? 'Mix Lab' : tab
			);
			await expect(nav.getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
			await expect(nav.locator('[aria-current]')).toHaveCount(1);
		}
		const top = page.getByRole('banner');
		await top.getByRole('link', { name: 'Progress', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress');
		await expect(top.getByRole('link', { name: 'Progress', exact: true })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(nav.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'true');
		await top.getByRole('link', { name: 'Settings', exact: true }).click();
		await expect(page).toHaveURL(/\/settings$/);
		await nav.getByRole('link', { name: 'Today' }).click();
		await page.getByRole('link', { name: 'Open the bench' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bench');
	});

	test('a first visit says what the app teaches and starts with lesson 1', async ({ page }) => {
		await page.goto('/');
		const first = page.getByTestId('first-steps');
		await expect(first).toBeVisible();
		await expect(first).toContainText('Learn to mix for the master');
		// One clear first step, ahead of everything else on the page (the offline notice aside); the
		// daily session waits.
		const firstButton = page.locator('main :is(a.button, button):not(.notices *)').first();
		await expect(firstButton).toHaveAccessibleName('Read lesson 1: There is no magic in mastering');
		await expect(firstButton).toBeInViewport();
		await expect(page.getByRole('link', { name: /Start daily session/ })).toHaveCount(0);
		await firstButton.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'There is no magic in mastering'
		);
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
