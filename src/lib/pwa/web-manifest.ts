/** The web app manifest, given to vite-plugin-pwa (vite.config.ts). */
export const THEME_COLOR = '#0f766e';

/** The English screenshots (360×800) the install dialog shows, under static/screenshots/. */
export const MANIFEST_SCREENSHOTS = [
	{ file: 'home.png', label: 'Today: words to review, the next lesson and labeling tasks' },
	{ file: 'lesson.png', label: 'A five-minute Korean lesson' },
	{ file: 'task.png', label: 'A labeling task with instant feedback' }
];

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
	],
	// A long press on the home-screen icon goes straight to the two daily things.
	shortcuts: [
		{
			name: 'Review words',
			short_name: 'Review',
			url: '/review',
			icons: [{ src: '/icons/shortcut-review-96.png', sizes: '96x96', type: 'image/png' }]
		},
		{
			name: 'Labeling tasks',
			short_name: 'Tasks',
			url: '/tasks',
			icons: [{ src: '/icons/shortcut-tasks-96.png', sizes: '96x96', type: 'image/png' }]
		}
	],
	// Shown in the install dialog; made by scripts/screenshots.ts (docs/screenshots/).
	screenshots: MANIFEST_SCREENSHOTS.map(({ file, label }) => ({
		src: `/screenshots/${file}`,
		sizes: '360x800',
		type: 'image/png',
		form_factor: 'narrow' as const,
		label
	}))
};
