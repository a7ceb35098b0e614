/** Binds the sync client to the phone's IndexedDB. */
import type { LocalDb } from './db';
import { applyPulled } from './events';
import * as meta from './meta';
import * as outbox from './outbox';
import type { SyncStore } from './sync';

export function idbSyncStore(db: LocalDb): SyncStore {
	return {
		pending: (limit) => outbox.pending(db, limit),
		ack: (ids) => outbox.ack(db, ids),
		reject: (id, reason) => outbox.reject(db, id, reason),
		identity: () => meta.get(db, 'learnerId'),
		async setIdentity(learnerId) {
			await meta.set(db, 'learnerId', learnerId);
			// Another identity's events start from the beginning.
			await meta.set(db, 'syncCursor', 0);
		},
		account: async () => (await meta.get(db, 'account')) !== null,
		cursor: () => meta.get(db, 'syncCursor'),
		async applyPulled(page) {
			await applyPulled(db, page.events);
			await meta.set(db, 'syncCursor', page.cursor);
		}
	};
}
