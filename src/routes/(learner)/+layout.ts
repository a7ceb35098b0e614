import { device } from '$lib/state/device.svelte';
import type { LayoutLoad } from './$types';

// Learner pages render on the phone from IndexedDB; the build prerenders their empty shells so
// the service worker can serve them with the network off.
export const ssr = false;
export const prerender = true;

export const load: LayoutLoad = async () => {
	await device.start();
	return {};
};
