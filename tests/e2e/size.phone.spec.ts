import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad, totals } from '../../src/cli/first-load';
import { expect, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

test('first-load JS and CSS of / stay within the 80 KiB gzip budget', async ({ page, baseURL }) => {
	const assets = await measureFirstLoad(page, `${baseURL}/`);
	const sum = totals(assets);
	expect(sum.js).toBeGreaterThan(10 * 1024); // the measurement saw the app's scripts at all
	expect(sum.css).toBeGreaterThan(0);
	expect(sum.all).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
});
