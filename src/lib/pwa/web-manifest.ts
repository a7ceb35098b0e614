/** The web app manifest, given to vite-plugin-pwa (vite.config.ts). */
export const THEME_COLOR = '#0f766e';

export const webManifest = {
	id: '/',
	name: 'Ilgam — Korean and AI labeling work',
	short_name: 'Ilgam',
	description: 'Learn the Korean you need at work and practise AI data-labeling tasks, offline.',
	lang: 'en',
	dir: 'ltr' as const,
	start_url: '/',
	scope: '/',
	display: 'standalone' as const,
	orientation: 'portrait' as const,
	theme_color: THEME_COLOR,
	background_color: '#ffffff',
	categories: ['education', 'productivity'],
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{ src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
		{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	]
};
