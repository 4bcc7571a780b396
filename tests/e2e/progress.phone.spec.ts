/**
 * Progress that lasts: a finished session meets the daily goal, Today and Progress show it, it
 * survives a reload and works offline, a second tab sees new answers live, and backups move it.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, setSessionLength, test, waitForServiceWorker } from './fixtures';

/** Answers `count` questions of the level drill (the quickest to render) and stops at the results. */
async function answerLevelQuestions(page: Page, count: number) {
	for (let i = 1; i <= count; i++) {
		await expect(page.getByText(`Question ${i} of ${count}`)).toBeVisible({ timeout: 30_000 });
		const choices = page.getByRole('radio');
		await expect(choices.first()).toBeEnabled({ timeout: 30_000 });
		await choices.nth(i % 2).check();
		await page.getByRole('button', { name: 'Check answer' }).click();
		await page.getByRole('button', { name: i === count ? 'See results' : 'Next' }).click();
	}
	await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
}

/** Counts rows of a store straight from IndexedDB. */
const count = (page: Page, store: string) =>
	page.evaluate(
		(store) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('mix-for-the-master');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction(store).objectStore(store).count();
					request.onsuccess = () => {
						open.result.close();
						resolve(request.result);
					};
					request.onerror = () => reject(request.error);
				};
			}),
		store
	);

const axe = async (page: Page) =>
	(await new AxeBuilder({ page }).analyze()).violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`
	);

test.describe('progress', () => {
	test.setTimeout(120_000);

	test('a finished session meets the goal; Today and Progress show it after a reload and offline', async ({
		page,
		context
	}) => {
		await page.goto('/');
		await waitForServiceWorker(page);
		await expect(page.getByTestId('streak')).toHaveText('No streak yet');
		await expect(page.getByRole('progressbar', { name: 'Today’s goal' })).toHaveAttribute(
			'aria-valuenow',
			'0'
		);
		await setSessionLength(page, 5);
		await page.goto('/train/level');
		await answerLevelQuestions(page, 5);

		await context.setOffline(true);
		await page.goto('/');
		await expect(page.getByTestId('streak')).toHaveText('1-day streak');
		const ring = page.getByRole('progressbar', { name: 'Today’s goal' });
		await expect(ring).toHaveAttribute('aria-valuenow', '100');
		await expect(ring).toHaveAttribute('aria-valuetext', '1 session today');
		await expect(page.getByText('Goal met today.')).toBeVisible();
		// Counts read as English: one day, one session.
		await expect(page.getByText('Longest 1 day · 0 freezes held')).toBeVisible();
		// Started: the usual daily view, with no first-visit steps.
		await expect(page.getByRole('link', { name: /Start daily session/ })).toBeVisible();
		await expect(page.getByTestId('first-steps')).toHaveCount(0);
		await page.reload();
		await expect(page.getByTestId('streak')).toHaveText('1-day streak');
		expect(await axe(page)).toEqual([]);

		await page.goto('/progress');
		await expect(page.getByRole('heading', { name: '1-day streak' })).toBeVisible();
		await expect(page.getByTestId('freeze-note')).toContainText(
			'6 more days of meeting your goal earn a streak freeze'
		);
		const skill = page.getByRole('article', { name: 'Which is louder?' });
		await expect(skill).toContainText('dB');
		await expect(skill).toContainText('5 answers');
		await expect(page.getByRole('img', { name: /Minutes practised per day/ })).toBeVisible();
		await expect(page.getByText(/\d+ minutes? and 1 session in the last 30 days\./)).toBeVisible();
		await expect(page.getByRole('definition').filter({ hasText: /^1 day$/ })).toBeVisible();
		await expect(page.getByRole('img', { name: /EQ accuracy per octave band/ })).toBeVisible();
		// The calendar's table alternative lists this month with one day practised.
		await page.getByText('Show as a table').first().click();
		const month = new Date().toLocaleString('en', { month: 'short', year: '2-digit' });
		await expect(page.getByRole('row', { name: new RegExp(`${month} 1 0`) })).toBeVisible();
		expect(await axe(page)).toEqual([]);
		await page.reload();
		await expect(page.getByRole('heading', { name: '1-day streak' })).toBeVisible();
		expect(await count(page, 'sessions')).toBe(1);

		// The first finished session asked to keep storage; Settings reports what the browser said.
		await page.goto('/settings');
		const persisted = await page.evaluate(() => navigator.storage.persisted());
		await expect(page.getByTestId('storage-state')).toContainText(
			persisted ? 'Kept:' : 'Not yet kept:'
		);
		await expect(page.getByTestId('storage-state')).toContainText(/Using .* of .* available/);
	});

	test('a second tab sees answers live, and two tabs answering at once lose nothing', async ({
		page,
		context
	}) => {
		await setSessionLength(page, 5);
		const progress = await context.newPage();
		await progress.goto('/progress');
		await expect(progress.getByText(/Your threshold for each drill will show here/)).toBeVisible();

		const other = await context.newPage();
		await Promise.all([page.goto('/train/level'), other.goto('/train/level')]);
		// Both tabs answer, interleaved.
		for (let i = 1; i <= 5; i++) {
			for (const tab of [page, other]) {
				await expect(tab.getByText(`Question ${i} of 5`)).toBeVisible({ timeout: 30_000 });
				await expect(tab.getByRole('radio').first()).toBeEnabled({ timeout: 30_000 });
				await tab.getByRole('radio').first().check();
			}
			await Promise.all(
				[page, other].map((tab) => tab.getByRole('button', { name: 'Check answer' }).click())
			);
			for (const tab of [page, other]) {
				await tab.getByRole('button', { name: i === 5 ? 'See results' : 'Next' }).click();
			}
		}
		await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
		await expect(other.getByRole('heading', { name: 'Results' })).toBeVisible();
		expect(await count(page, 'attempts')).toBe(10);
		expect(await count(page, 'sessions')).toBe(2);
		// The Progress tab updated without a reload.
		await expect(progress.getByRole('article', { name: 'Which is louder?' })).toContainText(
			'10 answers'
		);
		await expect(progress.getByRole('heading', { name: '1-day streak' })).toBeVisible();
	});

	test('a mix check counts toward the goal and shows on Progress by problem, after a backup too', async ({
		page
	}, testInfo) => {
		test.setTimeout(150_000);
		await page.goto('/progress');
		const mixChecks = page.getByRole('region', { name: 'Mix checks' });
		await expect(mixChecks.getByTestId('mix-checks-empty')).toContainText('No mix checks yet');
		await mixChecks.getByRole('link', { name: 'Open the Mix Lab' }).click();
		await expect(page).toHaveURL(/\/mix$/);

		// Pop-rock project 8 at level 1 plants a buried lead: the rough mix's check finds it.
		await page.goto('/mix?style=pop-rock&seed=8&level=1');
		await expect(page.getByRole('heading', { name: 'Pop-rock · project 8 · level 1' })).toBeVisible(
			{ timeout: 30_000 }
		);
		await page.getByRole('button', { name: 'Check my mix' }).click();
		await expect(page.getByRole('heading', { name: 'Lead vocal: fails' })).toBeVisible({
			timeout: 20_000
		});
		// The same mix checked again is kept in the session but does not count again, and says so.
		await expect(page.getByTestId('repeat-check')).toHaveCount(0);
		await page.getByRole('button', { name: 'Check my mix' }).click();
		await expect(page.getByText('Check 2 of this session.')).toBeVisible({ timeout: 20_000 });
		await expect(page.getByTestId('repeat-check')).toContainText(
			"does not count toward today's goal again"
		);

		// One check meets the default goal (1 session a day) and starts a streak.
		await page.getByRole('link', { name: 'Today' }).click();
		const ring = page.getByRole('progressbar', { name: 'Today’s goal' });
		await expect(ring).toHaveAttribute('aria-valuetext', '1 session today');
		await expect(page.getByTestId('streak')).toHaveText('1-day streak');

		const showsTheCheck = async () => {
			await page.goto('/progress');
			await expect(page.getByRole('heading', { name: '1-day streak' })).toBeVisible();
			await expect(mixChecks).toContainText('1 check in 1 mix session; 0 passed every');
			const stat = page.getByRole('term').filter({ hasText: 'Mix checks' });
			await expect(stat.locator('+ dd')).toHaveText('1');
			const lead = mixChecks.getByRole('listitem').filter({ hasText: 'Lead vocal buried' });
			await expect(lead).toContainText('0 of 1 passed in all · latest check: not yet passed');
			await expect(
				lead.getByRole('img', { name: /Lead vocal buried, last 8 weeks: 1 check, 0 passed/ })
			).toBeVisible();
			await mixChecks.getByText('Show the weeks as a table').click();
			await expect(
				mixChecks.getByRole('row', { name: /^\w+ \d+ Lead vocal buried 1 0$/ })
			).toBeVisible();
			// The 30-day activity shows today's check (Day, Minutes, Sessions, Questions, Mix checks).
			const activity = page.getByRole('region', { name: 'Last 30 days' });
			await expect(activity.getByRole('img')).toHaveAttribute('aria-label', /and 1 mix check\./);
			await activity.getByText('Show as a table').click();
			await expect(activity.getByRole('row', { name: /^\w+ \d+ 0 0 0 1$/ })).toBeVisible();
		};
		await showsTheCheck();
		expect(await axe(page)).toEqual([]);

		// A backup carries the session; an import into an emptied device rebuilds the same day.
		await page.goto('/settings');
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export a backup' }).click();
		const file = testInfo.outputPath('mix-backup.json');
		await (await downloading).saveAs(file);
		const backup = JSON.parse(await readFile(file, 'utf8'));
		expect(backup.data.mixSessions[0].checks).toHaveLength(2);
		await page.getByRole('button', { name: 'Delete all progress…' }).click();
		await page.getByRole('button', { name: 'Delete everything' }).click();
		await expect(page.getByTestId('data-status')).toContainText('deleted');
		await page.locator('input[type=file]').setInputFiles(file);
		await page.getByRole('radio', { name: 'Replace everything on this device' }).check();
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByTestId('data-status')).toContainText('Restored');
		await page.goto('/');
		await expect(ring).toHaveAttribute('aria-valuetext', '1 session today');
		await showsTheCheck();
	});

	test('changing the daily goal changes the ring', async ({ page }) => {
		await page.goto('/settings');
		// A phone-width select shows its whole choice (it cannot wrap).
		const source = page.getByLabel('Music for the drills');
		const fits = await source.evaluate((select: HTMLSelectElement) => {
			const style = getComputedStyle(select);
			const context = document.createElement('canvas').getContext('2d')!;
			context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
			const text = context.measureText(select.selectedOptions[0].text).width;
			const room =
				select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
			return { text, room };
		});
		expect(fits.text).toBeLessThanOrEqual(fits.room);
		await page.getByRole('radio', { name: /20 questions a day/ }).check();
		await page.reload();
		await expect(page.getByRole('radio', { name: /20 questions a day/ })).toBeChecked();
		await page.getByRole('link', { name: 'Today' }).click();
		await expect(page.getByRole('progressbar', { name: 'Today’s goal' })).toHaveAttribute(
			'aria-valuetext',
			'0/20 questions today'
		);
		await page.reload();
		await expect(page.getByText('Goal: 20 questions a day.')).toBeVisible();
	});

	test('Today follows a goal changed in another tab, without a reload', async ({
		page,
		context
	}) => {
		// Today reads without Dexie (state/peek-live.svelte.ts) and hears Dexie's writes in other tabs.
		await page.goto('/');
		await expect(page.getByText('Goal: 1 session a day.')).toBeVisible();
		const settings = await context.newPage();
		await settings.goto('/settings');
		await settings.getByRole('radio', { name: /20 questions a day/ }).check();
		await expect(page.getByRole('progressbar', { name: 'Today’s goal' })).toHaveAttribute(
			'aria-valuetext',
			'0/20 questions today'
		);
		await expect(page.getByText('Goal: 20 questions a day.')).toBeVisible();
	});
});

test.describe('backups', () => {
	test.setTimeout(120_000);

	test('export, reset with confirmation, import (replace and merge); bad files change nothing', async ({
		page
	}, testInfo) => {
		await setSessionLength(page, 5);
		await page.goto('/train/level');
		await answerLevelQuestions(page, 5);

		await page.goto('/settings');
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export a backup' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(
			/^mix-for-the-master-backup-\d{4}-\d{2}-\d{2}\.json$/
		);
		const file = testInfo.outputPath('backup.json');
		await download.saveAs(file);
		const backup = JSON.parse(await readFile(file, 'utf8'));
		expect(backup.format).toBe('mix-for-the-master-backup');
		expect(backup.data.attempts).toHaveLength(5);
		await expect(page.getByTestId('data-status')).toContainText('5 answers');

		// Bad files: each shows a clear message in an alert and changes nothing.
		const text = await readFile(file, 'utf8');
		const bad = [
			{
				name: 'truncated.json',
				body: text.slice(0, text.length / 2),
				message: /damaged or incomplete/
			},
			{
				name: 'photo.json',
				body: '{"hello":"world"}',
				message: /isn't a Mix for the Master backup/
			},
			{
				name: 'future.json',
				body: JSON.stringify({ ...backup, version: 9 }),
				message: /newer version of the app \(format 9\)/
			},
			{
				name: 'hostile.json',
				body: text.replace('"data":{', '"data":{"__proto__":{"polluted":true},'),
				message: /unsafe data/
			},
			{
				name: 'wrong.json',
				body: JSON.stringify({
					...backup,
					data: { ...backup.data, attempts: [{ ...backup.data.attempts[0], day: 'yesterday' }] }
				}),
				message: /Attempt 1 has an invalid day/
			}
		];
		const input = page.locator('input[type=file]');
		for (const { name, body, message } of bad) {
			await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
			await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
			await expect(page.getByRole('alert')).toContainText('Nothing was changed');
		}
		expect(await count(page, 'attempts')).toBe(5);
		expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

		// Reset asks first.
		await page.getByRole('button', { name: 'Delete all progress…' }).click();
		await expect(page.getByTestId('reset-confirm')).toBeVisible();
		await page.getByRole('button', { name: 'Cancel' }).click();
		expect(await count(page, 'attempts')).toBe(5);
		await page.getByRole('button', { name: 'Delete all progress…' }).click();
		await page.getByRole('button', { name: 'Delete everything' }).click();
		await expect(page.getByTestId('data-status')).toContainText('deleted');
		expect(await count(page, 'attempts')).toBe(0);
		await page.goto('/');
		await expect(page.getByTestId('streak')).toHaveText('No streak yet');

		// Import (replace) brings it all back.
		await page.goto('/settings');
		await input.setInputFiles(file);
		await expect(page.getByTestId('import-confirm')).toContainText('5 answers, 1 sessions');
		await page.getByRole('radio', { name: 'Replace everything on this device' }).check();
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByTestId('data-status')).toContainText('Restored');
		expect(await count(page, 'attempts')).toBe(5);
		await page.goto('/');
		await expect(page.getByTestId('streak')).toHaveText('1-day streak');

		// Merging the same file again adds nothing.
		await page.goto('/settings');
		await input.setInputFiles(file);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByTestId('data-status')).toContainText('Merged');
		expect(await count(page, 'attempts')).toBe(5);
		await page.reload();
		expect(await count(page, 'attempts')).toBe(5);
	});
});
