import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';
import local from './lint/plugin.js';

/** Browser globals the pure core (dsp, drills) must not touch: it runs in Node and Workers too. */
export const domGlobals = [
	'window',
	'document',
	'navigator',
	'location',
	'history',
	'localStorage',
	'sessionStorage',
	'indexedDB',
	'AudioContext',
	'OfflineAudioContext',
	'webkitAudioContext',
	'HTMLElement',
	'Element',
	'Node',
	'Event',
	'CustomEvent',
	'MutationObserver',
	'ResizeObserver',
	'IntersectionObserver',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'matchMedia',
	'getComputedStyle',
	'alert',
	'confirm',
	'prompt',
	'Audio',
	'Image',
	'customElements'
];

/** Folders of src/lib that are pure: no Svelte, Dexie, Howler, DOM or browser edge. */
export const pureFolders = [
	'dsp',
	'drills',
	'lesson',
	'progress',
	'bench',
	'settings',
	'format',
	'mix'
];
/** Folders of src/lib that touch the browser, which the pure core may not import. */
export const edgeFolders = ['db', 'player', 'state', 'components', 'audio', 'pwa'];

/** One import style inside src/lib: relative, so Node, esbuild and Vite resolve it alike. */
const relativeInsideLib = {
	group: ['$lib', '$lib/*'],
	message: 'Inside src/lib, import relatively (../db/database): $lib is for routes.'
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'.tmp/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks undefined names itself (typescript-eslint's advice).
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**', 'lint/**'],
		plugins: { local },
		rules: { 'local/object-args': 'error' }
	},
	{
		files: ['src/lib/**'],
		rules: {
			'local/no-folder-cycles': 'error',
			'no-restricted-imports': ['error', { patterns: [relativeInsideLib] }]
		}
	},
	{
		// Pages and components read and write through state classes, never the database itself.
		files: ['src/routes/**', 'src/lib/components/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(\\$lib/|(\\.\\./)+)db(/|$)',
							allowTypeImports: true,
							message:
								'Pages and components reach the database through a state class (src/lib/state); `import type` is fine.'
						},
						{
							group: ['dexie', 'dexie/*'],
							message: 'Pages and components read IndexedDB through a Live state class.'
						}
					]
				}
			]
		}
	},
	{
		// The pure core: same code in Node, a Worker and the page.
		files: pureFolders.map((folder) => `src/lib/${folder}/**`),
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						relativeInsideLib,
						{ group: ['svelte', 'svelte/*'], message: 'The pure core has no Svelte.' },
						{
							group: ['$app', '$app/*'],
							message: 'The pure core has no SvelteKit runtime.'
						},
						{
							group: ['dexie', 'dexie/*'],
							message: 'The pure core does not store: storage lives in lib/db.'
						},
						{
							group: ['howler', 'howler/*'],
							message: 'The pure core does not play: playback lives in lib/player.'
						},
						{
							// Relative (../db/x, ../../player/x) as well as $lib/… forms.
							regex: `^(\\$lib/|(\\.\\./)+)(${edgeFolders.join('|')})(/|$)`,
							message: `The pure core may not import the browser edges (${edgeFolders.join(', ')}).`
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				...domGlobals.map((name) => ({
					name,
					message: `The pure core runs outside the page too: no "${name}".`
				}))
			]
		}
	}
);
