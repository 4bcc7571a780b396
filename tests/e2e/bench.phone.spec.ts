/**
 * The bench, offline on a phone: open a WAV the test makes, see meters that agree with the meter
 * CLI, switch the previews, make a quick master and export it at its target loudness; bad files get
 * a clear message.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { renderNoise } from '../../src/lib/dsp/synth/noise';
import { encodeWav } from '../../src/lib/dsp/wav';
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

interface CliReport {
	I: number;
	LRA: number;
	TP: number;
}
const meterCli = (file: string): CliReport =>
	JSON.parse(execFileSync('node', ['src/cli/run.mjs', 'meter', file], { encoding: 'utf8' }));

/** 40 s of pink noise in four sections of different levels (a mix with some dynamics), 48 kHz. */
function testMix(): Uint8Array {
	const sampleRate = 48000;
	const noise = renderNoise({ color: 'pink', seed: 7, seconds: 40, sampleRate, rmsDbfs: -22 });
	const gains = [0.5, 1, 0.7, 1.2];
	const section = 10 * sampleRate;
	for (const channel of [noise.left, noise.right]) {
		for (let i = 0; i < channel.length; i++) channel[i] *= gains[Math.floor(i / section)];
	}
	return encodeWav({ channels: [noise.left, noise.right], sampleRate, format: 'float32' });
}

/** 20 s of loud pink noise (about −2 LUFS, peaks over full scale in float): a mix pushed hot. */
function hotMix(): Uint8Array {
	const sampleRate = 48000;
	const noise = renderNoise({ color: 'pink', seed: 3, seconds: 20, sampleRate, rmsDbfs: -5 });
	return encodeWav({ channels: [noise.left, noise.right], sampleRate, format: 'float32' });
}

/** "−14.2 LUFS" → −14.2 */
const number = (text: string | null) =>
	Number((text ?? '').replace('−', '-').match(/-?\d+(\.\d+)?/)?.[0]);

/** The loudness graph has its unit, keeps its labels off the curve and its curve inside the plot. */
async function expectReadableGraph(page: Page) {
	const graph = page.getByTestId('loudness-graph');
	await expect(graph.locator('text').filter({ hasText: 'LUFS' })).toHaveCount(1);
	const { labelsRight, curveLeft, curveTop } = await graph.evaluate((svg) => {
		const labels = [...svg.querySelectorAll('text')].filter((t) =>
			/^[−\d]/.test(t.textContent ?? '')
		);
		const levelLabels = labels.filter((t) => !/:/.test(t.textContent ?? ''));
		const path = svg.querySelector('path')!;
		const box = path.getBBox();
		return {
			labelsRight: Math.max(...levelLabels.map((t) => t.getBBox().x + t.getBBox().width)),
			curveLeft: box.x,
			curveTop: box.y
		};
	});
	expect(curveLeft).toBeGreaterThanOrEqual(labelsRight);
	expect(curveTop).toBeGreaterThan(0);
}

/** The unmatched comparison's note names the direction and size of the measured difference. */
async function expectUnmatchedNote(
	page: Page,
	{ word, difference }: { word: 'louder' | 'quieter'; difference: number }
) {
	const unmatched = page.getByRole('group', {
		name: 'Mix against master, not matched',
		exact: true
	});
	await unmatched.getByRole('button', { name: 'Play' }).click();
	await expect(unmatched.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 30_000 });
	await unmatched.getByRole('button', { name: 'Pause' }).click();
	const note = unmatched.getByText(/The master is [\d.]+ dB (louder|quieter) here/);
	await expect(note).toContainText(`dB ${word} here`);
	// Over the loudest excerpt the limiter works hardest, so it may differ from the whole track a little.
	expect(Math.abs(number(await note.textContent()) - Math.abs(difference))).toBeLessThanOrEqual(2);
}

test.describe('the bench', () => {
	test.setTimeout(180_000);

	test('meters, previews, quick master and export, offline', async ({
		page,
		context
	}, testInfo) => {
		const file = testInfo.outputPath('mix.wav');
		writeFileSync(file, testMix());
		const expected = meterCli(file);

		await page.goto('/bench');
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.reload();
		await page.getByTestId('track-input').setInputFiles(file);
		const meters = page.getByTestId('meters');
		await expect(meters).toBeVisible({ timeout: 60_000 });
		// The results are below the fold on a phone: their heading takes focus and comes into view.
		const meterHeading = page.getByRole('heading', { name: 'Meter: mix.wav' });
		await expect(meterHeading).toBeFocused();
		await expect(meterHeading).toBeInViewport();

		const integrated = number(
			await page.getByTestId('reading-integrated').locator('strong').textContent()
		);
		const lra = number(await page.getByTestId('reading-lra').locator('strong').textContent());
		const truePeak = number(
			await page.getByTestId('reading-truePeak').locator('strong').textContent()
		);
		// One decimal on screen: within 0.1 of the CLI (rounding plus any difference).
		expect(Math.abs(integrated - expected.I)).toBeLessThanOrEqual(0.1);
		expect(Math.abs(lra - expected.LRA)).toBeLessThanOrEqual(0.1);
		expect(Math.abs(truePeak - expected.TP)).toBeLessThanOrEqual(0.1);
		await expect(page.getByTestId('reading-integrated')).toContainText('LUFS');
		await expect(page.getByRole('img', { name: /Short-term loudness over/ })).toBeVisible();
		await expectReadableGraph(page);
		await expect(page.getByRole('img', { name: /Long-term spectrum/ })).toBeVisible();
		const violations = (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);
		expect(violations).toEqual([]);

		// Save it for the drills: it becomes the drills' music, listed with its size.
		await page.getByRole('button', { name: 'Use this track in drills' }).click();
		await expect(page.getByTestId('save-status')).toContainText('Saved “mix.wav”', {
			timeout: 30_000
		});
		const saved = page.getByTestId('saved-tracks');
		await expect(saved).toContainText('mix.wav');
		await expect(saved).toContainText(/0:40 · \d+(\.\d)? MB/);
		await expect(saved.getByRole('checkbox', { name: 'Use in drills' })).toBeChecked();

		// Streaming preview: YouTube turns this quiet mix neither down nor up.
		await page.getByLabel('Streaming service').selectOption('youtube');
		await expect(page.getByTestId('streaming-plan')).toContainText('YouTube');
		const streaming = page.getByRole('group', { name: 'Streaming preview', exact: true });
		await streaming.getByRole('button', { name: 'Play' }).click();
		await expect(streaming.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 30_000 });
		// "As uploaded" plays the file untouched, so no service gain is shown beside it.
		await expect(streaming).toContainText('Your file as it is, with no gain.');
		await expect(streaming).not.toContainText('Gain');
		await streaming.getByRole('button', { name: 'On YouTube' }).click();
		await expect(streaming.getByRole('button', { name: 'On YouTube' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(streaming).toContainText(/Gain on YouTube: (0\.0|[+−]\d+\.\d) dB/);

		// Translation preview: switch systems while it plays.
		const systems = page.getByRole('group', { name: 'Playback system', exact: true });
		await systems.getByRole('button', { name: 'Play' }).click();
		await expect(systems.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 30_000 });
		for (const name of ['Phone', 'Car', 'Mono', 'Original']) {
			await systems.getByRole('button', { name, exact: true }).click();
			await expect(systems.getByRole('button', { name, exact: true })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
		}
		await systems.getByRole('button', { name: 'Pause' }).click();

		// The quick master's controls wear the app's accent, not the browser's default blue.
		const tilt = page.getByRole('slider', { name: /Tilt EQ/ });
		const [accentColour, accent] = await tilt.evaluate((slider) => {
			const probe = document.createElement('span');
			probe.style.color = 'var(--accent)';
			document.body.append(probe);
			const accent = getComputedStyle(probe).color;
			probe.remove();
			return [getComputedStyle(slider).accentColor, accent];
		});
		expect(accentColour).toBe(accent);

		// Quick master to −14 LUFS, −1 dBTP; the table shows what changed; export and measure it.
		await page.getByRole('button', { name: 'Make the master' }).click();
		const changes = page.getByTestId('master-changes');
		await expect(changes).toBeVisible({ timeout: 90_000 });
		await expect(page.getByRole('heading', { name: 'What the master changed' })).toBeFocused();
		const shownAfter = number(
			await changes
				.getByRole('row', { name: /Loudness/ })
				.first()
				.locator('td')
				.nth(1)
				.textContent()
		);
		expect(Math.abs(shownAfter - -14)).toBeLessThanOrEqual(0.5);
		// This quiet mix comes out louder, and the unmatched comparison says so, by how much.
		const shownBefore = number(
			await changes
				.getByRole('row', { name: /Loudness/ })
				.first()
				.locator('td')
				.nth(0)
				.textContent()
		);
		await expectUnmatchedNote(page, { word: 'louder', difference: shownAfter - shownBefore });
		const matched = page.getByRole('group', { name: 'Mix against master, matched', exact: true });
		await matched.getByRole('button', { name: 'Play' }).click();
		await expect(matched.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 30_000 });
		await matched.getByRole('button', { name: 'Master', exact: true }).click();
		await matched.getByRole('button', { name: 'Pause' }).click();

		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export the master (WAV)' }).click();
		const download = await downloading;
		const exported = testInfo.outputPath('master.wav');
		await download.saveAs(exported);
		const master = meterCli(exported);
		expect(Math.abs(master.I - -14)).toBeLessThanOrEqual(0.5);
		expect(master.TP).toBeLessThanOrEqual(-1 + 0.1);
		await expect(page.getByTestId('export-status')).toContainText('24-bit WAV');

		// A drill plays the saved track (offline), and deleting it puts the drills back on any style.
		await page.goto('/train/eq-boost');
		await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
		await page.goto('/settings');
		await expect(page.getByLabel('Music for the drills')).toHaveValue(/^track:/);
		await page.goto('/bench');
		await page.getByRole('button', { name: 'Delete mix.wav…' }).click();
		await page.getByRole('button', { name: 'Delete track' }).click();
		await expect(page.getByTestId('saved-tracks-empty')).toBeVisible();
		await page.goto('/settings');
		await expect(page.getByLabel('Music for the drills')).toHaveValue('any');
	});

	test('a hot mix: the graph keeps its loudest moment in view, and the master is named quieter', async ({
		page
	}, testInfo) => {
		const file = testInfo.outputPath('hot.wav');
		writeFileSync(file, hotMix());
		// Hotter than the graph's old fixed top (−4 LUFS), where its curve ran off the edge.
		expect(meterCli(file).I).toBeGreaterThan(-4);
		await page.goto('/bench');
		await page.getByTestId('track-input').setInputFiles(file);
		await expect(page.getByTestId('meters')).toBeVisible({ timeout: 60_000 });
		await expectReadableGraph(page);
		await page.getByRole('button', { name: 'Make the master' }).click();
		const changes = page.getByTestId('master-changes');
		await expect(changes).toBeVisible({ timeout: 90_000 });
		const loudness = changes
			.getByRole('row', { name: /Loudness/ })
			.first()
			.locator('td');
		const before = number(await loudness.nth(0).textContent());
		const after = number(await loudness.nth(1).textContent());
		expect(after).toBeLessThan(before - 6);
		await expectUnmatchedNote(page, { word: 'quieter', difference: after - before });
	});

	test('a file that is not audio gets a clear message and changes nothing', async ({ page }) => {
		await page.goto('/bench');
		await page.getByTestId('track-input').setInputFiles({
			name: 'notes.mp3',
			mimeType: 'audio/mpeg',
			buffer: Buffer.from('these are my mixing notes, not audio')
		});
		await expect(page.getByTestId('bench-error')).toContainText(
			'notes.mp3 is not an audio file this browser can decode'
		);
		// The message takes focus, so it is in view and read out.
		await expect(page.getByTestId('bench-error')).toBeFocused();
		await expect(page.getByTestId('bench-error')).toBeInViewport();
		await expect(page.getByTestId('meters')).toHaveCount(0);
		await page.getByTestId('track-input').setInputFiles({
			name: 'broken.wav',
			mimeType: 'audio/wav',
			buffer: Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(8)])
		});
		await expect(page.getByTestId('bench-error')).toContainText('broken.wav could not be read');

		// A track longer than 10 minutes is turned away from its header, before any decoding.
		await page.evaluate(() => {
			const counted = window as unknown as { decodes: number };
			counted.decodes = 0;
			const decode = AudioContext.prototype.decodeAudioData;
			AudioContext.prototype.decodeAudioData = function (...args) {
				counted.decodes += 1;
				return decode.apply(this, args);
			};
		});
		await page.getByTestId('track-input').setInputFiles('src/lib/bench/fixtures/vorbis-700s.ogg');
		await expect(page.getByTestId('bench-error')).toContainText(
			'vorbis-700s.ogg is 11:40 long. The bench takes tracks up to 10 minutes.'
		);
		expect(await page.evaluate(() => (window as unknown as { decodes: number }).decodes)).toBe(0);
	});
});
