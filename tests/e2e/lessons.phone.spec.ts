/**
 * The course on a phone. One test installs the service worker, then opens every lesson with the
 * network off: no axe violations, and its hands-on task (a Mix Lab project or the Bench) opens its
 * target in one tap; a demo plays offline. The per-lesson journeys run online with the service
 * worker blocked (installing its 8 MB precache in each fresh context cost CI minutes): the first demo
 * plays, a "mix or master?" song question plays, the quiz can be passed; on the first lesson,
 * completion survives a reload, and the course map and Today show it.
 */
import AxeBuilder from '@axe-core/playwright';
import { readCourse } from '../../src/lib/course/vite-plugin';
import type { StyleId } from '../../src/lib/dsp/synth/styles';
import { isSongVersionId } from '../../src/lib/lesson/version-ids';
import { projectName } from '../../src/lib/mix/stem-names';
import { expect, test, waitForServiceWorker } from './fixtures';

const { lessons } = readCourse(process.cwd());

test('every lesson opens offline, and its demo plays', async ({ page, context }) => {
	test.setTimeout(60_000 + lessons.length * 5_000);
	await page.goto('/learn');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	for (const lesson of lessons) {
		await page.goto(`/learn/${lesson.slug}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
		const violations = (await new AxeBuilder({ page }).analyze()).violations.map(
			(v) => `${lesson.slug}: ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`
		);
		expect(violations).toEqual([]);
		// The hands-on task opens its target in one tap, offline too.
		if (lesson.mix) {
			await page.getByRole('link', { name: /Open the project/ }).click();
			const project = projectName({ ...lesson.mix, style: lesson.mix.style as StyleId });
			await expect(page.getByText(`Making the stems of ${project}`)).toBeVisible();
		} else {
			await page.getByRole('link', { name: /Open the Bench/ }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bench');
		}
	}
	await page.goto(`/learn/${lessons[0].slug}`);
	const play = page.locator('article').getByRole('button', { name: 'Play' }).first();
	await play.scrollIntoViewIfNeeded();
	await play.click();
	await expect(page.locator('article').getByRole('button', { name: 'Pause' }).first()).toBeVisible({
		timeout: 45_000
	});
	await expect(page.locator('article [role="alert"]')).toHaveCount(0);
});

test.describe('every lesson on a phone', () => {
	test.use({ serviceWorkers: 'block' });
	test.setTimeout(90_000);

	for (const lesson of lessons) {
		test(`${lesson.order}. ${lesson.title}`, async ({ page }) => {
			await page.goto(`/learn/${lesson.slug}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
			// No horizontal scrolling at 360 px.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				360
			);

			// The first demo renders on the device and plays.
			const play = page.locator('article').getByRole('button', { name: 'Play' }).first();
			await play.scrollIntoViewIfNeeded();
			await play.click();
			await expect(
				page.locator('article').getByRole('button', { name: 'Pause' }).first()
			).toBeVisible({ timeout: 45_000 });
			await expect(page.locator('article [role="alert"]')).toHaveCount(0);
			await page.locator('article').getByRole('button', { name: 'Pause' }).first().click();

			// Every lesson ends with one hands-on task: a Mix Lab project or a Bench step.
			const handsOn = page.getByRole('link', { name: /Open the project|Open the Bench/ });
			await expect(handsOn).toHaveCount(1);
			if (lesson.mix) {
				const { style, seed, level } = lesson.mix;
				await expect(handsOn).toHaveAttribute(
					'href',
					`/mix?style=${style}&seed=${seed}&level=${level}`
				);
				await expect(handsOn).toContainText(lesson.mix.task);
			} else {
				await expect(handsOn).toHaveAttribute('href', '/bench');
				await expect(handsOn).toContainText(lesson.bench!.task);
			}

			// The practice plan is a week on one card: every drill and the Mix Lab, a tap each.
			if (lesson.slug === 'a-practice-plan') {
				const week = page.getByRole('region', { name: 'A week of practice' });
				await expect(week.getByRole('listitem')).toHaveCount(7);
				const hrefs = await week
					.getByRole('link')
					.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
				expect(new Set(hrefs)).toEqual(
					new Set(['/train/daily', '/mix', ...lesson.drills.map((kind) => `/train/${kind}`)])
				);
			}

			// Pass the quiz with the right answers.
			const questions = page.getByTestId('quiz-question');
			await expect(questions).toHaveCount(lesson.quiz.length);
			// A "mix or master?" question plays the song with the mix engine's lead vocal.
			const song = lesson.quiz.findIndex((q) => q.listen && isSongVersionId(q.listen.a));
			if (song >= 0) {
				const player = questions.nth(song);
				await player.getByRole('button', { name: 'Play' }).click();
				await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible({
					timeout: 45_000
				});
				await expect(player.locator('[role="alert"]')).toHaveCount(0);
				await player.getByRole('button', { name: 'Pause' }).click();
			}
			for (const [i, question] of lesson.quiz.entries()) {
				const form = questions.nth(i);
				await form
					.getByRole('radio', { name: question.choices[question.answer], exact: true })
					.check();
				await form.getByRole('button', { name: 'Check' }).click();
				await expect(form.getByText('Right.')).toBeVisible();
			}
			await expect(page.getByTestId('quiz-score')).toContainText(
				`${lesson.quiz.length} of ${lesson.quiz.length} right`
			);
			await expect(page.getByTestId('lesson-complete')).toBeVisible();

			// What completion changes elsewhere is the same for every lesson: checked on the first.
			if (lesson.order !== 1) return;
			await page.reload();
			await expect(page.getByText('Completed', { exact: true })).toBeVisible();
			await page.goto('/learn');
			await expect(page.getByTestId('course-progress')).toHaveText(
				`1 of ${lessons.length} lessons completed.`
			);
			// Completing a lesson counts toward today's goal (1 session by default).
			await page.goto('/');
			await expect(page.getByTestId('streak')).toHaveText('1-day streak');
			// Progress worth keeping in a browser that has not promised to keep it: the weekly
			// reminder to export a backup, which "Remind me next week" puts away.
			const reminder = page.getByTestId('backup-reminder');
			await expect(reminder).toBeVisible();
			await reminder.getByRole('button', { name: 'Remind me next week' }).click();
			await expect(reminder).toBeHidden();
			await page.reload();
			await expect(page.getByTestId('streak')).toHaveText('1-day streak');
			await expect(reminder).toBeHidden();
			// The lesson's Mix Lab link opens its project, rendered on the device.
			await page.goto(`/learn/${lesson.slug}`);
			await page.getByRole('link', { name: /Open the project/ }).click();
			await expect(
				page.getByRole('heading', { name: 'Pop-rock · project 8 · level 1' })
			).toBeVisible({ timeout: 30_000 });
			await expect(
				page.getByText('The lead vocal is buried under the parts in its band.')
			).toBeVisible();
		});
	}
});

test('a missed quiz question comes back in the daily session', async ({ page }) => {
	const lesson = lessons[0];
	await page.goto(`/learn/${lesson.slug}`);
	const questions = page.getByTestId('quiz-question');
	for (const [i, question] of lesson.quiz.entries()) {
		const wrong = i === 0 ? (question.answer + 1) % question.choices.length : question.answer;
		await questions
			.nth(i)
			.getByRole('radio', { name: question.choices[wrong], exact: true })
			.check();
		await questions.nth(i).getByRole('button', { name: 'Check' }).click();
	}
	await expect(questions.first().getByText('Not quite.')).toBeVisible();
	// Due a day later: move the card's due time to now, as tomorrow would.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('mix-for-the-master');
				open.onsuccess = () => {
					const tx = open.result.transaction('reviews', 'readwrite');
					const store = tx.objectStore('reviews');
					const all = store.getAll();
					all.onsuccess = () => {
						for (const card of all.result) store.put({ ...card, due: Date.now() - 1000 });
					};
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.goto('/train/daily');
	const review = page.getByTestId('lesson-review');
	await expect(review).toContainText(`From “${lesson.title}”`);
	await expect(review).toContainText(lesson.quiz[0].question);
	const q = lesson.quiz[0];
	await review.getByRole('radio', { name: q.choices[q.answer], exact: true }).check();
	await review.getByRole('button', { name: 'Check' }).click();
	await expect(review.getByText('Right.')).toBeVisible();
	await review.getByRole('button', { name: 'On to the drills' }).click();
	await expect(page.getByText('Question 1 of 10')).toBeVisible({ timeout: 30_000 });
	await page.reload();
	// Answered right, it is scheduled days ahead: no review today.
	await expect(page.getByText('Question 1 of 10')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('lesson-review')).toHaveCount(0);
});
