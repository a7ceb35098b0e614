import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { compileMessages } from './src/lib/i18n/compile-messages';
import { serverPageFiles } from './src/lib/pwa/server-page-files';
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

type InjectManifest = NonNullable<Parameters<typeof SvelteKitPWA>[0]>['injectManifest'] & object;
type Transform = NonNullable<InjectManifest['manifestTransforms']>[number];

/**
 * Leaves the console's and certificates' code out of the precache: phones never open those
 * pages offline. @vite-pwa/sveltekit sets its own manifest transform (client/ paths to URLs)
 * only when none is given, so ours is appended when it sets its one, not given up front.
 */
function withoutServerPages(options: InjectManifest): InjectManifest {
	const dropServerPages: Transform = (entries) => {
		const skip = [...serverPageFiles()];
		return { manifest: entries.filter((entry) => !skip.some((file) => entry.url.endsWith(file))) };
	};
	let transforms: Transform[] | undefined;
	return Object.defineProperty(options, 'manifestTransforms', {
		enumerable: true,
		get: () => transforms,
		set: (value: Transform[] | undefined) => {
			transforms = value && [...value, dropServerPages];
		}
	});
}

export default defineConfig({
	build: {
		sourcemap: process.env.ILGAM_SOURCEMAP === '1',
		rollupOptions: {
			output: {
				// The framework in one chunk: shared by the learner pages and the console, its
				// modules would otherwise be cut into many small files by which pages use them,
				// and every file costs a phone a request and a worse gzip ratio.
				manualChunks: (id: string) =>
					/node_modules\/(svelte|@sveltejs\/kit|esm-env|devalue|clsx|valibot)\//.test(id)
						? 'framework'
						: undefined
			}
		}
	},
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
			injectManifest: withoutServerPages({
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'prerendered/**/*.{html,json}'
				],
				// Task pictures come with their packs; the install dialog's screenshots are never shown offline.
				globIgnores: ['client/content/**', 'client/screenshots/**']
			}),
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
