import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad, totals } from '../../src/cli/first-load';
import { expect, storedSetting, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

test('first-load JS and CSS of / stay within the 60 KiB gzip budget', async ({ page, baseURL }) => {
	const assets = await measureFirstLoad(page, `${baseURL}/`);
	const sum = totals(assets);
	expect(sum.js).toBeGreaterThan(10 * 1024); // the measurement saw the app's scripts at all
	expect(sum.css).toBeGreaterThan(0);
	expect(sum.all).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
});

test('a returning learner’s / shows their data within the same budget', async ({
	page,
	context,
	baseURL
}) => {
	// A stored goal: the database exists, and Today reads it without Dexie (29 KiB gzip, which
	// would put / over the budget).
	await page.goto('/settings');
	await page.getByRole('radio', { name: /20 questions a day/ }).check();
	await expect
		.poll(() => storedSetting(page, 'dailyGoal'))
		.toEqual({ kind: 'questions', target: 20 });
	const today = await context.newPage();
	// Routing turns the HTTP cache off, so this visit downloads everything a cold one would.
	await today.route('**/*', (route) => route.continue());
	const sum = totals(await measureFirstLoad(today, `${baseURL}/`));
	await expect(today.getByText('Goal: 20 questions a day.')).toBeVisible();
	expect(sum.js).toBeGreaterThan(10 * 1024);
	expect(sum.all).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
});
