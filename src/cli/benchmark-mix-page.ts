/**
 * The Mix Lab page benchmark (issue 15's budgets), in headless Chromium at 360×740 on the built app
 * (`build/`, served as users get it):
 * 1. Open `/mix?style=pop-rock&seed=8&level=1` to a playable rough mix (the project heading shown and
 *    the player's Play enabled): cold, in a fresh browser context (nothing cached, no service worker);
 *    then warm, in the same context once its service worker is active: another project
 *    (`ballad`, seed 3, level 2), and the same project again. Each is a full page load, timed in the
 *    page from navigation start, with the workers' steps as the breakdown (the stems workers'
 *    progress and replies, then the mix worker's open reply and its own `ms`).
 * 2. Control change → heard: keyboard steps on "Bass level" (one at a time, a learner's pause
 *    between), from the key press to the status saying the new mix was swapped into the player.
 * 3. "Check my mix" → the Results heading.
 * 4. Memory: the peak RSS of the page's renderer processes (sampled every 20 ms from /proc) while a
 *    project opens, is mixed and checked, minus the same page at rest before it: `/mix` with the
 *    project picker showing, loaded a second time (files and service worker cached).
 * The page is only observed: an init script wraps `Worker` to timestamp the mix worker's messages and
 * watches the DOM; the app itself is unchanged. Run alone with `npx tsx src/cli/benchmark-mix-page.ts`
 * after `npm run build`, or as part of `npm run benchmark`.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromeArgs } from './chrome-args';
import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve';

type Row = (what: string, result: string, target: string) => void;

const COLD_URL = '/mix?style=pop-rock&seed=8&level=1';
const OTHER_URL = '/mix?style=ballad&seed=3&level=2';
/** Fresh browser contexts: each gives one cold open, two warm opens, the changes and a check. */
const RUNS = 5;
const CHANGES = 10;
const MEMORY_RUNS = 3;
/** Between key presses, as a learner listens (and so one change is one re-mix). */
const PAUSE_MS = 300;
const SAMPLE_MS = 20;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** "median (min–max)" of the runs' values. */
const spread = (xs: number[], unit = ms) =>
	`${unit(median(xs))} (${unit(Math.min(...xs))}–${unit(Math.max(...xs))})`;

/** What the init script records in the page, times from navigation start (performance.now()). */
interface Marks {
	worker: { from: 'mix' | 'stems'; at: number; kind: string; fraction?: number; ms?: number }[];
	workerStartedAt: number | null;
	playableAt: number | null;
	keys: number[];
	updates: { at: number; statusMs: number; workerMs: number }[];
	checkClickAt: number | null;
	resultsAt: number | null;
}

/** Runs in every document before the app: timestamps the mix worker's messages and what appears. */
function instrument() {
	const marks: Marks = {
		worker: [],
		workerStartedAt: null,
		playableAt: null,
		keys: [],
		updates: [],
		checkClickAt: null,
		resultsAt: null
	};
	(window as unknown as { __mixBench: Marks }).__mixBench = marks;
	const NativeWorker = window.Worker;
	window.Worker = class extends NativeWorker {
		constructor(url: string | URL, options?: WorkerOptions) {
			super(url, options);
			const from = String(url).includes('mix.worker')
				? 'mix'
				: String(url).includes('stems.worker')
					? 'stems'
					: null;
			if (!from) return;
			if (from === 'stems') marks.workerStartedAt ??= performance.now();
			this.addEventListener('message', (event: MessageEvent) => {
				const data = event.data as { kind?: string; fraction?: number; ms?: number } | null;
				if (data && typeof data.kind === 'string')
					marks.worker.push({
						from,
						at: performance.now(),
						kind: data.kind,
						fraction: data.fraction,
						ms: data.ms
					});
			});
		}
	};
	addEventListener('keydown', (event) => marks.keys.push(event.timeStamp), { capture: true });
	addEventListener(
		'click',
		(event) => {
			const button = (event.target as Element | null)?.closest?.('button');
			if (button?.textContent?.trim() === 'Check my mix') marks.checkClickAt = event.timeStamp;
		},
		{ capture: true }
	);
	let lastStatus = '';
	new MutationObserver(() => {
		const now = performance.now();
		if (marks.playableAt === null) {
			const play = document.querySelector<HTMLButtonElement>('.player button[aria-label="Play"]');
			if (document.getElementById('project-heading') && play && !play.disabled)
				marks.playableAt = now;
		}
		const status = document.querySelector<HTMLElement>('#project-heading ~ .status');
		const text = status?.textContent?.trim() ?? '';
		if (text !== lastStatus) {
			lastStatus = text;
			const found = text.match(/updated in (\d+) ms/);
			if (found)
				marks.updates.push({
					at: now,
					statusMs: Number(found[1]),
					workerMs: Number(status?.dataset.workerMs)
				});
		}
		if (marks.checkClickAt !== null && marks.resultsAt === null)
			if (document.getElementById('results-heading')) marks.resultsAt = now;
	}).observe(document, {
		childList: true,
		subtree: true,
		characterData: true,
		attributes: true,
		attributeFilter: ['disabled']
	});
}

const marksOf = (page: Page) =>
	page.evaluate(() => (window as unknown as { __mixBench: Marks }).__mixBench);

/** One open of a project URL, as a full page load. */
interface OpenTiming {
	/** Navigation start → playable, in the page. */
	inPage: number;
	/** page.goto → playable as Playwright sees it. */
	outside: number;
	/** Navigation start → the page starts the stems workers. */
	toWorker: number;
	/** Stems workers started → each has loaded its script and the instrument bank (the last one). */
	bank: number;
	/** → each has rendered its stems (the last one). */
	stems: number;
	/** The stems sent to the mix worker → its reply: problems planted, rough mix made and encoded. */
	mixes: number;
	/** The open reply → playable (the A/B player's buffers, then the page drawn). */
	player: number;
	/** The worker's own time for the open request (NaN when not back by then). */
	workerMs: number;
	/**
	 * Played from the project's kept rough mix (Cache Storage) before the worker's reply: the
	 * worker's steps did not stand between the page and playback (they are NaN).
	 */
	kept: boolean;
}

async function openProject(page: Page, url: string): Promise<OpenTiming> {
	const start = performance.now();
	await page.goto(url);
	await page
		.locator('.player')
		.getByRole('button', { name: 'Play' })
		.and(page.locator(':enabled'))
		.waitFor({ timeout: 60_000 });
	await page.locator('#project-heading').waitFor();
	const outside = performance.now() - start;
	const marks = await marksOf(page);
	// The last of the stems workers to get there (they run side by side).
	const last = (kind: string) =>
		Math.max(...marks.worker.filter((m) => m.from === 'stems' && m.kind === kind).map((m) => m.at));
	const found = marks.worker.find((m) => m.from === 'mix' && m.kind === 'open');
	const kept = !found || found.at > marks.playableAt!;
	const reply = kept ? { at: NaN, ms: NaN } : found;
	const started = marks.workerStartedAt!;
	return {
		kept,
		inPage: marks.playableAt!,
		outside,
		toWorker: started,
		bank: last('progress') - started,
		stems: last('stems') - last('progress'),
		mixes: reply.at - last('stems'),
		player: marks.playableAt! - reply.at,
		workerMs: reply.ms!
	};
}

/** Waits until the service worker is active (it precaches the app and the bank). */
async function serviceWorkerReady(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForLoadState('networkidle');
}

/** Selects the Bass stem and focuses its level slider. */
async function bassLevel(page: Page) {
	await page.getByRole('button', { name: /^Bass/ }).click();
	const slider = page.getByRole('slider', { name: 'Bass level' });
	await slider.focus();
	return slider;
}

/** `count` keyboard steps on the focused slider, each waited for until its mix is swapped in. */
async function changes(page: Page, count: number) {
	for (let i = 0; i < count; i++) {
		const before = (await marksOf(page)).updates.length;
		await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
		await page.waitForFunction(
			(n) => (window as unknown as { __mixBench: Marks }).__mixBench.updates.length > n,
			before,
			{ timeout: 10_000 }
		);
		await page.waitForTimeout(PAUSE_MS);
	}
}

/** Taps "Check my mix" and waits for the Results heading. */
async function runCheck(page: Page) {
	await page.getByRole('button', { name: 'Check my mix' }).click();
	await page.locator('#results-heading').waitFor({ timeout: 60_000 });
}

/**
 * Resident memory of the Chromium renderer processes started by this Node process (a page and its
 * workers run there), bytes. Read from /proc rather than `ps` (`chromiumRss` in benchmark-track.ts):
 * one `ps` takes about 25 ms here, longer than the sampling interval, and `ps -C chromium` also counts
 * any other Chromium running on the machine.
 */
function rendererRss(): { bytes: number; count: number; each: Map<number, number> } {
	const parent = new Map<number, number>();
	const name = new Map<number, string>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const close = stat.lastIndexOf(')');
			name.set(pid, stat.slice(stat.indexOf('(') + 1, close));
			parent.set(pid, Number(stat.slice(close + 2).split(' ')[1]));
		} catch {
			// The process ended between the listing and the read.
		}
	}
	const ours = (pid: number) => {
		for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p))
			if (p === process.pid) return true;
		return false;
	};
	let bytes = 0;
	let count = 0;
	const each = new Map<number, number>();
	for (const [pid, comm] of name) {
		if (comm !== 'chromium' || !ours(pid)) continue;
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
			const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
			bytes += pages * 4096;
			count++;
			each.set(pid, pages * 4096);
		} catch {
			// Ended meanwhile.
		}
	}
	return { bytes, count, each };
}

/**
 * Samples `rendererRss()` every SAMPLE_MS until stopped; resolves with the peak, the most renderer
 * processes seen at once, the largest growth of one renderer above `rest` and the number of samples.
 */
function sampleRss(rest: Map<number, number>) {
	let peak = 0;
	let growth = 0;
	let processes = 0;
	let samples = 0;
	let running = true;
	const done = (async () => {
		while (running) {
			const { bytes, count, each } = rendererRss();
			peak = Math.max(peak, bytes);
			processes = Math.max(processes, count);
			for (const [pid, size] of each) growth = Math.max(growth, size - (rest.get(pid) ?? 0));
			samples++;
			await new Promise((ok) => setTimeout(ok, SAMPLE_MS));
		}
		return { peak, processes, growth, samples };
	})();
	return {
		stop: () => {
			running = false;
			return done;
		}
	};
}

const launch = () =>
	chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: chromeArgs
	});
const phone = { viewport: { width: 360, height: 740 }, serviceWorkers: 'allow' as const };

interface RunTiming {
	cold: OpenTiming;
	warmOther: OpenTiming;
	warmSame: OpenTiming;
	/** Per change: key press → the status shows the new mix; the status's own ms; the worker's. */
	changes: { heard: number; status: number; worker: number }[];
	check: { inPage: number; outside: number; workerMs: number };
}

/** One fresh context: cold open, the service worker's install, two warm opens, changes, a check. */
async function timingRun(browser: Browser, base: string): Promise<RunTiming> {
	const context = await browser.newContext(phone);
	await context.addInitScript(instrument);
	try {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		const cold = await openProject(page, base + COLD_URL);
		await serviceWorkerReady(page);
		const warmOther = await openProject(page, base + OTHER_URL);
		const warmSame = await openProject(page, base + COLD_URL);
		// Changes are timed on a project whose stems are made (a kept rough mix plays before that).
		await page.waitForFunction(
			() =>
				(window as unknown as { __mixBench: Marks }).__mixBench.worker.some(
					(m) => m.kind === 'open'
				),
			undefined,
			{ timeout: 60_000 }
		);

		await page.locator('.player').getByRole('button', { name: 'Play' }).click();
		await bassLevel(page);
		await changes(page, CHANGES);
		let marks = await marksOf(page);
		// Each key press made one update (they were waited for one by one).
		if (marks.keys.length !== CHANGES || marks.updates.length !== CHANGES)
			throw new Error(`${marks.keys.length} key presses made ${marks.updates.length} re-mixes`);
		const heard = marks.updates.map((update, i) => ({
			heard: update.at - marks.keys[i],
			status: update.statusMs,
			worker: update.workerMs
		}));

		const start = performance.now();
		await runCheck(page);
		const outside = performance.now() - start;
		marks = await marksOf(page);
		const reply = marks.worker.findLast((m) => m.kind === 'check');
		if (errors.length) throw new Error(`The page failed: ${errors.join('; ')}`);
		return {
			cold,
			warmOther,
			warmSame,
			changes: heard,
			check: { inPage: marks.resultsAt! - marks.checkClickAt!, outside, workerMs: reply?.ms ?? NaN }
		};
	} finally {
		await context.close();
	}
}

/** One fresh context: /mix at rest (second load), then a project opened, mixed and checked. */
async function memoryRun(browser: Browser, base: string) {
	const context = await browser.newContext(phone);
	try {
		const page = await context.newPage();
		await page.goto(`${base}/mix`);
		await serviceWorkerReady(page);
		// At rest: the picker, with the app's files cached and the service worker in control.
		await page.goto(`${base}/mix`);
		await page.getByRole('button', { name: 'Open a new project' }).waitFor();
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1500);
		const rest: number[] = [];
		let restProcesses = 0;
		let each = new Map<number, number>();
		for (let i = 0; i < 5; i++) {
			const sample = rendererRss();
			rest.push(sample.bytes);
			restProcesses = Math.max(restProcesses, sample.count);
			each = sample.each;
			await page.waitForTimeout(100);
		}
		const baseline = median(rest);
		const sampler = sampleRss(each);
		const start = performance.now();
		// Pop-rock, level 1 (the picker's defaults), a random seed: opened without a navigation, so the
		// renderer is the one measured at rest.
		await page.getByRole('button', { name: 'Open a new project' }).click();
		const play = page.locator('.player').getByRole('button', { name: 'Play' });
		await play.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
		await play.click();
		await bassLevel(page);
		await page.evaluate(() => {
			// No init script here (memory is measured unobserved): count status changes directly.
			const status = document.querySelector('#project-heading ~ .status')!;
			const w = window as unknown as { __updates: number };
			w.__updates = 0;
			new MutationObserver(() => {
				if (status.textContent?.includes('updated in')) w.__updates++;
			}).observe(status, { childList: true, subtree: true, characterData: true });
		});
		for (let i = 0; i < 5; i++) {
			const before = await page.evaluate(
				() => (window as unknown as { __updates: number }).__updates
			);
			await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
			await page.waitForFunction(
				(n) => (window as unknown as { __updates: number }).__updates > n,
				before,
				{ timeout: 10_000 }
			);
			await page.waitForTimeout(PAUSE_MS);
		}
		await runCheck(page);
		await page.waitForTimeout(500);
		const seconds = (performance.now() - start) / 1000;
		const { peak, processes, growth, samples } = await sampler.stop();
		return {
			baseline,
			peak,
			above: peak - baseline,
			restProcesses,
			processes,
			growth,
			interval: (seconds * 1000) / samples
		};
	} finally {
		await context.close();
	}
}

/** Runs the measurements, reporting through `row(what, result, target)`. */
export async function benchmarkMixPage(row: Row) {
	const server = await startServer({ port: 0 });
	const base = `http://localhost:${(server.address() as AddressInfo).port}`;
	const browser = await launch();
	try {
		const runs: RunTiming[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await timingRun(browser, base));
		const memory: Awaited<ReturnType<typeof memoryRun>>[] = [];
		for (let i = 0; i < MEMORY_RUNS; i++) memory.push(await memoryRun(browser, base));

		const opens = (pick: (run: RunTiming) => OpenTiming, what: string, target: string) => {
			const timings = runs.map(pick);
			const of = (key: keyof OpenTiming) => median(timings.map((t) => Number(t[key])));
			row(
				`Chromium, Mix Lab: open ${what} to a playable rough mix (median and range of ${RUNS}, in page from navigation start; as Playwright sees it)`,
				`${spread(timings.map((t) => t.inPage))}; ${ms(of('outside'))}`,
				target
			);
			const rendered = timings.filter((t) => !t.kept);
			const step = (key: keyof OpenTiming) => ms(median(rendered.map((t) => t[key] as number)));
			row(
				`Chromium, Mix Lab: that open step by step (medians): page → stems workers started / their scripts and bank / stems rendered / problems planted and rough mix in the mix worker / player ready; the mix worker's own ms`,
				rendered.length === 0
					? `all ${timings.length} played the project's kept rough mix before the worker's render (${ms(of('toWorker'))} to the worker's start)`
					: `${step('toWorker')} / ${step('bank')} / ${step('stems')} / ${step('mixes')} / ${step('player')}; ${step('workerMs')}` +
							(rendered.length < timings.length
								? ` (${timings.length - rendered.length} of ${timings.length} played a kept rough mix first)`
								: ''),
				'–'
			);
		};
		opens((r) => r.cold, `${COLD_URL}, cold (fresh context, nothing cached)`, '≤ 2500 ms');
		opens(
			(r) => r.warmOther,
			`${OTHER_URL}, warm (same context, service worker active)`,
			'≤ 1000 ms'
		);
		opens((r) => r.warmSame, `${COLD_URL} again, warm`, '≤ 1000 ms');

		const perRun = (pick: (c: RunTiming['changes'][number]) => number) =>
			runs.map((r) => median(r.changes.map(pick)));
		const heard = perRun((c) => c.heard);
		row(
			`Chromium, Mix Lab: "Bass level" key press → new mix swapped into the player (playing; median of ${CHANGES} per run, median and range of ${RUNS} runs)`,
			`${spread(heard)}; the status's own ms ${spread(perRun((c) => c.status))}; of which the worker ${spread(perRun((c) => c.worker))}`,
			'≤ 150 ms'
		);
		row(
			`Chromium, Mix Lab: "Check my mix" → Results heading (median and range of ${RUNS}; in page; as Playwright sees it; the worker's own ms)`,
			`${spread(runs.map((r) => r.check.inPage))}; ${ms(median(runs.map((r) => r.check.outside)))}; ${ms(median(runs.map((r) => r.check.workerMs)))}`,
			'≤ 1500 ms'
		);
		row(
			`Chromium, Mix Lab: peak memory opening a project, 5 changes and a check (renderer RSS every ${SAMPLE_MS} ms above /mix at rest with the picker, median and range of ${MEMORY_RUNS})`,
			`${spread(
				memory.map((m) => m.above),
				mb
			)} (at rest ${mb(median(memory.map((m) => m.baseline)))} in ${Math.max(...memory.map((m) => m.restProcesses))} renderers: page, service worker, spare; peak ${mb(median(memory.map((m) => m.peak)))} in ${Math.max(...memory.map((m) => m.processes))}; the most one renderer grew ${mb(median(memory.map((m) => m.growth)))}; a sample every ${median(memory.map((m) => m.interval)).toFixed(0)} ms)`,
			'≤ 150 MB'
		);
	} finally {
		await browser.close();
		server.close();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await benchmarkMixPage((what, result, target) =>
		console.log(`${what}: ${result} (target ${target})`)
	);
}
