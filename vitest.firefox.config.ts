/** The Firefox smoke suite (tests/firefox): the built app in Debian's firefox-esr, one test at a time. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/firefox/**/*.test.ts'],
		environment: 'node',
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 60_000
	}
});
