/** Reads content out of the database in the shapes the phone stores (src/lib/api/packs.ts). */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { LessonsPack, PackIndex, ProjectPack, ProjectSummary } from '$lib/api/packs';
import { inLanguage, type Locale } from '$lib/i18n/locales';
import type { Db } from './db';
import { canSeeProject, projectById, visibleProjects } from './access';
import { decks, lessons, projects, tasks, words, type User } from './db/schema';
import { packTask } from './work';

/** The lessons, with the words they teach and the words that task labels show. */
export async function lessonsPack(db: Db, locale?: Locale): Promise<LessonsPack> {
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
	const content = inLanguage(
		{
			lessons: lessonRows,
			words: wordRows.map(({ position: _position, ...word }) => word)
		},
		locale
	);
	const version = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
	return { version: version.slice(0, 22), ...content };
}

async function summaries(db: Db, where: SQL | undefined): Promise<ProjectSummary[]> {
	const downloaded = sql`${tasks.kind} <> 'work'`;
	const rows = await db
		.select({
			id: projects.id,
			type: projects.type,
			title: projects.title,
			description: projects.description,
			taskCount: sql<number>`(count(*) filter (where ${downloaded}))::int`,
			assetBytes: sql<number>`coalesce(sum(${tasks.assetBytes}) filter (where ${downloaded}), 0)::int`,
			workTaskBytes: sql<number>`coalesce(round(avg(${tasks.assetBytes}) filter (where ${tasks.kind} = 'work')), 0)::int`
		})
		.from(projects)
		.leftJoin(tasks, eq(tasks.projectId, projects.id))
		.where(where)
		.groupBy(projects.id)
		.orderBy(asc(projects.createdAt), asc(projects.id));
	return rows;
}

/** The projects `viewer` may see (./access.ts). */
export async function packIndex(db: Db, viewer: User | null): Promise<PackIndex> {
	return { projects: await summaries(db, visibleProjects(viewer)) };
}

/**
 * A project's download: training items with gold and explanations, and the qualification set
 * without gold (the server scores it). Work comes in leased batches (./work.ts).
 */
export async function projectPack(
	db: Db,
	projectId: string,
	viewer: User | null,
	locale?: Locale
): Promise<ProjectPack | null> {
	const project = await projectById(db, projectId);
	if (!project || !canSeeProject(viewer, project)) return null;
	const [summary] = await summaries(db, eq(projects.id, projectId));
	if (!summary) return null;
	const taskRows = await db
		.select()
		.from(tasks)
		.where(and(eq(tasks.projectId, projectId), ne(tasks.kind, 'work')))
		.orderBy(asc(tasks.kind), asc(tasks.position));
	const pack: ProjectPack = {
		project: {
			...summary,
			guidelines: project.guidelines,
			labels: project.labels,
			multiple: project.multiple,
			passAt: project.passAt
		},
		tasks: taskRows.map((row) => packTask(project, row, row.kind === 'training'))
	};
	return inLanguage(pack, locale);
}
