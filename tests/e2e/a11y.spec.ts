import AxeBuilder from '@axe-core/playwright';
import { expect, routes, test, waitForServiceWorker } from './fixtures';

// One page per theme walks every route: the first visit installs the service worker (its toast is
// scanned too), and each later route is a full navigation served by it, as a learner's would be.
for (const theme of ['dark', 'light'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });
		test('axe finds no violations on any route', async ({ page }) => {
			test.setTimeout(30_000 + routes.length * 15_000);
			for (const [i, route] of routes.entries()) {
				await test.step(route.path, async () => {
					await page.goto(route.path);
					await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading);
					// Scan the settled page: the worker has taken over (its toast shown) and nothing animates.
					if (i === 0) await waitForServiceWorker(page);
					await page.waitForFunction(() => document.getAnimations().length === 0);
					const background = await page.evaluate(
						() => getComputedStyle(document.body).backgroundColor
					);
					// The theme really applied: dark backgrounds are dark, light ones light.
					const [r, g, b] = background.match(/\d+/g)!.map(Number);
					const luminance = (r + g + b) / 3;
					expect(theme === 'dark' ? luminance < 60 : luminance > 200, route.path).toBe(true);
					const results = await new AxeBuilder({ page }).analyze();
					// Soft, so one page's violations do not hide the next page's.
					expect
						.soft(
							results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
							route.path
						)
						.toEqual([]);
				});
			}
		});
	});
}
