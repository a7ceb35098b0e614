/**
 * Pack downloads: lessons with their words, and task projects with their images. Text is stored
 * in IndexedDB; images go into the task-assets cache at download time, so they work offline.
 */
import type { LessonsPack, PackIndex, ProjectPack } from '$lib/api/packs';
import { ASSET_CACHE } from '$lib/pwa/caches';
import type { LocalDb } from './db';
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
export async function updateLessons(db: LocalDb): Promise<boolean> {
	const version = await meta.get(db, 'lessonsVersion');
	const headers: Record<string, string> = { accept: 'application/json' };
	if (version && (await db.count('lessons')) > 0) headers['if-none-match'] = `"${version}"`;
	const response = await fetch('/api/packs/lessons', { headers });
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

/** Caches every image first, then stores the project: a stored project is always complete. */
export async function downloadProject(db: LocalDb, projectId: string): Promise<void> {
	const pack = await getJson<ProjectPack>(`/api/packs/projects/${encodeURIComponent(projectId)}`);
	const cache = await caches.open(ASSET_CACHE);
	const urls = [...new Set(pack.tasks.map((task) => task.data.image))];
	await cache.addAll(urls);
	const tx = db.transaction(['projects', 'tasks'], 'readwrite');
	await Promise.all([
		tx.objectStore('projects').put({ ...pack.project, downloadedAt: new Date().toISOString() }),
		...pack.tasks.map((task) => tx.objectStore('tasks').put(task)),
		tx.done
	]);
}

/** Whether a download may start now: with "Wi-Fi only", not on a cellular connection. */
export function mayDownload(wifiOnly: boolean): boolean {
	if (!wifiOnly) return true;
	const connection = (navigator as Navigator & { connection?: { type?: string } }).connection;
	// Where the Network Information API is missing (iOS, Firefox) we cannot tell: allow it.
	return connection?.type !== 'cellular';
}
