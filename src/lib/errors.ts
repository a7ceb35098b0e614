/**
 * The phone's one error path: a failed action shows a message the learner can act on, and the
 * caller keeps what the learner did on screen so they can try again.
 */
import { StorageFullError } from '$lib/offline/events';
import { device } from '$lib/state/device.svelte';

export function handleError(error: unknown): void {
	if (error instanceof DOMException && error.name === 'AbortError') return;
	console.error(error);
	device.alert = error instanceof StorageFullError ? 'errors.storage_full' : 'errors.save_failed';
}
