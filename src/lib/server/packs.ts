/** Reads content out of the database in the shapes the phone stores (src/lib/api/packs.ts). */
import { createHash } from 'node:crypto';
import { asc, count, eq, inArray, sum } from 'drizzle-orm';
import type { LessonsPack, PackIndex, PackTask, ProjectPack, ProjectSummary } from '$lib/api/packs';
import type { Db } from './db';
import { decks, lessons, projects, tasks, words } from './db/schema';

/** The lessons, with the words they teach and the words that task labels show. */
export async function lessonsPack(db: Db): Promise<LessonsPack> {
	const [lessonRows, projectRows] = await Promise.all([
		db
			.select({
				id: lessons.id,
				deckId: lessons.deckId,
				deckTitle: decks.title,
				level: decks.level,
				title: lessons.title,
				wordIds: lessons.wordIds,
				position: lessons.position
			})
			.from(lessons)
			.innerJoin(decks, eq(decks.id, lessons.deckId))
			.orderBy(asc(lessons.position)),
		db.select({ labels: projects.labels }).from(projects)
	]);
	const needed = new Set([
		...lessonRows.flatMap((lesson) => lesson.wordIds),
		...projectRows.flatMap((project) => project.labels.map((label) => label.wordId))
	]);
	const wordRows = needed.size
		? await db
				.select()
				.from(words)
				.where(inArray(words.id, [...needed]))
				.orderBy(asc(words.position))
		: [];
	const content = {
		lessons: lessonRows,
		words: wordRows.map(({ position: _position, ...word }) => word)
	};
	const version = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
	return { version: version.slice(0, 22), ...content };
}

async function summaries(db: Db, projectId?: string): Promise<ProjectSummary[]> {
	const rows = await db
		.select({
			id: projects.id,
			type: projects.type,
			mode: projects.mode,
			multiple: projects.multiple,
			title: projects.title,
			description: projects.description,
			taskCount: count(tasks.id),
			assetBytes: sum(tasks.assetBytes)
		})
		.from(projects)
		.leftJoin(tasks, eq(tasks.projectId, projects.id))
		.where(projectId ? eq(projects.id, projectId) : undefined)
		.groupBy(projects.id)
		.orderBy(asc(projects.createdAt), asc(projects.id));
	return rows.map((row) => ({ ...row, assetBytes: Number(row.assetBytes ?? 0) }));
}

export async function packIndex(db: Db): Promise<PackIndex> {
	return { projects: await summaries(db) };
}

export async function projectPack(db: Db, projectId: string): Promise<ProjectPack | null> {
	const [summary] = await summaries(db, projectId);
	if (!summary) return null;
	const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
	if (!project) return null;
	const taskRows = await db
		.select()
		.from(tasks)
		.where(eq(tasks.projectId, projectId))
		.orderBy(asc(tasks.position));
	const training = project.mode === 'training';
	return {
		project: { ...summary, guidelines: project.guidelines, labels: project.labels },
		tasks: taskRows.map((row): PackTask => {
			const task: PackTask = {
				id: row.id,
				projectId: row.projectId,
				position: row.position,
				data: row.data as PackTask['data']
			};
			if (training) {
				task.gold = row.gold as PackTask['gold'];
				task.explanation = row.explanation ?? undefined;
			}
			return task;
		})
	};
}
