import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.md'] })],
	kit: {
		// Every page is prerendered; 200.html is the SPA fallback for any URL that is not.
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: '200.html',
			// .br and .gz next to every file, served by any static host that supports them (and by serve.ts).
			precompress: true,
			strict: true
		}),
		alias: { $content: 'content' },
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		// Absolute asset paths, so the SPA fallback (200.html) works at any depth.
		paths: { relative: false },
		// Small stylesheets go inline: on a slow phone each separate one delays the first paint.
		inlineStyleThreshold: 16_384,
		version: { pollInterval: 0 }
	}
};

export default config;
