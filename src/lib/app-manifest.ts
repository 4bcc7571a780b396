/** The web app manifest, shared by the build (vite.config.ts) and the tests that validate it. */
export const themeColors = { dark: '#0f1115', light: '#f6f7f9' } as const;

export const appManifest = {
	id: '/',
	name: 'Mix for the Master',
	short_name: 'MixMaster',
	description:
		'Learn to mix for the master: short lessons, offline ear training and a loudness bench, all on your device.',
	lang: 'en',
	start_url: '/',
	scope: '/',
	display: 'standalone' as const,
	orientation: 'portrait' as const,
	theme_color: themeColors.dark,
	background_color: themeColors.dark,
	categories: ['education', 'music'],
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{
			src: '/icons/icon-maskable-512.png',
			sizes: '512x512',
			type: 'image/png',
			purpose: 'maskable'
		}
	]
};
