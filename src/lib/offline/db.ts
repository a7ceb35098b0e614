/**
 * The phone's database (IndexedDB through idb). Local state lives here, never only in memory;
 * every change a learner makes is written together with its event in one transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LearnerEvent } from '$lib/api/events';
import type { PackLesson, PackTask, PackWord, ProjectPack } from '$lib/api/packs';
import type { StoredCard } from '$lib/srs/cards';

export interface OutboxItem {
	id: string;
	event: LearnerEvent;
	status: 'pending' | 'rejected';
	reason?: string;
	queuedAt: number;
}

export interface LessonResult {
	lessonId: string;
	doneAt: string;
	correct: number;
	total: number;
}

/** The learner's latest answer (or skip) to a task, as the annotation and skip events left it. */
export interface TaskAnswer {
	taskId: string;
	projectId: string;
	answeredAt: string;
	/** A `TaskAnswer<type>` (src/lib/labeling/task-types.ts); null for a skip. */
	answer: unknown;
	skipped: boolean;
	/** Training only: scored on the phone against the task's gold. */
	correct: boolean | null;
	/** Qualification only: the try at the set this answer belongs to. */
	attempt?: number;
}

export interface Draft {
	/** e.g. 'lesson:first-words-1' */
	key: string;
	updatedAt: number;
	state: unknown;
}

export type StoredProject = ProjectPack['project'] & { downloadedAt: string };

export interface IlgamDB extends DBSchema {
	meta: { key: string; value: unknown };
	log: { key: string; value: LearnerEvent; indexes: { 'by-type': string; 'by-word': string } };
	outbox: {
		key: string;
		value: OutboxItem;
		indexes: { 'by-queued': number; 'by-status': string };
	};
	words: { key: string; value: PackWord };
	lessons: { key: string; value: PackLesson };
	projects: { key: string; value: StoredProject };
	tasks: { key: string; value: PackTask; indexes: { 'by-project': [string, number] } };
	cards: { key: string; value: StoredCard; indexes: { 'by-due': Date } };
	lessonResults: { key: string; value: LessonResult };
	answers: { key: string; value: TaskAnswer; indexes: { 'by-project': string } };
	drafts: { key: string; value: Draft };
}

export const DB_NAME = 'ilgam';

export function openLocalDb(name = DB_NAME): Promise<IDBPDatabase<IlgamDB>> {
	return openDB<IlgamDB>(name, 2, {
		upgrade(db, oldVersion, _newVersion, tx) {
			// Version 2 (six task types, qualification, work): projects, tasks and answers took
			// new shapes. They are downloads and a view of the log, so they are emptied and come
			// back with the next download; the log and the outbox, the learner's own work, stay.
			if (oldVersion === 1) {
				for (const store of ['projects', 'tasks', 'answers'] as const) {
					void tx.objectStore(store).clear();
				}
				return;
			}
			db.createObjectStore('meta');
			const log = db.createObjectStore('log', { keyPath: 'id' });
			log.createIndex('by-type', 'type');
			// Review events carry payload.wordId; other events are simply not in this index.
			log.createIndex('by-word', 'payload.wordId');
			const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
			outbox.createIndex('by-queued', 'queuedAt');
			outbox.createIndex('by-status', 'status');
			db.createObjectStore('words', { keyPath: 'id' });
			db.createObjectStore('lessons', { keyPath: 'id' });
			db.createObjectStore('projects', { keyPath: 'id' });
			db.createObjectStore('tasks', { keyPath: 'id' }).createIndex('by-project', [
				'projectId',
				'position'
			]);
			db.createObjectStore('cards', { keyPath: 'wordId' }).createIndex('by-due', 'due');
			db.createObjectStore('lessonResults', { keyPath: 'lessonId' });
			db.createObjectStore('answers', { keyPath: 'taskId' }).createIndex('by-project', 'projectId');
			db.createObjectStore('drafts', { keyPath: 'key' });
		}
	});
}

/**
 * Empties every store in one transaction (logout): on a shared phone nothing of the last
 * learner may stay behind, and a half-cleared database must never be left.
 */
export async function clearLocalDb(db: IDBPDatabase<IlgamDB>): Promise<void> {
	const names = [...db.objectStoreNames];
	const tx = db.transaction(names, 'readwrite');
	await Promise.all([...names.map((name) => tx.objectStore(name).clear()), tx.done]);
}

let opened: Promise<IDBPDatabase<IlgamDB>> | undefined;

/** The app's one connection, opened on first use. */
export function localDb(): Promise<IDBPDatabase<IlgamDB>> {
	opened ??= openLocalDb();
	return opened;
}

export type LocalDb = IDBPDatabase<IlgamDB>;
