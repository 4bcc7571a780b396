import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The hash of app.html's one inline script (the theme before first paint), read from the file, so
 * the policy allows exactly that script as it is written; SvelteKit hashes its own inline scripts.
 * @returns {`sha256-${string}`}
 */
function appHtmlScriptHash() {
	const html = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
	const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
	if (scripts.length !== 1) throw new Error('app.html: expected exactly one inline <script>');
	return `sha256-${createHash('sha256').update(scripts[0][1]).digest('base64')}`;
}

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
		version: { pollInterval: 0 },
		// A strict policy on every page (a <meta> tag in the prerendered HTML): scripts only from this
		// origin or hashed, no request to any other origin. Styles stay 'unsafe-inline' (Svelte's
		// style attributes and the inlined stylesheet); blob: and data: serve the audio the app makes.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', appHtmlScriptHash()],
				'worker-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
