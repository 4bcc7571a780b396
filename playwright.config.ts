import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium (TOOLCHAIN.md); `npm test` installs it when missing. */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const port = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// Three on a 2-core machine: with two, the e2e phase of CI used about a third of the CPU (13.5 min
	// wall, ~9 CPU-min), the rest spent waiting on playback, storage and the service worker.
	workers: 3,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		serviceWorkers: 'allow',
		colorScheme: 'dark',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromePath,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--autoplay-policy=no-user-gesture-required'
			]
		}
	},
	projects: [
		{
			name: 'phone',
			use: {
				viewport: { width: 360, height: 740 },
				deviceScaleFactor: 2,
				isMobile: true,
				hasTouch: true,
				userAgent: devices['Pixel 7'].userAgent
			}
		},
		// Long phone-only journeys live in *.phone.spec.ts; the desktop run covers the rest.
		{
			name: 'desktop',
			testIgnore: /\.phone\.spec\.ts$/,
			use: { viewport: { width: 1280, height: 800 } }
		}
	],
	webServer: {
		command: `PORT=${port} npm run serve`,
		url: `http://localhost:${port}`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
