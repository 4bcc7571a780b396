import AxeBuilder from '@axe-core/playwright';
import { expect, routes, test, waitForServiceWorker } from './fixtures';

for (const theme of ['dark', 'light'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });
		for (const route of routes) {
			test(`axe finds no violations on ${route.path}`, async ({ page }) => {
				await page.goto(route.path);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
				// Scan the settled page: the worker has taken over (its toast shown) and nothing animates.
				await waitForServiceWorker(page);
				await page.waitForFunction(() => document.getAnimations().length === 0);
				const background = await page.evaluate(
					() => getComputedStyle(document.body).backgroundColor
				);
				// The theme really applied: dark backgrounds are dark, light ones light.
				const [r, g, b] = background.match(/\d+/g)!.map(Number);
				const luminance = (r + g + b) / 3;
				expect(theme === 'dark' ? luminance < 60 : luminance > 200).toBe(true);
				const results = await new AxeBuilder({ page }).analyze();
				expect(
					results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
				).toEqual([]);
			});
		}
	});
}
