import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, setSessionLength, test, waitForServiceWorker } from './fixtures';

/** Axe violations on the page as it is now, as readable strings. */
const axe = async (page: Page) =>
	(await new AxeBuilder({ page }).analyze()).violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`
	);

/** Counts stored attempts of one drill kind straight from IndexedDB. */
const storedAttempts = (page: Page, kind: string) =>
	page.evaluate(
		(kind) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('mix-for-the-master');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result
						.transaction('attempts')
						.objectStore('attempts')
						.index('kind')
						.count(kind);
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				};
			}),
		kind
	);

/** Playheads of every playing Howler sound, in seconds. */
/**
 * Where each loaded version is parked, read from Howler after a pause. (While playing, Howler's
 * `seek()` is its own bookkeeping, restarted from a late `setTimeout` at every loop: it drifts from
 * the audio by that lateness, so only a paused reading says where each version will resume.)
 */
const parkedPlayheads = (page: Page) =>
	page.evaluate(() => {
		const { Howler } = window as unknown as {
			Howler: { _howls: { playing(): boolean; state(): string; seek(): number }[] };
		};
		const loaded = Howler._howls.filter((h) => h.state() === 'loaded');
		return {
			playing: loaded.filter((h) => h.playing()).length,
			heads: loaded.map((h) => h.seek())
		};
	});

const kinds = [
	{ id: 'eq-boost', name: 'Spot the boost' },
	{ id: 'eq-cut', name: 'Spot the cut' },
	{ id: 'eq-detect', name: 'Is there EQ?' },
	{ id: 'eq-match', name: 'Match the EQ' },
	{ id: 'limiter', name: 'Over-limited?' },
	{ id: 'compression', name: 'Compressed?' },
	{ id: 'clipping', name: 'Clipped?' },
	{ id: 'level', name: 'Which is louder?' },
	{ id: 'mono', name: 'Mono check' },
	{ id: 'translation', name: 'Which system?' },
	{ id: 'balance', name: 'What moved?' }
];

/** Questions per session here: every step is checked on each question, and five show them all. */
const QUESTIONS = 5;

test('every drill opens offline after one visit, and an answer is kept', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.goto('/train');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	for (const kind of kinds) {
		await page.getByRole('link', { name: new RegExp(kind.name) }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(kind.name);
		await page.goBack();
	}
	// The last drill's music renders from the cached bank with the network off; its answer is stored.
	const last = kinds.at(-1)!;
	await page.getByRole('link', { name: new RegExp(last.name) }).click();
	await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Play' }).click();
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(page.getByRole('radio').first()).toBeEnabled({ timeout: 30_000 });
	await page.getByRole('radio').first().check();
	await page.getByRole('button', { name: 'Check answer' }).click();
	await expect(page.getByRole('heading', { name: 'What was done' })).toBeFocused();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.name);
	expect(await storedAttempts(page, last.id)).toBe(1);
});

// The journeys run with the service worker blocked: installing its precache in each of eleven
// fresh contexts cost CI minutes, and the test above covers every drill offline.
test.describe('every drill on a phone', () => {
	test.use({ serviceWorkers: 'block' });
	test.setTimeout(180_000);

	for (const kind of kinds) {
		test(`${kind.id}: play, switch A/B, answer ${QUESTIONS} questions, see results, attempts kept`, async ({
			page
		}) => {
			await setSessionLength(page, QUESTIONS);
			await page.goto('/train');
			await page.getByRole('link', { name: new RegExp(kind.name) }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(kind.name);

			const play = page.getByRole('button', { name: 'Play' });
			await expect(play).toBeEnabled({ timeout: 30_000 });
			await play.click();
			await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
			await expect(
				page.getByText(
					kind.id === 'level' ? 'Not matched: level is the question' : 'Loudness matched'
				)
			).toBeVisible();
			if (kind.id === 'mono') {
				// The mono drill lets the learner fold to mono and back.
				await page.getByRole('button', { name: 'Mono', exact: true }).click();
				await expect(page.getByRole('button', { name: 'Mono', exact: true })).toHaveAttribute(
					'aria-pressed',
					'true'
				);
				await page.getByRole('button', { name: 'Stereo' }).click();
			}
			await page.getByRole('button', { name: 'B', exact: true }).click();
			await expect(page.getByRole('button', { name: 'B', exact: true })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
			await page.getByRole('button', { name: 'A', exact: true }).click();
			// Every version stops on one playhead, to resume in sync.
			await page.getByRole('button', { name: 'Pause' }).click();
			const { playing, heads } = await parkedPlayheads(page);
			expect(playing).toBe(0);
			expect(heads.length).toBe(2);
			expect(Math.max(...heads) - Math.min(...heads)).toBeLessThan(1e-6);
			await page.getByRole('button', { name: 'Play' }).click();

			for (let i = 1; i <= QUESTIONS; i++) {
				await expect(page.getByText(`Question ${i} of ${QUESTIONS}`)).toBeVisible({
					timeout: 30_000
				});
				if (kind.id === 'eq-match') {
					await page.getByRole('slider', { name: /Frequency/ }).fill(String(100 * i));
				} else {
					const choices = page.getByRole('radio');
					// Count the new question's choices only once it is answerable.
					await expect(choices.first()).toBeEnabled({ timeout: 30_000 });
					await choices.nth(i % (await choices.count())).check();
				}
				await page.getByRole('button', { name: 'Check answer' }).click();
				await expect(page.getByRole('heading', { name: 'What was done' })).toBeVisible();
				if (kind.id.startsWith('eq-')) {
					await expect(page.getByRole('img', { name: /EQ curve/ })).toBeVisible();
				} else {
					await expect(page.getByRole('table')).toBeVisible(); // each version's readings
					// The readings' terms are explained where they appear.
					await expect(page.getByTestId('readings-legend')).toContainText(
						/PLR.+true peak minus loudness.+PSR.+short-term/s
					);
				}
				if (['limiter', 'compression', 'clipping', 'level'].includes(kind.id)) {
					await expect(
						page.getByRole('img', { name: /Version A: waveform overview/ })
					).toBeVisible();
				}
				await page.getByRole('button', { name: i === QUESTIONS ? 'See results' : 'Next' }).click();
			}
			// Results open at the top of the page, with focus on their heading.
			const results = page.getByRole('heading', { name: 'Results' });
			await expect(results).toBeFocused();
			expect(await page.evaluate(() => scrollY)).toBe(0);
			await expect(page.getByText(`of ${QUESTIONS} right`)).toBeInViewport();
			// Each miss shows the learner's answer against the right one.
			const missed = page.getByTestId('missed-question');
			for (const text of await missed.allTextContents()) {
				expect(text).toMatch(
					kind.id === 'eq-match'
						? /Question \d+/
						: /Question \d+.*You answered .+ · Right answer .+/s
				);
			}
			if (kind.id === 'eq-boost') expect(await axe(page)).toEqual([]);
			expect(await storedAttempts(page, kind.id)).toBe(QUESTIONS);

			await page.reload();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(kind.name);
			expect(await storedAttempts(page, kind.id)).toBe(QUESTIONS);
		});
	}
});

test('the daily mix draws questions from several drills and stores every answer', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/train');
	await page.getByRole('link', { name: /Daily mix/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Daily mix');
	const seen = new Set<string>();
	for (let i = 1; i <= 10; i++) {
		await expect(page.getByText(`Question ${i} of 10`)).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeEnabled({
			timeout: 30_000
		});
		const radios = page.getByRole('radio');
		// The answer form is up: "Pick an answer" until a choice is made (eq-match checks at once).
		await expect(page.getByRole('button', { name: /^(Pick an answer|Check answer)$/ })).toBeVisible(
			{ timeout: 30_000 }
		);
		seen.add((await page.locator('.kind-name').textContent())!.trim());
		if (await radios.count()) await radios.first().check();
		await page.getByRole('button', { name: 'Check answer' }).click();
		await page.getByRole('button', { name: i === 10 ? 'See results' : 'Next' }).click();
	}
	await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
	// Ten draws over ten kinds with every weight at least 0.5 of 2.5: several kinds come up.
	expect(seen.size).toBeGreaterThanOrEqual(3);
	const stored = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('mix-for-the-master');
				open.onsuccess = () => {
					const r = open.result.transaction('attempts').objectStore('attempts').count();
					r.onsuccess = () => resolve(r.result);
				};
			})
	);
	expect(stored).toBe(10);
});
