/**
 * The outbox: events waiting for the server's ack. An event leaves only when the server said
 * accepted or duplicate; a rejected one stays, marked with the reason, for the learner to see.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { LearnerEvent } from '$lib/api/events';
import type { IlgamDB, LocalDb, OutboxItem } from './db';

/** Any read-write transaction that includes the outbox store. */
type WritableTx = IDBPTransaction<IlgamDB, ('outbox' | StoreNames<IlgamDB>)[], 'readwrite'>;

let lastQueuedAt = 0;

/** Strictly increasing, so events recorded in the same millisecond keep their order. */
function nextQueuedAt(): number {
	lastQueuedAt = Math.max(Date.now(), lastQueuedAt + 1);
	return lastQueuedAt;
}

/** Adds inside the caller's transaction, so the event and its state change commit together. */
export function add(tx: WritableTx, event: LearnerEvent, queuedAt = nextQueuedAt()) {
	const item: OutboxItem = { id: event.id, event, status: 'pending', queuedAt };
	return tx.objectStore('outbox').add(item);
}

export async function pending(db: LocalDb, limit: number): Promise<OutboxItem[]> {
	const items: OutboxItem[] = [];
	let cursor = await db.transaction('outbox').store.index('by-queued').openCursor();
	while (cursor && items.length < limit) {
		if (cursor.value.status === 'pending') items.push(cursor.value);
		cursor = await cursor.continue();
	}
	return items;
}

export async function ack(db: LocalDb, ids: readonly string[]): Promise<void> {
	if (ids.length === 0) return;
	const tx = db.transaction('outbox', 'readwrite');
	await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

export async function reject(db: LocalDb, id: string, reason: string): Promise<void> {
	const tx = db.transaction('outbox', 'readwrite');
	const item = await tx.store.get(id);
	if (item) await tx.store.put({ ...item, status: 'rejected', reason });
	await tx.done;
}

export async function list(db: LocalDb): Promise<OutboxItem[]> {
	return db.getAllFromIndex('outbox', 'by-queued');
}

export async function counts(db: LocalDb): Promise<{ pending: number; rejected: number }> {
	const [all, rejected] = await Promise.all([
		db.count('outbox'),
		db.countFromIndex('outbox', 'by-status', 'rejected')
	]);
	return { pending: all - rejected, rejected };
}
