/**
 * Pack downloads: lessons with their words, and task projects with their images. Text is stored
 * in IndexedDB; images go into the task-assets cache at download time, so they work offline.
 */
import type { LessonsPack, PackIndex, ProjectPack } from '$lib/api/packs';
import { ASSET_CACHE } from '$lib/pwa/caches';
import type { LocalDb } from './db';

async function getJson<T>(path: string): Promise<T> {
	const response = await fetch(path, { headers: { accept: 'application/json' } });
	if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
	return (await response.json()) as T;
}

export async function hasLessons(db: LocalDb): Promise<boolean> {
	return (await db.count('lessons')) > 0;
}

export async function downloadLessons(db: LocalDb): Promise<void> {
	const pack = await getJson<LessonsPack>('/api/packs/lessons');
	const tx = db.transaction(['lessons', 'words'], 'readwrite');
	await Promise.all([
		...pack.lessons.map((lesson) => tx.objectStore('lessons').put(lesson)),
		...pack.words.map((word) => tx.objectStore('words').put(word)),
		tx.done
	]);
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
