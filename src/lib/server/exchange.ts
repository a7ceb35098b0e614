/**
 * Tasks in and results out of a coordinator's project: imported chunks are checked again here
 * with the same parser the console ran in the browser, and exports aggregate the stored answers.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { ImportChunk, ImportResult } from '$lib/api/console';
import {
	formatsFor,
	parseImport,
	serializeExport,
	type ExportFile,
	type ExportTask,
	type InterchangeFormat
} from '$lib/interchange';
import { taskData } from '$lib/labeling/project';
import { aggregateProject } from '$lib/quality';
import { findEditableProject, findOwnProject } from './console';
import type { Db } from './db';
import { events, tasks, users, type Project, type User } from './db/schema';
import { ApiFailure } from './http';
import { judgeStored } from './work';

function shapeOf(project: Project) {
	return {
		type: project.type,
		labels: project.labels.map((label) => label.id),
		multiple: project.multiple
	};
}

/**
 * A task's id from its project and source id: the same row of the same file maps to the same
 * task, so importing a file again (or retrying a chunk) updates instead of duplicating.
 */
function taskIdOf(projectId: string, ref: string): string {
	return `${projectId}-${createHash('sha256').update(ref).digest('hex').slice(0, 16)}`;
}

/** Imports one chunk; the tasks that fail the project's schema come back by index. */
export async function importChunk(
	db: Db,
	staff: User,
	projectId: string,
	chunk: ImportChunk
): Promise<ImportResult> {
	const project = await findEditableProject(db, staff, projectId);
	// One validation path: the chunk is read exactly as a JSONL file of the same tasks would be.
	const jsonl = chunk.tasks
		.map(({ ref, data, gold }) => JSON.stringify({ id: ref, data, gold: gold ?? null }))
		.join('\n');
	const parsed = parseImport('jsonl', jsonl, shapeOf(project));
	const problems = parsed.problems.map(({ line, message }) => ({ index: line - 1, message }));
	if (parsed.tasks.length === 0) return { imported: 0, problems };
	await db.transaction(async (tx) => {
		// Serialised per project, so two uploads never take the same positions.
		await tx.execute(sql`select 1 from projects where id = ${project.id} for update`);
		const [{ top } = { top: null }] = await tx
			.select({ top: max(tasks.position) })
			.from(tasks)
			.where(and(eq(tasks.projectId, project.id), eq(tasks.kind, chunk.kind)));
		let position = (top ?? -1) + 1;
		await tx
			.insert(tasks)
			.values(
				parsed.tasks.map((task) => ({
					id: taskIdOf(project.id, task.ref),
					projectId: project.id,
					ref: task.ref,
					kind: chunk.kind,
					position: position++,
					data: task.data,
					gold: task.gold ?? null,
					// Remote media: its size is unknown until a phone fetches it.
					assetBytes: 0
				}))
			)
			.onConflictDoUpdate({
				target: [tasks.projectId, tasks.ref],
				set: {
					kind: sql`excluded.kind`,
					data: sql`excluded.data`,
					gold: sql`excluded.gold`
				}
			});
	});
	return { imported: parsed.tasks.length, problems };
}

interface Answer {
	taskId: string;
	annotatorId: string;
	answer: unknown;
	answeredAt: string;
}

/**
 * Each learner's latest word on each work task of the project: an answer, unless a later skip
 * withdrew it.
 */
async function latestAnswers(db: Db, projectId: string, taskIds: Set<string>): Promise<Answer[]> {
	const rows = await db
		.select({
			userId: events.userId,
			type: events.type,
			payload: events.payload,
			createdAt: events.clientCreatedAt
		})
		.from(events)
		.where(
			and(
				inArray(events.type, ['annotation', 'skip']),
				sql`${events.payload}->>'projectId' = ${projectId}`
			)
		)
		.orderBy(asc(events.clientCreatedAt), asc(events.seq));
	const latest = new Map<string, Answer | null>();
	for (const row of rows) {
		const payload = row.payload as { taskId: string; answer?: unknown };
		if (!taskIds.has(payload.taskId)) continue;
		const key = `${row.userId}\n${payload.taskId}`;
		latest.set(
			key,
			row.type === 'annotation'
				? {
						taskId: payload.taskId,
						annotatorId: row.userId,
						answer: payload.answer,
						answeredAt: row.createdAt.toISOString()
					}
				: null
		);
	}
	return [...latest.values()].filter((answer): answer is Answer => answer !== null);
}

/**
 * A project's work tasks with their consensus, every learner's answer and each learner's
 * accuracy estimate, in `format`. Learners are named by username (guests by a short id).
 */
export async function exportProject(
	db: Db,
	staff: User,
	projectId: string,
	format: InterchangeFormat,
	answers: 'aggregated' | 'raw'
): Promise<ExportFile> {
	const project = await findOwnProject(db, staff, projectId);
	if (!formatsFor(project.type).includes(format)) {
		throw new ApiFailure(
			400,
			'invalid_query',
			`format: ${format} does not fit ${project.type} tasks; use one of ${formatsFor(project.type).join(', ')}`
		);
	}
	const taskRows = await db
		.select()
		.from(tasks)
		.where(and(eq(tasks.projectId, project.id), eq(tasks.kind, 'work')))
		.orderBy(asc(tasks.position));
	const given = await latestAnswers(db, project.id, new Set(taskRows.map((t) => t.id)));
	const aggregate = aggregateProject({
		type: project.type,
		tasks: taskRows.map((task) => ({
			id: task.id,
			data: taskData(project, task.data) as Record<string, unknown>,
			gold: task.gold
		})),
		answers: given
	});
	const annotatorIds = [...new Set(given.map((a) => a.annotatorId))];
	const names = new Map(
		annotatorIds.length
			? (
					await db
						.select({ id: users.id, username: users.username })
						.from(users)
						.where(inArray(users.id, annotatorIds))
				).map((u) => [u.id, u.username ?? `guest-${u.id.slice(0, 8)}`])
			: []
	);
	const byTask = new Map<string, Answer[]>();
	for (const answer of given) {
		const list = byTask.get(answer.taskId);
		if (list) list.push(answer);
		else byTask.set(answer.taskId, [answer]);
	}
	const exported: ExportTask[] = taskRows.map((task) => {
		const consensus = aggregate.tasks.get(task.id);
		return {
			id: task.ref,
			data: task.data,
			gold: task.gold ?? null,
			consensus: consensus?.consensus ?? null,
			agreement: consensus?.agreement ?? null,
			answers: (byTask.get(task.id) ?? []).map((answer) => ({
				annotator: names.get(answer.annotatorId) ?? answer.annotatorId,
				annotatorAccuracy: aggregate.annotators.get(answer.annotatorId)?.estimate ?? null,
				answer: answer.answer,
				answeredAt: answer.answeredAt,
				// Hidden gold: whether this learner got it right.
				correct:
					task.gold === null ? null : (judgeStored(project, task, answer.answer)?.correct ?? null)
			}))
		};
	});
	try {
		return serializeExport(
			format,
			{ ...shapeOf(project), id: project.id, title: project.title.en ?? project.id },
			exported,
			{ answers }
		);
	} catch (err) {
		// The tasks cannot be written in this format (COCO needs each image's size).
		throw new ApiFailure(
			409,
			'export_impossible',
			err instanceof Error ? err.message : String(err)
		);
	}
}
