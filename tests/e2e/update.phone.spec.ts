import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/cli/serve';
import { coveredControls, expect, test, waitForServiceWorker } from './fixtures';

test('a new deployment shows an "update available" prompt, and Reload switches to it in place', async ({
	page,
	ownOrigins
}) => {
	// Deploy a copy of the build on its own server, so this test can publish a "new version" of it.
	const dir = mkdtempSync(join(tmpdir(), 'mftm-deploy-'));
	cpSync('build', dir, { recursive: true });
	let server = await startServer({ dir, port: 0 });
	const port = (server.address() as AddressInfo).port;
	const origin = `http://localhost:${port}`;
	ownOrigins.add(origin);
	try {
		await page.goto(`${origin}/learn`);
		await waitForServiceWorker(page);
		const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
		await expect(page.getByText('A new version of the app is ready.')).toHaveCount(0);
		// The first install tells the learner once that the app now works offline.
		const notice = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
		await expect(notice).toBeVisible();
		// It sits in the page, over no control, and the learner can close it.
		expect(await coveredControls(page)).toEqual([]);
		await notice.getByRole('button', { name: 'Dismiss' }).click();
		await expect(notice).toHaveCount(0);

		// Two deployments: the first while the page is on its very first visit (no worker at load),
		// the second after that reload, when a worker controlled the page from the start.
		for (const deployment of [1, 2]) {
			const controllerBefore = await page.evaluate(
				() => navigator.serviceWorker.controller!.scriptURL
			);
			expect(controllerBefore).toBe(firstWorker);
			// sirv indexes files when it starts, so redeploy as a host would: new files, server restarted.
			appendFileSync(join(dir, 'sw.js'), `\n// deployment ${deployment}\n`);
			// The build's precompressed copies would still be the old worker: a deploy rewrites them.
			for (const ext of ['.br', '.gz']) rmSync(join(dir, `sw.js${ext}`), { force: true });
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
			server = await startServer({ dir, port });
			await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

			const prompt = page
				.getByRole('status')
				.filter({ hasText: 'A new version of the app is ready.' });
			await expect(prompt, `deployment ${deployment}`).toBeVisible();
			// Nothing changes under the learner until they choose to reload.
			await expect(page).toHaveURL(`${origin}/learn`);
			await Promise.all([
				page.waitForEvent('load'),
				prompt.getByRole('button', { name: 'Reload' }).click()
			]);

			await expect(page).toHaveURL(`${origin}/learn`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learn');
			await expect(page.getByText('A new version of the app is ready.')).toHaveCount(0);
			const waiting = await page.evaluate(
				async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null
			);
			expect(waiting, 'the waiting worker took over').toBeNull();
			await waitForServiceWorker(page);
			// An update is not a first install: no "offline ready" toast after it.
			await expect(page.getByText('Ready to work offline.')).toHaveCount(0);
		}
	} finally {
		server.closeAllConnections();
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
