/**
 * Puts the shipped content (content/ as data) into the database. Idempotent: run at every start,
 * it upserts by id, so edited content lands and learners' events are untouched.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { mediaOf } from '$lib/labeling/project';
import { projectTasks, type Content } from './content';
import type { Db } from './db';
import { createAccount } from './accounts';
import { cohorts, decks, lessons, projects, tasks, users, words } from './db/schema';

function excluded(...columns: string[]) {
	return Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded.${c}`)]));
}

function fileBytes(staticDir: string, path: string): number {
	try {
		return statSync(join(staticDir, path)).size;
	} catch {
		return 0;
	}
}

export async function seedContent(db: Db, content: Content, staticDir = 'static'): Promise<void> {
	await db.transaction(async (tx) => {
		for (const [position, deck] of content.decks.entries()) {
			await tx
				.insert(decks)
				.values({ id: deck.id, title: deck.title, level: deck.level, position })
				.onConflictDoUpdate({ target: decks.id, set: excluded('title', 'level', 'position') });
		}
		const deckOf = new Map(content.decks.flatMap((d) => d.wordIds.map((id) => [id, d.id])));
		if (content.words.length > 0) {
			await tx
				.insert(words)
				.values(
					content.words.map((word, position) => ({
						id: word.id,
						deckId: deckOf.get(word.id) ?? '',
						hangul: word.hangul,
						romanization: word.romanization,
						pos: word.pos,
						level: word.level,
						gloss: word.gloss,
						example: word.example,
						position
					}))
				)
				.onConflictDoUpdate({
					target: words.id,
					set: excluded(
						'deck_id',
						'hangul',
						'romanization',
						'pos',
						'level',
						'gloss',
						'example',
						'position'
					)
				});
		}
		// Lessons are cut from the decks, so a deck that grew leaves old cuts behind: drop them.
		const lessonIds = content.lessons.map((lesson) => lesson.id);
		await tx
			.delete(lessons)
			.where(lessonIds.length ? notInArray(lessons.id, lessonIds) : undefined);
		for (const [position, lesson] of content.lessons.entries()) {
			await tx
				.insert(lessons)
				.values({
					id: lesson.id,
					deckId: lesson.deck,
					title: lesson.title,
					wordIds: lesson.words,
					position
				})
				.onConflictDoUpdate({
					target: lessons.id,
					set: excluded('deck_id', 'title', 'word_ids', 'position')
				});
		}
		// Shipped projects and tasks gone from the content go too (their leases with them);
		// answers stay in the event log, which names tasks by id. Coordinators' projects stay.
		const projectIds = content.projects.map((project) => project.id);
		const shipped = eq(projects.source, 'content');
		await tx
			.delete(projects)
			.where(projectIds.length ? and(shipped, notInArray(projects.id, projectIds)) : shipped);
		const all = content.projects.flatMap((project) =>
			projectTasks(project).map((item) => ({ project, ...item }))
		);
		if (projectIds.length) {
			await tx.delete(tasks).where(
				and(
					inArray(tasks.projectId, projectIds),
					notInArray(
						tasks.id,
						all.map(({ task }) => task.id)
					)
				)
			);
		}
		for (const project of content.projects) {
			await tx
				.insert(projects)
				.values({
					id: project.id,
					type: project.type,
					multiple: project.multiple,
					title: project.title,
					description: project.description,
					guidelines: project.guidelines,
					labels: project.labels,
					redundancy: project.redundancy,
					goldShare: project.goldShare,
					passAt: project.passAt
				})
				.onConflictDoUpdate({
					target: projects.id,
					set: excluded(
						'type',
						'multiple',
						'title',
						'description',
						'guidelines',
						'labels',
						'redundancy',
						'gold_share',
						'pass_at'
					)
				});
		}
		if (all.length === 0) return;
		const positions = new Map<string, number>();
		await tx
			.insert(tasks)
			.values(
				all.map(({ project, kind, task }) => {
					const key = `${project.id}:${kind}`;
					const position = positions.get(key) ?? 0;
					positions.set(key, position + 1);
					const media = mediaOf(project.type, task.data);
					return {
						id: task.id,
						projectId: project.id,
						ref: task.id,
						kind,
						position,
						data: task.data,
						gold: task.gold ?? null,
						explanation: task.explanation ?? null,
						assetBytes: media ? fileBytes(staticDir, media) : 0
					};
				})
			)
			.onConflictDoUpdate({
				target: tasks.id,
				set: excluded(
					'project_id',
					'ref',
					'kind',
					'position',
					'data',
					'gold',
					'explanation',
					'asset_bytes'
				)
			});
	});
}

/** The demo's people, written in the README: sign in as them to try the console and the phone. */
export const DEMO = {
	password: 'ilgam-demo',
	coordinator: { username: 'coach', displayName: 'Demo Coordinator' },
	learner: { username: 'minh', displayName: 'Minh' },
	cohort: { name: 'Demo class', joinCode: 'DEMO2026' }
} as const;

/**
 * The demo (ILGAM_DEMO=1, as `npm start` runs): a coordinator with a cohort and one learner in
 * it, and the shipped projects put in the coordinator's care. Runs once: an existing coordinator
 * named in DEMO means it ran before.
 */
export async function seedDemo(db: Db): Promise<void> {
	let [coach] = await db.select().from(users).where(eq(users.username, DEMO.coordinator.username));
	if (!coach) {
		coach = await createAccount(db, {
			...DEMO.coordinator,
			password: DEMO.password,
			role: 'coordinator'
		});
		const [cohort] = await db
			.insert(cohorts)
			.values({ name: DEMO.cohort.name, coordinatorId: coach.id, joinCode: DEMO.cohort.joinCode })
			.returning();
		await createAccount(db, {
			...DEMO.learner,
			password: DEMO.password,
			role: 'learner',
			cohortId: cohort?.id ?? null
		});
	}
	// Also content added since: shipped projects without an owner go to the demo coordinator.
	await db
		.update(projects)
		.set({ ownerId: coach.id })
		.where(and(eq(projects.source, 'content'), isNull(projects.ownerId)));
}
