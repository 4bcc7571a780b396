import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { appManifest } from './src/lib/app-manifest.ts';
import { coursePlugin } from './src/lib/course/vite-plugin.ts';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(pkg.version) },
	plugins: [
		coursePlugin(),
		sveltekit(),
		SvelteKitPWA({
			// TOOLCHAIN trap 1: Kit's relative base would register ./sw.js from deep links.
			base: '/',
			scope: '/',
			// Updates wait for the learner: a prompt offers the reload (see UpdatePrompt.svelte).
			registerType: 'prompt',
			injectRegister: false,
			manifest: appManifest,
			workbox: {
				// The first visit becomes controlled (offline-ready) without a reload.
				// skipWaiting stays off so a new version never swaps code under a running page.
				clientsClaim: true,
				skipWaiting: false,
				cleanupOutdatedCaches: true,
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest,sf3,wav,json}',
					'prerendered/**/*.{html,json}'
				],
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024
			},
			kit: { adapterFallback: '200.html', spa: true }
		})
	],
	// Dexie's ESM build instead of its UMD behind import-wrapper.mjs: the bundler can drop what the
	// app never imports, 0.4 KB gzip off the first load of `/` (the only copy, so no dual package).
	resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/dexie.mjs' }] },
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node',
		// Every core: the default leaves one idle, which on a 2-core CI machine means one worker.
		maxWorkers: '100%'
	}
});
