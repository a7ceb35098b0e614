/**
 * Puts the shipped content (content/ as data) into the database. Idempotent: run at every start,
 * it upserts by id, so edited content lands and learners' events are untouched.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { notInArray, sql } from 'drizzle-orm';
import { mediaOf } from '$lib/labeling/project';
import { projectTasks, type Content } from './content';
import type { Db } from './db';
import { decks, lessons, projects, tasks, words } from './db/schema';

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
		// Projects and tasks gone from the content go too (their leases with them); answers stay
		// in the event log, which names tasks by id.
		const projectIds = content.projects.map((project) => project.id);
		await tx
			.delete(projects)
			.where(projectIds.length ? notInArray(projects.id, projectIds) : undefined);
		const all = content.projects.flatMap((project) =>
			projectTasks(project).map((item) => ({ project, ...item }))
		);
		await tx.delete(tasks).where(
			all.length
				? notInArray(
						tasks.id,
						all.map(({ task }) => task.id)
					)
				: undefined
		);
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
