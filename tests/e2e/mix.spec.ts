import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// The project's render needs no service worker; offline use is in offline-reload.phone.spec.ts.
test.use({ serviceWorkers: 'block' });

/**
 * Pop-rock project 8 at level 1 plants one problem: the lead vocal buried 8 dB (rough −7.5 dB,
 * target +0.5 dB). Found from the hint, fixed with the keyboard on the named slider, checked.
 */
test('a level-1 project: find the problem from the hint, fix it by keyboard, and the check passes', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto('/mix?style=pop-rock&seed=8&level=1');
	const heading = page.getByRole('heading', { name: 'Pop-rock · project 8 · level 1' });
	await expect(heading).toBeVisible({ timeout: 30_000 });
	// Focus lands on the project, where the hint is.
	await expect(heading).toBeFocused();
	await expect(
		page.getByText('The lead vocal is buried under the parts in its band.')
	).toBeVisible();

	// The rough mix first: the check finds the buried lead.
	await page.getByRole('button', { name: 'Check my mix' }).click();
	const results = page.getByRole('heading', { name: 'Results' });
	await expect(results).toBeFocused({ timeout: 20_000 });
	await expect(page.getByRole('heading', { name: 'Lead vocal: fails' })).toBeVisible();
	await expect(page.getByText(/Raise the lead vocal/)).toBeVisible();

	// Select the lead and raise it 8 dB in 0.5 dB key steps on its named slider.
	await page.getByRole('button', { name: /^Lead vocal/ }).click();
	const level = page.getByRole('slider', { name: 'Lead vocal level' });
	await expect(level).toHaveAttribute('aria-valuetext', '−7.5 dB');
	await level.focus();
	for (let i = 0; i < 16; i++) await level.press('ArrowRight');
	await expect(level).toHaveAttribute('aria-valuetext', '+0.5 dB');
	await expect(page.getByText(/Your mix updated in \d+ ms/)).toBeVisible({ timeout: 20_000 });

	// Listen: play, switch versions and mono, all on one playhead.
	await page.getByRole('button', { name: 'Play' }).click();
	await page.getByRole('button', { name: 'Rough mix', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Rough mix', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await page.getByRole('button', { name: 'Mono' }).click();
	await expect(page.getByRole('button', { name: 'Mono' })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Pause' }).click();

	// Check again: the lead passes, and so does every other check.
	await page.getByRole('button', { name: 'Check my mix' }).click();
	await expect(page.getByRole('heading', { name: 'Lead vocal: passes' })).toBeVisible({
		timeout: 20_000
	});
	await expect(page.getByText(/^(\d+) of \1 checks pass\.$/)).toBeVisible();
	await expect(page.getByText('Check 2 of this session.')).toBeVisible();
	// The target mix unlocked with the first check.
	await expect(page.getByRole('button', { name: 'Target mix', exact: true })).toBeEnabled();
	// The open project, its controls and the results: no axe violations.
	const scan = await new AxeBuilder({ page }).analyze();
	expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
		[]
	);
});
