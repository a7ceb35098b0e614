/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Ilgam's service worker: precaches the app shell and built assets (the list is injected at
 * build by vite-plugin-pwa), serves learner pages offline, and keeps task images that a pack
 * download put in the task-assets cache. It waits for the page to say when to update.
 */
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ASSET_CACHE, KEPT_CACHES, SKIP_WAITING } from '../lib/pwa/caches';

declare const self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Learner pages render on the client, so every learner URL can be answered with the shell.
// The API and the coordinator console are online-only and go to the network.
registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/'), {
		denylist: [/^\/api\//, /^\/console/, /^\/certificates\//]
	})
);

registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/content/'),
	new CacheFirst({ cacheName: ASSET_CACHE })
);

self.addEventListener('message', (event) => {
	if (event.data?.type === SKIP_WAITING) void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
	// Drop caches of ours that this version no longer uses; Workbox cleans its own precaches.
	event.waitUntil(
		caches
			.keys()
			.then((names) =>
				Promise.all(
					names
						.filter((name) => name.startsWith('ilgam-') && !KEPT_CACHES.includes(name))
						.map((name) => caches.delete(name))
				)
			)
	);
});
