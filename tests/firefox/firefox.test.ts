/**
 * The app in Firefox (Debian's firefox-esr over WebDriver BiDi, with puppeteer-core): every route,
 * a whole drill session with the audio context running, a lesson demo, the Bench with a WAV (its
 * readings within 0.1 of the meter CLI, which the Chromium suite holds the page to as well) and,
 * after the first visit, every route again with the server gone. Any uncaught error or CSP
 * violation fails it. Needs `npm run build` first (npm test runs it after the Chromium suite).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/serve';
import { routes } from '../routes';
import { renderNoise } from '../../src/lib/dsp/synth/noise';
import { encodeWav } from '../../src/lib/dsp/wav';

const PORT = Number(process.env.FIREFOX_PORT ?? 4186);
const base = `http://localhost:${PORT}`;

let server: Server | undefined;
/** A PulseAudio server with a null sink: Firefox's audio needs a sound server, and CI has no card. */
let pulse: ChildProcess | undefined;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Starts PulseAudio on its own socket with a null sink, and resolves its address for Firefox. */
async function startPulse(): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'mftm-pulse-'));
	const socket = join(dir, 'native');
	pulse = spawn(
		'pulseaudio',
		[
			'--daemonize=no',
			'--exit-idle-time=-1',
			'-n',
			'--use-pid-file=no',
			'--load=module-null-sink sink_name=null',
			`--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`
		],
		{ stdio: 'ignore', env: { ...process.env, HOME: dir } }
	);
	const started = Date.now();
	while (!existsSync(socket)) {
		if (pulse.exitCode !== null || Date.now() - started > 10_000)
			throw new Error('PulseAudio did not start: install it (apt-get install pulseaudio).');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return `unix:${socket}`;
}

beforeAll(async () => {
	server = await startServer({ port: PORT });
	const pulseServer = await startPulse();
	browser = await puppeteer.launch({
		browser: 'firefox',
		env: { ...process.env, PULSE_SERVER: pulseServer },
		executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
		headless: true,
		// A phone-sized window (this Firefox has no viewport emulation over BiDi).
		defaultViewport: null,
		args: ['--width=360', '--height=740'],
		// Sound may start without a tap, as the Chromium suite's flag allows.
		extraPrefsFirefox: { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 }
	});
	page = await browser.newPage();
	// Firefox reports a CSP violation as an error in the page's log, which `pageerror` carries (a
	// preload listener, as the Chromium suite uses, made errors of its own under BiDi here).
	page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
	});
	page.on('request', (request) => {
		const url = request.url();
		if (/^(data|blob|about):/.test(url)) return;
		if (new URL(url).origin !== base) problems.push(`request to another origin: ${url}`);
	});
});

afterAll(async () => {
	await browser?.close();
	pulse?.kill();
	await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/**
 * Polls `fn` in the page until it returns something truthy. (Puppeteer's own waitForFunction builds
 * its poller with `new Function`, which the app's CSP rightly blocks in Firefox.)
 */
async function until<A extends string | number | undefined, R>(
	fn: (arg: A) => R | Promise<R>,
	arg: A,
	{ timeout = 45_000, what = 'a condition' }: { timeout?: number; what?: string } = {}
): Promise<R> {
	const end = Date.now() + timeout;
	for (;;) {
		const value = await page
			.evaluate(fn as (arg: string | number | undefined) => R, arg)
			.catch(() => undefined);
		if (value) return value as R;
		if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const heading = () => page.$eval('h1', (h) => h.textContent?.trim());
/** Waits until the page's AudioContext (Howler's) is running: sound is really playing. */
const audioRuns = () =>
	until(
		() =>
			(window as unknown as { Howler?: { ctx?: AudioContext } }).Howler?.ctx?.state === 'running',
		undefined,
		{ what: 'the audio context to run' }
	);
/** Waits until `selector` matches an element a tap would reach (not disabled, not aria-disabled). */
const enabled = (selector: string, timeout = 45_000) =>
	until(
		(s) => {
			const el = document.querySelector<HTMLButtonElement>(s);
			return !!el && !el.disabled && el.getAttribute('aria-disabled') !== 'true';
		},
		selector,
		{ timeout, what: `${selector} to be enabled` }
	);
/** Waits until the page's text contains `text` (a string or a regular expression's source). */
const shows = (text: string, timeout = 45_000) =>
	until((t) => new RegExp(t).test(document.body.textContent ?? ''), text, {
		timeout,
		what: `the text /${text}/`
	});
const titled = (title: string) =>
	until((t) => document.querySelector('h1')?.textContent?.trim() === t, title, {
		what: `the heading ${title}`
	});
const click = async (selector: string) => {
	await enabled(selector);
	await page.click(selector);
};
/**
 * Lets a page load what it loads after it shows (its workers' scripts; on Today, once there is
 * progress, the backup reminder) before the suite leaves it: a load still under way when the page
 * goes is cancelled, and Firefox logs that as the service worker's error (seen in CI after 0.8 s).
 */
async function settle(path: string) {
	// Off any link: SvelteKit loads a hovered link's page code, and a pointer left over a tab from
	// an earlier tap would start such a load on every page (and the next navigation cancel it).
	await page.mouse.move(340, 90);
	if (
		path === '/' &&
		(await page.evaluate(() => !document.querySelector('[data-testid="first-steps"]')))
	)
		await until(() => !!document.querySelector('[data-testid="backup-reminder"]'), undefined, {
			what: 'the backup reminder on Today'
		});
	await new Promise((resolve) => setTimeout(resolve, 2000));
}

/** Clicks the button whose visible words are `words`, once a tap would reach it. */
async function clickButton(words: string) {
	await until(
		(w) =>
			[...document.querySelectorAll('button')].some(
				(b) =>
					b.textContent?.trim() === w && !b.disabled && b.getAttribute('aria-disabled') !== 'true'
			),
		words,
		{ what: `the button ${words}` }
	);
	// Marked, then clicked as a person would (a trusted click, not a script's).
	await page.evaluate((w) => {
		document.querySelector('[data-firefox-target]')?.removeAttribute('data-firefox-target');
		[...document.querySelectorAll('button')]
			.find((b) => b.textContent?.trim() === w)!
			.setAttribute('data-firefox-target', '');
	}, words);
	await page.click('[data-firefox-target]');
}

describe('Firefox', () => {
	it('opens every route with its heading and the app shell', async () => {
		for (const { path, heading: title } of routes) {
			await page.goto(base + path, { waitUntil: 'load' });
			await titled(title);
			expect(await heading(), path).toBe(title);
			const shell = await page.evaluate(() => ({
				tabs: document.querySelectorAll('nav[aria-label="Main"] a').length,
				current: document.querySelectorAll('nav[aria-label="Main"] a[aria-current]').length,
				overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth
			}));
			// The five tabs, the current area marked (Settings belongs to none), nothing wider than
			// the screen.
			expect(shell, path).toEqual({ tabs: 5, current: path === '/settings' ? 0 : 1, overflow: 0 });
			await settle(path);
		}
		expect(problems).toEqual([]);
	});

	it('runs a whole drill session with the audio context running', async () => {
		await page.goto(`${base}/train/eq-boost`, { waitUntil: 'load' });
		await click('button[aria-label="Play"]');
		await page.waitForSelector('button[aria-label="Pause"]');
		await audioRuns();
		// A whole session at the default length: answer until the results.
		const length = Number(
			(await until(() => document.body.textContent?.match(/Question 1 of (\d+)/)?.[1], undefined, {
				what: 'the first question'
			})) ?? 0
		);
		expect(length).toBeGreaterThanOrEqual(3);
		for (let i = 1; i <= length; i++) {
			await shows(`Question ${i} of ${length}`);
			await enabled('input[type="radio"]');
			const radios = await page.$$('input[type="radio"]');
			await radios[i % radios.length].click();
			await clickButton('Check answer');
			await shows('What was done');
			await clickButton(i === length ? 'See results' : 'Next');
		}
		await shows(`of ${length} right`);
		expect(problems).toEqual([]);
	});

	it('plays a lesson demo', async () => {
		await page.goto(`${base}/learn/no-magic-in-mastering`, { waitUntil: 'load' });
		await click('article button[aria-label="Play"]');
		await page.waitForSelector('article button[aria-label="Pause"]', { timeout: 45_000 });
		await audioRuns();
		expect(await page.$('article [role="alert"]')).toBeNull();
		await page.click('article button[aria-label="Pause"]');
		expect(problems).toEqual([]);
	});

	it('meters a WAV on the Bench as the meter CLI does (within 0.1)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mftm-firefox-'));
		const file = join(dir, 'mix.wav');
		const sampleRate = 48000;
		const noise = renderNoise({ color: 'pink', seed: 7, seconds: 20, sampleRate, rmsDbfs: -22 });
		writeFileSync(
			file,
			encodeWav({ channels: [noise.left, noise.right], sampleRate, format: 'float32' })
		);
		const expected = JSON.parse(
			execFileSync('node', ['src/cli/run.mjs', 'meter', file], { encoding: 'utf8' })
		) as { I: number; LRA: number; TP: number };

		await page.goto(`${base}/bench`, { waitUntil: 'load' });
		const input = await page.waitForSelector('input[data-testid="track-input"]');
		await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
		await page.waitForSelector('[data-testid="meters"]', { timeout: 60_000 });
		const reading = (id: string) =>
			page.$eval(`[data-testid="reading-${id}"] strong`, (el) =>
				Number((el.textContent ?? '').replace('−', '-').match(/-?\d+(\.\d+)?/)?.[0])
			);
		expect(Math.abs((await reading('integrated')) - expected.I)).toBeLessThanOrEqual(0.1);
		expect(Math.abs((await reading('lra')) - expected.LRA)).toBeLessThanOrEqual(0.1);
		expect(Math.abs((await reading('truePeak')) - expected.TP)).toBeLessThanOrEqual(0.1);
		expect(problems).toEqual([]);
	});

	it('works offline after the first visit: every route again with the server gone', async () => {
		await page.mouse.move(340, 90);
		await page.goto(`${base}/`, { waitUntil: 'load' });
		await until(
			async () => {
				await navigator.serviceWorker.ready;
				return navigator.serviceWorker.controller !== null;
			},
			undefined,
			{ timeout: 60_000, what: 'the service worker to control the page' }
		);
		await new Promise((resolve) => server!.close(resolve));
		server = undefined;
		for (const { path, heading: title } of routes) {
			await page.goto(base + path, { waitUntil: 'load' });
			await titled(title);
			await settle(path);
		}
		expect(problems.filter((p) => !/request to another origin/.test(p))).toEqual([]);
	});
});
