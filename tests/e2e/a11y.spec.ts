import { test } from './fixtures';
import { walkEveryRoute } from './route-walk';

test.use({ colorScheme: 'dark' });
test('dark theme: every route in the app shell, and axe finds no violations', async ({ page }) => {
	await walkEveryRoute(page, 'dark');
});
