import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { measureLoudness } from '../../src/lib/dsp/analysis/loudness';
import { samplePeak } from '../../src/lib/dsp/analysis/levels';
import { decodeWav } from '../../src/lib/dsp/wav';
import { expect, test } from './fixtures';

// The project's render needs no service worker; the Mix tab offline is in offline.spec.ts.
test.use({ serviceWorkers: 'block' });

const cli = (...args: string[]) =>
	spawnSync(process.execPath, ['src/cli/run.mjs', 'mix', ...args], { encoding: 'utf8' });
const minus = (value: number) => `${value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)}`;

/**
 * Pop-rock project 8 at level 1 plants one problem: the lead vocal buried 8 dB (rough −7.5 dB,
 * target +0.5 dB). Found from the hint, fixed with the keyboard on the named slider, checked; on the
 * phone also kept across a reload, exported, and compared with the mix CLI on the same settings.
 */
test('a level-1 project: find the problem from the hint, fix it by keyboard, and the check passes', async ({
	page
}, testInfo) => {
	test.setTimeout(150_000);
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
	await expect(results).toBeInViewport();
	await expect(page.getByRole('heading', { name: 'Lead vocal: fails' })).toBeVisible();
	await expect(page.getByText(/Raise the lead vocal/)).toBeVisible();
	// What the master could do instead, heard: a "Fix" version appears and plays.
	const hearFix = page.getByRole('button', { name: 'Hear the master fix' });
	await hearFix.click();
	await expect(
		page.getByRole('button', { name: 'Fixed in the master', exact: true })
	).toHaveAttribute('aria-pressed', 'true', { timeout: 20_000 });
	await expect(hearFix).toHaveAttribute('aria-pressed', 'true');

	// Select the lead and raise it 8 dB in 0.5 dB key steps on its named slider.
	await page.getByRole('button', { name: /^Lead vocal/ }).click();
	const level = page.getByRole('slider', { name: 'Lead vocal level' });
	await expect(level).toHaveAttribute('aria-valuetext', '−7.5 dB');
	await level.focus();
	for (let i = 0; i < 16; i++) await level.press('ArrowRight');
	await expect(level).toHaveAttribute('aria-valuetext', '+0.5 dB');
	await expect(level).toBeInViewport();
	await expect(page.getByText(/Your mix updated in \d+ ms/)).toBeVisible({ timeout: 20_000 });

	// Listen: play, switch versions and mono, all on one playhead.
	await page.getByRole('button', { name: 'Play' }).click();
	// What plays is the mix: tap Howler's master output (the versions are buffers made from the
	// worker's samples, not decoded by the browser).
	const heardDbfs = await page.evaluate(async () => {
		const { Howler } = window as unknown as {
			Howler: { ctx: AudioContext; masterGain: GainNode };
		};
		const analyser = Howler.ctx.createAnalyser();
		analyser.fftSize = 8192;
		Howler.masterGain.connect(analyser);
		let peak = 0;
		const data = new Float32Array(analyser.fftSize);
		for (let i = 0; i < 6; i++) {
			await new Promise((r) => setTimeout(r, 100));
			analyser.getFloatTimeDomainData(data);
			for (const v of data) peak = Math.max(peak, Math.abs(v));
		}
		analyser.disconnect();
		return 20 * Math.log10(peak);
	});
	// Matched to −23 LUFS, a mix peaks well above −30 dBFS (and never above 0).
	expect(heardDbfs).toBeGreaterThan(-30);
	expect(heardDbfs).toBeLessThan(0);
	// Through a phone, in sync: the bass line goes (low band against the upper mids, as played) and
	// the playhead runs on.
	type Howls = {
		Howler: {
			ctx: AudioContext;
			masterGain: GainNode;
			_howls: { playing(): boolean; seek(): number }[];
		};
	};
	const lowAgainstMids = () =>
		page.evaluate(async () => {
			const { Howler } = window as unknown as Howls;
			const analyser = Howler.ctx.createAnalyser();
			analyser.fftSize = 8192;
			Howler.masterGain.connect(analyser);
			const binHz = Howler.ctx.sampleRate / analyser.fftSize;
			const db = new Float32Array(analyser.frequencyBinCount);
			let low = 0;
			let mids = 0;
			for (let frame = 0; frame < 8; frame++) {
				await new Promise((r) => setTimeout(r, 120));
				analyser.getFloatFrequencyData(db);
				db.forEach((d, k) => {
					const hz = k * binHz;
					if (hz >= 40 && hz <= 120) low += 10 ** (d / 10);
					else if (hz >= 1000 && hz <= 4000) mids += 10 ** (d / 10);
				});
			}
			analyser.disconnect();
			return 10 * Math.log10(low / mids);
		});
	const playhead = () =>
		page.evaluate(() =>
			Math.max(
				...(window as unknown as Howls).Howler._howls
					.filter((h) => h.playing())
					.map((h) => h.seek())
			)
		);
	const studio = await lowAgainstMids();
	const before = await playhead();
	await page.getByRole('combobox', { name: 'Play on' }).selectOption('phone');
	await expect(page.getByText(/One small speaker/)).toBeVisible({ timeout: 20_000 });
	expect(await playhead()).toBeGreaterThan(before);
	await page.waitForTimeout(300); // the crossfade
	expect(studio - (await lowAgainstMids())).toBeGreaterThan(20);
	const rough = page.getByRole('button', { name: 'Rough mix', exact: true });
	await rough.click();
	await expect(rough).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Mono' }).click();
	await expect(page.getByRole('button', { name: 'Mono' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('combobox', { name: 'Play on' })).toHaveValue('phone');
	await page.getByRole('button', { name: 'Pause' }).click();

	// Check again: the lead passes, and so does every other check.
	await page.getByRole('button', { name: 'Check my mix' }).click();
	await expect(page.getByRole('heading', { name: 'Lead vocal: passes' })).toBeVisible({
		timeout: 20_000
	});
	const summary = page.locator('.summary');
	await expect(summary).toContainText(/(\d+) of \1 checks pass\./);
	await expect(page.getByText('Check 2 of this session.')).toBeVisible();
	// The target mix unlocked with the first check.
	await expect(page.getByRole('button', { name: 'Target mix', exact: true })).toBeEnabled();
	// The open project, its controls and the results: no axe violations.
	const scan = await new AxeBuilder({ page }).analyze();
	expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
		[]
	);
	if (testInfo.project.name !== 'phone') return;

	// The page and the CLI are one engine: the same settings give the same mix and the same check.
	const dir = mkdtempSync(join(tmpdir(), 'mftm-mix-e2e-'));
	const render = cli('render', '--style', 'pop-rock', '--seed', '8', '--level', '1', '--out', dir);
	expect(render.status, render.stderr).toBe(0);
	const settings = JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')).rough;
	settings.stems.vocal.gainDb += 8;
	const settingsFile = join(dir, 'settings.json');
	writeFileSync(settingsFile, JSON.stringify(settings));
	const checkRun = cli('check', dir, '--settings', settingsFile);
	expect(checkRun.status, checkRun.stderr).toBe(0);
	const check = JSON.parse(checkRun.stdout);
	await expect(summary).toContainText(`${check.passed} of ${check.total} checks pass.`);
	await expect(summary).toContainText(`Master: ${minus(check.master.I)} LUFS`);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Your mix (WAV)' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('pop-rock-8-level1-mix.wav');
	const exported = decodeWav(readFileSync((await file.path())!));
	const out = join(dir, 'cli-mix.wav');
	const exportRun = cli('export', dir, '--settings', settingsFile, '--out', out);
	expect(exportRun.status, exportRun.stderr).toBe(0);
	const reference = decodeWav(readFileSync(out));
	expect(exported.channels[0].length).toBe(reference.channels[0].length);
	const lufs = (wav: typeof exported) =>
		measureLoudness({ channels: wav.channels, sampleRate: wav.sampleRate }).integrated!;
	const peak = (wav: typeof exported) => samplePeak({ channels: wav.channels }).dbfs!;
	expect(Math.abs(lufs(exported) - lufs(reference))).toBeLessThan(0.01);
	expect(Math.abs(peak(exported) - peak(reference))).toBeLessThan(0.01);

	// A reload (or a killed tab) brings the session back as it was left, playing the project's
	// kept rough mix while the worker renders the stems again.
	await page.waitForTimeout(600); // the last change is written 400 ms after it
	const kept = await page.evaluate(async () => {
		const names = (await caches.keys()).filter((name) => name.startsWith('mftm-mix-openings-'));
		const cache = await caches.open(names[0]);
		return {
			names: names.length,
			rough: (await cache.match('/mix-openings/pop-rock/8/1/rough'))?.headers.get('content-type')
		};
	});
	expect(kept).toEqual({ names: 1, rough: 'audio/wav' });
	await page.goto('/mix');
	await expect(heading).toBeFocused({ timeout: 30_000 });
	await expect(page.getByText('Your last session, as you left it, after 2 checks.')).toBeVisible();
	await page.getByRole('button', { name: /^Lead vocal/ }).click();
	await expect(page.getByRole('slider', { name: 'Lead vocal level' })).toHaveAttribute(
		'aria-valuetext',
		'+0.5 dB'
	);
	// The learner's mix as they left it comes back from the worker (re-mixed once the stems are made).
	await expect(page.getByText(/Your mix updated in \d+ ms/)).toBeVisible({ timeout: 30_000 });
});
