/**
 * Recording what a learner does. `record` writes the event to the local log, the outbox and the
 * local state it changes in one IndexedDB transaction: either all of it is kept or none.
 * `applyPulled` folds events from another device into the same state with the same reducer.
 */
import type { IDBPTransaction } from 'idb';
import type { EventOf, EventType, LearnerEvent, PayloadOf } from '$lib/api/events';
import type { PulledEvent } from '$lib/api/sync';
import type { Draft, IlgamDB, LocalDb, TaskAnswer } from './db';
import * as outbox from './outbox';
import { localDay } from '$lib/srs/streak';

const STATE_STORES = [
	'log',
	'projects',
	'outbox',
	'cards',
	'lessonResults',
	'answers',
	'tasks',
	'meta',
	'drafts'
] as const;
type StateTx = IDBPTransaction<IlgamDB, (typeof STATE_STORES)[number][], 'readwrite'>;
type Srs = typeof import('$lib/srs/cards');
type Labeling = typeof import('$lib/labeling/project');

/** Modules some events need, loaded before a transaction opens (see `modulesFor`). */
interface Modules {
	srs: Srs | null;
	labeling: Labeling | null;
}

/** The learner's storage is full: nothing was written, and the caller must keep the answer. */
export class StorageFullError extends Error {
	constructor() {
		super('Storage is full');
	}
}

const listeners = new Set<() => void>();

/** Called after every committed change, for counts on screen and for kicking the sync. */
export function onChange(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function changed() {
	for (const listener of listeners) listener();
}

export interface RecordOptions {
	/** Half-done work saved with the event, e.g. the lesson run after this answer. */
	setDraft?: Draft;
	clearDraft?: string;
	at?: Date;
}

export function newEvent<T extends EventType>(type: T, payload: PayloadOf<T>, at = new Date()) {
	return { id: crypto.randomUUID(), type, createdAt: at.toISOString(), payload } as LearnerEvent;
}

// ts-fsrs and the answer scoring only matter when reviews or answers are applied, so they stay
// out of the home page's bundle. They are loaded before a transaction opens: awaiting anything
// else inside one commits it early.
async function modulesFor(events: readonly LearnerEvent[]): Promise<Modules> {
	const [srs, labeling] = await Promise.all([
		events.some(isCardEvent) ? import('$lib/srs/cards') : null,
		events.some((e) => e.type === 'annotation') ? import('$lib/labeling/project') : null
	]);
	return { srs, labeling };
}

export async function record<T extends EventType>(
	db: LocalDb,
	type: T,
	payload: PayloadOf<T>,
	options: RecordOptions = {}
): Promise<LearnerEvent> {
	const event = newEvent(type, payload, options.at);
	const modules = await modulesFor([event]);
	try {
		const tx = db.transaction(STATE_STORES, 'readwrite');
		await Promise.all([
			tx.objectStore('log').add(event),
			outbox.add(tx, event),
			applyOne(tx, event, modules),
			options.clearDraft ? tx.objectStore('drafts').delete(options.clearDraft) : undefined,
			options.setDraft ? tx.objectStore('drafts').put(options.setDraft) : undefined,
			tx.done
		]);
	} catch (err) {
		if (err instanceof DOMException && err.name === 'QuotaExceededError')
			throw new StorageFullError();
		throw err;
	}
	changed();
	return event;
}

/** Events pulled from the server that this device has not seen yet join the log and the state. */
export async function applyPulled(db: LocalDb, events: readonly PulledEvent[]): Promise<number> {
	const modules = await modulesFor(events as readonly LearnerEvent[]);
	const tx = db.transaction(STATE_STORES, 'readwrite');
	const log = tx.objectStore('log');
	// A restore brings many reviews per word and day: each card is refolded, and the day
	// counts written, once at the end.
	const changes = newChanges();
	let added = 0;
	for (const pulled of events) {
		const { seq: _seq, ...event } = pulled;
		if (await log.getKey(event.id)) continue;
		await log.add(event as LearnerEvent);
		await apply(tx, event as LearnerEvent, changes, modules);
		added++;
	}
	await settle(tx, changes, modules.srs);
	await tx.done;
	if (added > 0) changed();
	return added;
}

/** What review and undo events change beyond their own record: cards and answers per day. */
interface Changes {
	/** Words whose card must be refolded. */
	words: Set<string>;
	/** Answers to add (or, for undos, take back) per local day. */
	answers: Map<string, number>;
}

function newChanges(): Changes {
	return { words: new Set(), answers: new Map() };
}

async function applyOne(tx: StateTx, event: LearnerEvent, modules: Modules): Promise<void> {
	const changes = newChanges();
	await apply(tx, event, changes, modules);
	await settle(tx, changes, modules.srs);
}

/**
 * Writes the collected changes. A card is rebuilt from the word's whole review log in time
 * order, so reviews that arrive late from another device land in their place instead of on
 * top, and an undo simply leaves its review out. Answers per day are a running count so the
 * home page need not read the whole review log.
 */
async function settle(tx: StateTx, changes: Changes, srs: Srs | null): Promise<void> {
	for (const wordId of changes.words) {
		if (!srs) throw new Error('srs module not loaded');
		const events = await tx.objectStore('log').index('by-word').getAll(wordId);
		const card = srs.cardFromReviews(wordId, events.filter(isCardEvent));
		if (card) await tx.objectStore('cards').put(card);
		else await tx.objectStore('cards').delete(wordId);
	}
	if (changes.answers.size === 0) return;
	const meta = tx.objectStore('meta');
	const counts = ((await meta.get('answersByDay')) ?? {}) as Record<string, number>;
	for (const [day, step] of changes.answers) counts[day] = Math.max(0, (counts[day] ?? 0) + step);
	await meta.put(counts, 'answersByDay');
}

/** Applies one event to the local state; card and day-count changes are collected in `changes`. */
async function apply(
	tx: StateTx,
	event: LearnerEvent,
	changes: Changes,
	modules: Modules
): Promise<void> {
	switch (event.type) {
		case 'review':
		case 'undo': {
			changes.words.add(event.payload.wordId);
			await countAnswer(tx, event, changes.answers);
			return;
		}
		case 'schedule': {
			changes.words.add(event.payload.wordId);
			return;
		}
		case 'lesson_done': {
			const { lessonId, correct, total } = event.payload;
			await tx
				.objectStore('lessonResults')
				.put({ lessonId, correct, total, doneAt: event.createdAt });
			return;
		}
		case 'annotation': {
			const { taskId, projectId, answer } = event.payload;
			const [task, project] = await Promise.all([
				tx.objectStore('tasks').get(taskId),
				tx.objectStore('projects').get(projectId)
			]);
			const correct =
				task && project && modules.labeling
					? modules.labeling.scoreTraining(project.type, task, answer)
					: null;
			await tx.objectStore('answers').put(answerOf(event.payload, event.createdAt, correct));
			return;
		}
		case 'skip': {
			const { taskId, projectId } = event.payload;
			await tx.objectStore('answers').put({
				taskId,
				projectId,
				answeredAt: event.createdAt,
				answer: null,
				skipped: true,
				correct: null
			});
			return;
		}
		case 'settings': {
			const meta = tx.objectStore('meta');
			const current = ((await meta.get('settings')) ?? {}) as Record<string, unknown>;
			await meta.put({ ...current, ...event.payload }, 'settings');
			return;
		}
	}
}

/**
 * The stored answer an annotation makes; the task page shows the same before the write lands.
 * `correct` is the training score (`scoreTraining`), null for other items.
 */
export function answerOf(
	payload: PayloadOf<'annotation'>,
	answeredAt: string,
	correct: boolean | null
): TaskAnswer {
	const { taskId, projectId, answer, attempt } = payload;
	return {
		taskId,
		projectId,
		answeredAt,
		answer,
		skipped: false,
		correct,
		...(attempt === undefined ? {} : { attempt })
	};
}

/** One answer more on the review's local day; an undo takes its review's answer back. */
async function countAnswer(
	tx: StateTx,
	event: EventOf<'review' | 'undo'>,
	answers: Map<string, number>
): Promise<void> {
	let at = event.createdAt;
	let step = 1;
	if (event.type === 'undo') {
		const target = await tx.objectStore('log').get(event.payload.eventId);
		if (!target) return;
		at = target.createdAt;
		step = -1;
	}
	const day = localDay(new Date(at));
	answers.set(day, (answers.get(day) ?? 0) + step);
}

function isCardEvent(event: LearnerEvent): event is EventOf<'review' | 'undo' | 'schedule'> {
	return event.type === 'review' || event.type === 'undo' || event.type === 'schedule';
}
