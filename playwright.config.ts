import { defineConfig, devices } from '@playwright/test';
import { chromeArgs } from './src/cli/chrome-args';

/** Debian's Chromium (TOOLCHAIN.md); `npm test` installs it when missing. */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** The app's server; a second checkout running its own suite at once sets E2E_PORT. */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// Two on a 2-core machine: three took as long (13.7 against 13.5 min of e2e in CI), each test slower.
	workers: 2,
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
			args: chromeArgs
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
		// Long phone-only journeys, and checks that do not depend on the viewport (bytes, manifest,
		// sound, the worker, updates, offline reloads), live in *.phone.spec.ts; desktop runs the rest.
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
