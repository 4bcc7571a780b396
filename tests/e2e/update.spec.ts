import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/cli/serve';
import { expect, test, waitForServiceWorker } from './fixtures';

test('a new deployment shows an "update available" prompt, and Reload switches to it in place', async ({
	page,
	ownOrigins
}) => {
	// Deploy a copy of the build on its own server, so this test can publish a "new version" of it.
	const dir = mkdtempSync(join(tmpdir(), 'mftm-deploy-'));
	cpSync('build', dir, { recursive: true });
	const server = await startServer({ dir, port: 0 });
	const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
	ownOrigins.add(origin);
	try {
		await page.goto(`${origin}/learn`);
		await waitForServiceWorker(page);
		const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
		await expect(page.getByText('A new version of the app is ready.')).toHaveCount(0);

		// Publish a new service worker and let the app's update check find it.
		appendFileSync(join(dir, 'sw.js'), `\n// deployed ${Date.now()}\n`);
		await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

		const prompt = page
			.getByRole('status')
			.filter({ hasText: 'A new version of the app is ready.' });
		await expect(prompt).toBeVisible();
		// Nothing changes under the learner until they choose to reload.
		await expect(page).toHaveURL(`${origin}/learn`);
		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Reload' }).click()
		]);

		await expect(page).toHaveURL(`${origin}/learn`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learn');
		await expect(page.getByText('A new version of the app is ready.')).toHaveCount(0);
		const state = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return {
				waiting: registration?.waiting ?? null,
				controller: navigator.serviceWorker.controller?.scriptURL
			};
		});
		expect(state.waiting).toBeNull();
		expect(state.controller).toBe(firstWorker); // same URL, new script: the waiting worker took over
	} finally {
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
