import { expect, test } from './fixtures';

test('a drill works from the keyboard: Space plays, A/B switch, Enter answers and moves on', async ({
	page
}) => {
	test.setTimeout(60_000);
	await page.goto('/train/eq-boost');
	await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.keyboard.press('b');
	await expect(page.getByRole('button', { name: 'B', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await page.keyboard.press('1');
	await expect(page.getByRole('button', { name: 'A', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	// Choose with the arrow keys inside the radio group, then Enter checks the answer.
	await page.getByRole('radio').first().focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'What was done' })).toBeVisible();
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
	// Enter again goes to the next question, which is playable at once.
	await page.locator('body').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 2 of 10')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 5_000 });
	const switchMs = Number(await page.locator('[data-switch-ms]').getAttribute('data-switch-ms'));
	expect(switchMs).toBeGreaterThan(0);
});
