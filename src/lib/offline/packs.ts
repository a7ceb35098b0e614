/**
 * Pack downloads: lessons with their words, and task projects with their images. Text is stored
 * in IndexedDB; images go into the task-assets cache at download time, so they work offline.
 */
import { isApiError } from '$lib/api/errors';
import type {
	LeaseResponse,
	LessonsPack,
	PackIndex,
	PackTask,
	ProjectPack,
	ProjectStatus
} from '$lib/api/packs';
import type { Locale } from '$lib/i18n/locales';
import { mediaOf, type TaskType } from '$lib/labeling/types';
import { ASSET_CACHE } from '$lib/pwa/caches';
import type { LocalDb, StoredProject } from './db';
import * as meta from './meta';

async function getJson<T>(path: string): Promise<T> {
	const response = await fetch(path, { headers: { accept: 'application/json' } });
	if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
	return (await response.json()) as T;
}

/**
 * Brings the lessons and words up to the server's version; returns whether anything changed.
 * The stored version goes as If-None-Match, so an unchanged vocabulary costs one small request.
 * Words are only added or updated, never removed: old reviews may still point at them.
 */
export async function updateLessons(db: LocalDb, locale: Locale): Promise<boolean> {
	const version = await meta.get(db, 'lessonsVersion');
	const headers: Record<string, string> = { accept: 'application/json' };
	if (version && (await db.count('lessons')) > 0) headers['if-none-match'] = `"${version}"`;
	// In the learner's language and English only; another language is another version.
	const response = await fetch(`/api/packs/lessons?locale=${locale}`, { headers });
	if (response.status === 304) return false;
	if (!response.ok) throw new Error(`/api/packs/lessons: HTTP ${response.status}`);
	const pack = (await response.json()) as LessonsPack;
	const tx = db.transaction(['lessons', 'words', 'meta'], 'readwrite');
	const lessons = tx.objectStore('lessons');
	await Promise.all([
		// Lessons are cut from the decks, so the old cuts go.
		lessons.clear(),
		...pack.lessons.map((lesson) => lessons.put(lesson)),
		...pack.words.map((word) => tx.objectStore('words').put(word)),
		tx.objectStore('meta').put(pack.version, 'lessonsVersion'),
		tx.done
	]);
	return true;
}

export function fetchIndex(): Promise<PackIndex> {
	return getJson<PackIndex>('/api/packs');
}

/** Puts the tasks' images and audio in the asset cache, so they show offline. */
async function cacheMedia(type: TaskType, tasks: readonly PackTask[]): Promise<void> {
	const cache = await caches.open(ASSET_CACHE);
	const urls = tasks.map((task) => mediaOf(type, task.data)).filter((url) => url !== null);
	await cache.addAll([...new Set(urls)]);
}

async function storeTasks(
	db: LocalDb,
	tasks: readonly PackTask[],
	project?: StoredProject
): Promise<void> {
	const tx = db.transaction(['projects', 'tasks'], 'readwrite');
	await Promise.all([
		project ? tx.objectStore('projects').put(project) : undefined,
		...tasks.map((task) => tx.objectStore('tasks').put(task)),
		tx.done
	]);
}

function fetchProject(projectId: string, locale: Locale): Promise<ProjectPack> {
	return getJson<ProjectPack>(
		`/api/packs/projects/${encodeURIComponent(projectId)}?locale=${locale}`
	);
}

/** Caches every image first, then stores the project: a stored project is always complete. */
export async function downloadProject(
	db: LocalDb,
	projectId: string,
	locale: Locale
): Promise<void> {
	const pack = await fetchProject(projectId, locale);
	await cacheMedia(pack.project.type, pack.tasks);
	await storeTasks(db, pack.tasks, { ...pack.project, downloadedAt: new Date().toISOString() });
}

/**
 * After a change of language, fetches the stored projects' texts (guidelines, explanations)
 * again in the new one; their pictures are already cached. Until then the phone shows them in
 * English. Returns whether anything was stored.
 */
export async function relocalizeProjects(db: LocalDb, locale: Locale): Promise<boolean> {
	if ((await meta.get(db, 'projectsLocale')) === locale) return false;
	const stored = await db.getAll('projects');
	for (const project of stored) {
		const pack = await fetchProject(project.id, locale);
		await storeTasks(db, pack.tasks, { ...pack.project, downloadedAt: project.downloadedAt });
	}
	await meta.set(db, 'projectsLocale', locale);
	return stored.length > 0;
}

/** Why the server would not lease work, in a form the page can explain. */
export class LeaseRefused extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/**
 * Leases a batch of work and caches its media before storing it, so every stored task can be
 * done offline. Returns the number of tasks in the batch.
 */
export async function leaseWork(
	db: LocalDb,
	project: Pick<StoredProject, 'id' | 'type'>,
	locale: Locale
): Promise<number> {
	const response = await fetch(`/api/projects/${encodeURIComponent(project.id)}/lease`, {
		method: 'POST',
		headers: { accept: 'application/json', 'content-type': 'application/json' },
		body: JSON.stringify({ locale })
	});
	if (!response.ok) {
		const body: unknown = await response.json().catch(() => null);
		if (isApiError(body)) throw new LeaseRefused(body.error.code, body.error.message);
		throw new Error(`lease: HTTP ${response.status}`);
	}
	const lease = (await response.json()) as LeaseResponse;
	await cacheMedia(project.type, lease.tasks);
	await storeTasks(db, lease.tasks);
	return lease.tasks.length;
}

/** What the server knows of the learner on a project: qualification, accuracy, open work. */
export function fetchStatus(projectId: string, locale: Locale): Promise<ProjectStatus> {
	return getJson<ProjectStatus>(
		`/api/projects/${encodeURIComponent(projectId)}/status?locale=${locale}`
	);
}

/** Whether a download may start now: with "Wi-Fi only", not on a cellular connection. */
export function mayDownload(wifiOnly: boolean): boolean {
	if (!wifiOnly) return true;
	const connection = (navigator as Navigator & { connection?: { type?: string } }).connection;
	// Where the Network Information API is missing (iOS, Firefox) we cannot tell: allow it.
	return connection?.type !== 'cellular';
}
