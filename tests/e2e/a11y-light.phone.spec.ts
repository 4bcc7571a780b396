import { test } from './fixtures';
import { walkEveryRoute } from './route-walk';

// Light on the phone only: the desktop layout uses the same colours (route-walk.ts).
test.use({ colorScheme: 'light' });
test('light theme: every route in the app shell, and axe finds no violations', async ({ page }) => {
	await walkEveryRoute(page, 'light');
});
