import type { Page } from '@playwright/test';
import { expect, storedSetting, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

const bodyBackground = (page: Page) =>
	page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/**
 * Reads the stored theme straight from IndexedDB, as Dexie wrote it, without ever creating the
 * database (the app reads settings without creating it: the first write may still be on its way).
 */
const storedTheme = (page: Page) => storedSetting(page, 'theme');

test.describe('theme', () => {
	test.use({ colorScheme: 'dark' });

	test('dark is the default under a dark system setting, and light follows the system', async ({
		page
	}) => {
		await page.goto('/');
		expect(await bodyBackground(page)).toBe('rgb(15, 17, 21)');
		await page.emulateMedia({ colorScheme: 'light' });
		expect(await bodyBackground(page)).toBe('rgb(246, 247, 249)');
	});

	test('a picked theme is stored in Dexie and survives a reload', async ({ page }) => {
		await page.goto('/settings');
		await expect(page.getByRole('radio', { name: /System/ })).toBeChecked();
		await page.getByRole('radio', { name: /Light/ }).check();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		expect(await bodyBackground(page)).toBe('rgb(246, 247, 249)');
		await expect.poll(() => storedTheme(page)).toBe('light');

		await page.reload();
		await expect(page.getByRole('radio', { name: /Light/ })).toBeChecked();
		expect(await bodyBackground(page)).toBe('rgb(246, 247, 249)');

		// IndexedDB is the source of truth: without the localStorage mirror the choice still returns.
		await page.evaluate(() => localStorage.clear());
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		await expect(page.getByRole('radio', { name: /Light/ })).toBeChecked();

		// Back to System: the explicit choice is dropped and the dark system setting shows again.
		await page.getByRole('radio', { name: /System/ }).check();
		await expect(page.locator('html')).not.toHaveAttribute('data-theme');
		expect(await bodyBackground(page)).toBe('rgb(15, 17, 21)');
		await expect.poll(() => storedTheme(page)).toBe('system');
	});

	test('a choice whose Dexie write was lost when the page closed is kept from the mirror and stored again', async ({
		page
	}) => {
		await page.goto('/settings');
		await page.getByRole('radio', { name: /Light/ }).check();
		await expect.poll(() => storedTheme(page)).toBe('light');
		// The next choice reached the mirror (written synchronously) but the page closed before
		// Dexie committed it.
		await page.evaluate(() => localStorage.setItem('mftm-theme', 'dark'));
		await page.reload();
		await expect(page.getByRole('radio', { name: /Dark/ })).toBeChecked();
		expect(await bodyBackground(page)).toBe('rgb(15, 17, 21)');
		await expect.poll(() => storedTheme(page)).toBe('dark');
	});

	test('an explicit dark choice overrides a light system setting', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/settings');
		await page.getByRole('radio', { name: /Dark/ }).check();
		expect(await bodyBackground(page)).toBe('rgb(15, 17, 21)');
		await page.goto('/learn');
		expect(await bodyBackground(page)).toBe('rgb(15, 17, 21)');
	});
});

test('reduced motion shortens transitions to nothing', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/');
	const duration = await page
		.getByRole('link', { name: 'Open the bench' })
		.evaluate((el) => getComputedStyle(el).transitionDuration);
	expect(duration.split(',').every((d) => parseFloat(d) <= 0.001)).toBe(true);
});
