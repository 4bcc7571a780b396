/**
 * Nothing lost when things go wrong: a full disk while saving a track and while saving a mix
 * session, the page closed in the middle of storing an answer, and two tabs on one mix session. In
 * each, the learner is told in plain words, and what was stored before is read back intact straight
 * from IndexedDB. The failures are injected as the browser fails (idb-faults.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { renderNoise } from '../../src/lib/dsp/synth/noise';
import { encodeWav } from '../../src/lib/dsp/wav';
import { expect, test } from './fixtures';
import {
	failedWrites,
	installIdbFaults,
	setIdbFaults,
	storedRows,
	waitForHeldWrite
} from './idb-faults';

// None of this needs the offline cache: installing it would cost each test seconds.
test.use({ serviceWorkers: 'block' });

test.beforeEach(async ({ context }) => {
	await context.addInitScript(installIdbFaults);
});

const EVERYTHING_SAFE =
	'Everything saved before is safe. Free some space on the device, and export a backup in Settings to keep a copy.';

/** The one stored mix session. */
async function storedSession(page: Page) {
	const rows = (await storedRows(page, 'mixSessions')) as {
		revision?: number;
		settings: { bus: { tiltDb: number } };
	}[];
	expect(rows).toHaveLength(1);
	return rows[0];
}

/** Opens pop-rock project 8 at level 1 (one planted problem: the quickest to render). */
async function openProject(page: Page, url = '/mix?style=pop-rock&seed=8&level=1') {
	await page.goto(url);
	await expect(page.getByRole('heading', { name: 'Pop-rock · project 8 · level 1' })).toBeVisible({
		timeout: 30_000
	});
}

test('a full disk while saving a track: the learner is told, and the tracks saved before stay', async ({
	page
}, testInfo) => {
	// 3 s of pink noise, 44.1 kHz stereo: quick to open, meter and prepare.
	const noise = renderNoise({
		color: 'pink',
		seed: 5,
		seconds: 3,
		sampleRate: 44100,
		rmsDbfs: -20
	});
	const file = testInfo.outputPath('short.wav');
	writeFileSync(file, encodeWav({ channels: [noise.left, noise.right], sampleRate: 44100 }));
	await page.goto('/bench');
	await page.getByTestId('track-input').setInputFiles(file);
	const use = page.getByRole('button', { name: 'Use this track in drills' });
	await use.click();
	await expect(page.getByTestId('save-status')).toContainText('Saved “short.wav”');
	const before = await storedRows(page, 'tracks');
	expect(before).toHaveLength(1);
	const source = await storedRows(page, 'settings', 'drillSource');

	await setIdbFaults(page, { quota: ['tracks'] });
	await use.click();
	await expect(page.getByRole('alert').filter({ hasText: 'storage' })).toHaveText(
		'This device is out of storage space, so the track was not saved. Your saved tracks and progress are safe. Delete a saved track or free some space on the device, then try again.'
	);
	await expect(page.getByTestId('save-status')).toHaveCount(0);
	expect(await failedWrites(page)).toBe(1);
	// The track saved before, byte for byte the same row, and still the drills' music.
	expect(await storedRows(page, 'tracks')).toEqual(before);
	expect(await storedRows(page, 'settings', 'drillSource')).toEqual(source);
	await expect(page.getByTestId('saved-tracks').getByRole('listitem')).toHaveCount(1);
});

test('a full disk while saving a mix session: the learner is told, the stored session stays, and Try again saves it', async ({
	page
}) => {
	await openProject(page);
	// The session is stored as it opens, and again after a change.
	await expect.poll(async () => (await storedSession(page)).revision).toBe(1);
	const tilt = page.getByRole('slider', { name: 'Bus tilt' });
	await tilt.focus();
	await tilt.press('ArrowRight');
	await expect.poll(async () => (await storedSession(page)).revision).toBe(2);
	const before = await storedSession(page);

	await setIdbFaults(page, { quota: ['mixSessions'] });
	await tilt.press('ArrowRight');
	const notice = page.getByRole('alert').filter({ hasText: 'storage space' });
	await expect(notice.locator('p')).toHaveText(
		`This device is out of storage space, so your latest mix changes could not be saved. ${EVERYTHING_SAFE}`
	);
	// The session as stored before the failed save; the mix on screen keeps the change.
	expect(await storedSession(page)).toEqual(before);
	const onScreen = await tilt.getAttribute('aria-valuetext');

	// Space again: Try again stores the mix as it is on screen.
	await setIdbFaults(page, {});
	await notice.getByRole('button', { name: 'Try again' }).click();
	await expect(notice).toHaveCount(0);
	const after = await storedSession(page);
	expect(after.revision).toBe(3);
	expect(after.settings.bus.tiltDb).toBeGreaterThan(before.settings.bus.tiltDb);
	await expect(tilt).toHaveAttribute('aria-valuetext', onScreen!);
});

test('the page closed in the middle of storing an answer: both or neither, and the next page says so', async ({
	page,
	context
}) => {
	await page.goto('/train/level');
	const answer = async (n: number) => {
		await expect(page.getByText(`Question ${n} of`)).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('radio').first()).toBeEnabled({ timeout: 30_000 });
		await page.getByRole('radio').first().check();
		await page.getByRole('button', { name: 'Check answer' }).click();
	};
	await answer(1);
	await page.getByRole('button', { name: 'Next' }).click();
	const stored = {
		attempts: await storedRows(page, 'attempts'),
		days: await storedRows(page, 'days'),
		kindDays: await storedRows(page, 'kindDays'),
		drillStates: await storedRows(page, 'drillStates')
	};
	expect(stored.attempts).toHaveLength(1);

	// The second answer's transaction makes every request, then never commits: the page closes.
	await setIdbFaults(page, { hold: ['attempts'] });
	await answer(2);
	await waitForHeldWrite(page);
	await page.close({ runBeforeUnload: false });

	const next = await context.newPage();
	await next.goto('/');
	await expect(next.getByTestId('lost-answers').locator('p')).toHaveText(
		/^Your answer in “Which is louder\?” at \d{1,2}:\d\d(\s[AP]M)? was not saved: the app closed while it was being stored\. Everything saved before it is safe, and your progress does not count it\.$/
	);
	// Neither the attempt nor the day's totals of the second answer; the first intact, with its totals.
	expect({
		attempts: await storedRows(next, 'attempts'),
		days: await storedRows(next, 'days'),
		kindDays: await storedRows(next, 'kindDays'),
		drillStates: await storedRows(next, 'drillStates')
	}).toEqual(stored);
	// Told once: the next page has nothing to say.
	await next.getByRole('button', { name: 'Dismiss' }).click();
	await next.reload();
	await expect(next.getByRole('heading', { name: 'Today' })).toBeVisible();
	await expect(next.getByTestId('lost-answers')).toHaveCount(0);
});

test('two tabs on one mix session: the tab left behind is told, cannot overwrite, and reloads the newer mix', async ({
	page,
	context
}) => {
	const tabA = page;
	await openProject(tabA);
	await expect.poll(async () => (await storedSession(tabA)).revision).toBe(1);
	// Tab B opens the Mix Lab on the session the learner left: the same one.
	const tabB = await context.newPage();
	await openProject(tabB, '/mix');
	const tiltB = tabB.getByRole('slider', { name: 'Bus tilt' });
	await tiltB.focus();
	await tiltB.press('ArrowRight');
	await expect.poll(async () => (await storedSession(tabB)).revision).toBe(2);
	const savedByB = await storedSession(tabB);

	// Tab A is told at once, before it changes anything.
	const notice = tabA.getByRole('alert').filter({ hasText: 'another tab' });
	await expect(notice.locator('p')).toHaveText(
		'This mix session was changed in another tab, so changes made here are not saved. Reload it to carry on from the other tab’s version.'
	);
	// A change in tab A does not overwrite tab B's newer mix.
	const tiltA = tabA.getByRole('slider', { name: 'Bus tilt' });
	await tiltA.focus();
	await tiltA.press('ArrowLeft');
	await tabA.waitForTimeout(1_500); // well past the 400 ms a change waits before it is saved
	expect(await storedSession(tabA)).toEqual(savedByB);

	// Reloaded, tab A has tab B's mix, and saves again.
	await notice.getByRole('button', { name: 'Reload the session' }).click();
	await expect(notice).toHaveCount(0, { timeout: 30_000 });
	await expect(tiltA).toHaveAttribute(
		'aria-valuetext',
		(await tiltB.getAttribute('aria-valuetext'))!
	);
	await tiltA.focus();
	await tiltA.press('ArrowRight');
	await expect.poll(async () => (await storedSession(tabA)).revision).toBe(3);
	// Now tab B is the one behind.
	await expect(tabB.getByRole('alert').filter({ hasText: 'another tab' })).toBeVisible();
});
