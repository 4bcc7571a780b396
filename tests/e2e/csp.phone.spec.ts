/**
 * The Content-Security-Policy: every route's prerendered HTML carries it, and the app runs under it:
 * a drill, a lesson demo and a Bench preview play without one violation (the fixtures' guard fails
 * any test on a violation in a page or a worker; this spec walks the paths that make audio). The
 * listener the guard relies on is itself checked against a violation made on purpose.
 */
import { test as bare } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { renderNoise } from '../../src/lib/dsp/synth/noise';
import { encodeWav } from '../../src/lib/dsp/wav';
import { CSP_LISTENER, expect, routes, test } from './fixtures';

/** The policy's directives as the page's <meta> states them. */
async function policyOf(page: import('@playwright/test').Page): Promise<Map<string, string[]>> {
	const content = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	expect(content, 'a CSP <meta> in the head').toBeTruthy();
	return new Map(
		content!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.map(([name, ...sources]) => [name, sources])
	);
}

test('every route carries a strict policy: own origin only, no inline script but hashed ones', async ({
	page
}) => {
	for (const { path, heading } of routes) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		const policy = await policyOf(page);
		expect(policy.get('default-src'), path).toEqual(["'self'"]);
		const scripts = policy.get('script-src')!;
		expect(scripts[0], path).toBe("'self'");
		expect(
			scripts.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s)),
			path
		).toBe(true);
		expect(policy.get('worker-src'), path).toEqual(["'self'"]);
		expect(policy.get('object-src'), path).toEqual(["'none'"]);
		for (const sources of policy.values())
			expect(sources.some((s) => /^https?:/.test(s))).toBe(false);
	}
});

test('a drill, a lesson demo and a Bench preview play under the policy', async ({ page }, info) => {
	test.setTimeout(120_000);
	const pauseAfterPlay = async (scope: import('@playwright/test').Locator) => {
		await scope.getByRole('button', { name: 'Play' }).first().click();
		await expect(scope.getByRole('button', { name: 'Pause' }).first()).toBeVisible({
			timeout: 45_000
		});
		await scope.getByRole('button', { name: 'Pause' }).first().click();
	};

	await page.goto('/train/eq-boost');
	await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
	await pauseAfterPlay(page.locator('main'));

	await page.goto('/learn/no-magic-in-mastering');
	await page
		.locator('article')
		.getByRole('button', { name: 'Play' })
		.first()
		.scrollIntoViewIfNeeded();
	await pauseAfterPlay(page.locator('article'));

	const file = info.outputPath('mix.wav');
	const sampleRate = 44100;
	const noise = renderNoise({ color: 'pink', seed: 5, seconds: 12, sampleRate, rmsDbfs: -20 });
	writeFileSync(
		file,
		encodeWav({ channels: [noise.left, noise.right], sampleRate, format: 'pcm16' })
	);
	await page.goto('/bench');
	await page.getByTestId('track-input').setInputFiles(file);
	await expect(page.getByTestId('meters')).toBeVisible({ timeout: 30_000 });
	await pauseAfterPlay(page.getByRole('group', { name: 'Streaming preview', exact: true }));
});

bare(
	'the guard’s listener reports a violation (an inline script the policy blocks)',
	async ({ page }) => {
		const reports: string[] = [];
		await page.exposeBinding('__cspViolation', (_, report: string) => {
			reports.push(report);
		});
		await page.addInitScript(CSP_LISTENER);
		await page.goto('/');
		const ran = await page.evaluate(async () => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.head.append(script);
			await new Promise((resolve) => setTimeout(resolve, 100));
			return (window as unknown as { __injected?: boolean }).__injected === true;
		});
		expect(ran).toBe(false);
		await expect.poll(() => reports.join('\n')).toMatch(/script-src/);
	}
);
