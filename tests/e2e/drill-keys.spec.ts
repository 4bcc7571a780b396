import { expect, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

test('a drill works from the keyboard: Space plays, A/B switch, Enter answers and moves on', async ({
	page
}) => {
	test.setTimeout(60_000);
	await page.goto('/train/eq-boost');
	await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.keyboard.press('b');
	const versionA = page.getByRole('button', { name: 'A', exact: true });
	const versionB = page.getByRole('button', { name: 'B', exact: true });
	await expect(versionB).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('1');
	await expect(versionA).toHaveAttribute('aria-pressed', 'true');

	// Space on a focused control is that control's: it presses B, and playback goes on.
	await versionB.focus();
	await page.keyboard.press('Space');
	await expect(versionB).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

	// The volume has its own visible label, apart from the loudness-match note.
	await expect(page.locator('label').filter({ hasText: 'Volume' })).toBeVisible();
	await expect(page.getByRole('slider', { name: 'Volume' })).toBeVisible();

	// Until an answer is picked, the button says so and looks unavailable.
	const waiting = page.getByRole('button', { name: 'Pick an answer' });
	await expect(waiting).toBeDisabled();
	const look = (el: HTMLElement) => {
		const style = getComputedStyle(el);
		return `${style.backgroundColor} ${style.borderStyle}`;
	};
	const disabledLook = await waiting.evaluate(look);

	// Space on a focused option selects it and leaves playback alone; Enter then checks the answer.
	const radios = page.getByRole('radio');
	await radios.nth(1).focus();
	await page.keyboard.press('Space');
	await expect(radios.nth(1)).toBeChecked();
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	const check = page.getByRole('button', { name: 'Check answer' });
	await expect(check).toBeEnabled();
	expect(await check.evaluate(look)).not.toBe(disabledLook);
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	// Focus goes to the reveal's heading, where the learner reads next.
	const reveal = page.getByRole('heading', { name: 'What was done' });
	await expect(reveal).toBeVisible();
	await expect(reveal).toBeFocused();
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
	// Enter goes to the next question, which takes focus and is playable at once.
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 2 of 10')).toBeVisible();
	await expect(page.getByText('Question 2 of 10')).toBeFocused();
	await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 5_000 });
	const switchMs = Number(await page.locator('[data-switch-ms]').getAttribute('data-switch-ms'));
	expect(switchMs).toBeGreaterThan(0);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});
