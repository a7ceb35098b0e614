import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The service worker is built by @vite-pwa/sveltekit (injectManifest), not by SvelteKit.
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/service-worker' },
		alias: { $messages: 'messages' },
		// The service worker answers every learner URL with one shell, so its asset URLs must
		// not be relative to the page they were prerendered for.
		paths: { relative: false },
		prerender: { handleHttpError: 'fail' }
	},
	compilerOptions: { runes: true }
};

export default config;
