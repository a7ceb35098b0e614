import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { compileMessages } from './src/lib/i18n/compile-messages';
import { webManifest } from './src/lib/pwa/web-manifest';

/** messages/*.json reach the app as precompiled ICU ASTs (see src/lib/i18n/compile-messages.ts). */
function icuMessages(): Plugin {
	return {
		name: 'ilgam-icu-messages',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]messages[\\/][a-z-]+\.json$/.test(id)) return null;
			// Still JSON, so Vite's JSON plugin turns it into a module as before.
			return { code: JSON.stringify(compileMessages(JSON.parse(code), id)), map: null };
		}
	};
}

// With every message precompiled, the app needs no ICU parser: formatjs ships this entry
// point for exactly that. Tests keep the real parser (the messages test uses it).
const withoutIcuParser = process.env.VITEST
	? []
	: [
			{
				find: /^@formatjs\/icu-messageformat-parser$/,
				replacement: '@formatjs/icu-messageformat-parser/lib/no-parser.js'
			}
		];

export default defineConfig({
	build: { sourcemap: process.env.ILGAM_SOURCEMAP === '1' },
	resolve: { alias: withoutIcuParser },
	plugins: [
		icuMessages(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			// Registered by our own code (src/lib/pwa/updates.svelte.ts) through workbox-window.
			injectRegister: false,
			manifest: webManifest,
			injectManifest: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'prerendered/**/*.{html,json}'
				],
				// Task images are cached when a pack is downloaded, not at install.
				globIgnores: ['client/content/**']
			},
			devOptions: { enabled: false }
		})
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});
