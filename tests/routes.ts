/** The app's routes for the browser suites (tests/e2e for Chromium, tests/firefox): plain data. */

/** Every route of the app, with the heading each must show. */
export const routes = [
	{ path: '/', heading: 'Today' },
	{ path: '/learn', heading: 'Learn' },
	{ path: '/learn/no-magic-in-mastering', heading: 'There is no magic in mastering' },
	{ path: '/train', heading: 'Train' },
	{ path: '/progress', heading: 'Progress' },
	{ path: '/settings', heading: 'Settings' },
	{ path: '/bench', heading: 'Bench' },
	{ path: '/mix', heading: 'Mix Lab' },
	{ path: '/train/eq-boost', heading: 'Spot the boost' },
	{ path: '/train/eq-match', heading: 'Match the EQ' },
	{ path: '/train/daily', heading: 'Daily mix' }
] as const;
