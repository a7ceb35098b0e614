/** Cache names shared by the service worker and the page. Bump the version to drop old ones. */
export const ASSET_CACHE = 'ilgam-task-assets-v1';
export const KEPT_CACHES: readonly string[] = [ASSET_CACHE];
/** The message workbox-window's messageSkipWaiting() sends. */
export const SKIP_WAITING = 'SKIP_WAITING';
