import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
		// The pure core: same code in Node, a Worker and the page.
		files: [
			'src/lib/dsp/**',
			'src/lib/drills/**',
			'src/lib/lesson/**',
			'src/lib/progress/**',
			'src/lib/bench/**'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['svelte', 'svelte/*'], message: 'dsp/ and drills/ are pure: no Svelte.' },
						{
							group: ['$app', '$app/*'],
							message: 'dsp/ and drills/ are pure: no SvelteKit runtime.'
						},
						{
							group: ['dexie', 'dexie/*'],
							message: 'dsp/ and drills/ are pure: storage lives in lib/db.'
						},
						{
							group: ['howler', 'howler/*'],
							message: 'dsp/ and drills/ are pure: playback lives in lib/player.'
						},
						{
							group: ['$lib/db/*', '$lib/player/*', '$lib/state/*', '$lib/components/*'],
							message: 'dsp/ and drills/ may not import the browser edges.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				...domGlobals.map((name) => ({
					name,
					message: `dsp/ and drills/ run outside the page: no "${name}".`
				}))
			]
		}
	}
);
