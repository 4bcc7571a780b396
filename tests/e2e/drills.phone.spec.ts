import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

/** Counts stored attempts of one drill kind straight from IndexedDB. */
const storedAttempts = (page: Page, kind: string) =>
	page.evaluate(
		(kind) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('mix-for-the-master');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result
						.transaction('attempts')
						.objectStore('attempts')
						.index('kind')
						.count(kind);
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				};
			}),
		kind
	);

/** Playheads of every playing Howler sound, in seconds. */
const playheads = (page: Page) =>
	page.evaluate(() => {
		const { Howler } = window as unknown as {
			Howler: { _howls: { playing(): boolean; seek(): number }[] };
		};
		return Howler._howls.filter((h) => h.playing()).map((h) => h.seek());
	});

const kinds = [
	{ id: 'eq-boost', name: 'Spot the boost' },
	{ id: 'eq-cut', name: 'Spot the cut' },
	{ id: 'eq-detect', name: 'Is there EQ?' },
	{ id: 'eq-match', name: 'Match the EQ' }
];

test.describe('EQ drills, offline on a phone', () => {
	test.setTimeout(180_000);

	for (const kind of kinds) {
		test(`${kind.id}: play, switch A/B, answer 10 questions, see results, attempts kept`, async ({
			page,
			context
		}) => {
			await page.goto('/train');
			await waitForServiceWorker(page);
			await context.setOffline(true);
			await page.reload();
			await page.getByRole('link', { name: new RegExp(kind.name) }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(kind.name);

			const play = page.getByRole('button', { name: 'Play' });
			await expect(play).toBeEnabled({ timeout: 30_000 });
			await play.click();
			await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
			await expect(page.getByText('Loudness matched')).toBeVisible();
			await page.getByRole('button', { name: 'B', exact: true }).click();
			await expect(page.getByRole('button', { name: 'B', exact: true })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
			await page.getByRole('button', { name: 'A', exact: true }).click();
			// Every version plays in sync: one playhead.
			const heads = await playheads(page);
			expect(heads.length).toBe(2);
			expect(Math.max(...heads) - Math.min(...heads)).toBeLessThan(0.02);

			for (let i = 1; i <= 10; i++) {
				await expect(page.getByText(`Question ${i} of 10`)).toBeVisible({ timeout: 30_000 });
				if (kind.id === 'eq-match') {
					await page.getByRole('slider', { name: /Frequency/ }).fill(String(100 * i));
				} else {
					const choices = page.getByRole('radio');
					await choices.nth(i % (await choices.count())).check();
				}
				await page.getByRole('button', { name: 'Check answer' }).click();
				await expect(page.getByRole('heading', { name: 'What was done' })).toBeVisible();
				await expect(page.getByRole('img', { name: /EQ curve/ })).toBeVisible();
				await page.getByRole('button', { name: i === 10 ? 'See results' : 'Next' }).click();
			}
			await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
			await expect(page.getByText(/of 10 right/)).toBeVisible();
			expect(await storedAttempts(page, kind.id)).toBe(10);

			await page.reload();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(kind.name);
			expect(await storedAttempts(page, kind.id)).toBe(10);
		});
	}
});
