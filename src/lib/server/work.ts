/**
 * Work on a project: qualification from the learner's answers to the qualification set, leases
 * of work batches, and accuracy from hidden gold. Everything is derived from the event log and
 * the lease table, so a retried upload or a second device changes nothing twice.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { LeaseResponse, PackTask, ProjectStatus, QualificationAttempt } from '$lib/api/packs';
import { inLanguage, type Locale } from '$lib/i18n/locales';
import { fitsLanguage, judge, taskData } from '$lib/labeling/project';
import type { TaskType } from '$lib/labeling/types';
import type { Db } from './db';
import { canSeeProject, projectById } from './access';
import { events, leases, projects, tasks, type User } from './db/schema';
import { ApiFailure } from './http';

/** Tasks in one leased batch. */
export const BATCH_SIZE = 20;
export const LEASE_HOURS = 48;

type ProjectRow = typeof projects.$inferSelect;
type TaskRow = typeof tasks.$inferSelect;

/** The project, when `viewer` may see it (./access.ts); 404 otherwise. */
export async function findProject(
	db: Pick<Db, 'select'>,
	projectId: string,
	viewer: User | null
): Promise<ProjectRow> {
	const project = await projectById(db, projectId);
	if (!project || !canSeeProject(viewer, project)) {
		throw new ApiFailure(404, 'not_found', 'No such project.');
	}
	return project;
}

/** A stored task as the phone gets it; gold and explanation only where `withGold`. */
export function packTask(project: ProjectRow, row: TaskRow, withGold: boolean): PackTask {
	const task: PackTask = {
		id: row.id,
		projectId: row.projectId,
		kind: row.kind,
		position: row.position,
		data: taskData(project, row.data) as Record<string, unknown>
	};
	if (withGold) {
		task.gold = row.gold ?? undefined;
		task.explanation = row.explanation ?? undefined;
	}
	return task;
}

// --- scoring answers from the log --------------------------------------------------------------

interface LoggedAnswer {
	taskId: string;
	answer: Record<string, unknown>;
	attempt: number;
}

/** The learner's answers on a project, oldest first; a later answer to a task replaces it. */
async function answersOf(db: Db, userId: string, projectId: string): Promise<LoggedAnswer[]> {
	const rows = await db
		.select({ payload: events.payload })
		.from(events)
		.where(
			and(
				eq(events.userId, userId),
				eq(events.type, 'annotation'),
				sql`${events.payload}->>'projectId' = ${projectId}`
			)
		)
		.orderBy(asc(events.clientCreatedAt), asc(events.seq));
	return rows.map(({ payload }) => {
		const p = payload as { taskId: string; answer: Record<string, unknown>; attempt?: number };
		return { taskId: p.taskId, answer: p.answer, attempt: p.attempt ?? 1 };
	});
}

/** A stored answer to a gold task judged against that gold (./sync.ts validated it on entry). */
export function judgeStored(project: ProjectRow, task: TaskRow, answer: unknown) {
	return judge(project.type, taskData(project, task.data), task.gold, answer);
}

function isCorrectStored(project: ProjectRow, task: TaskRow, answer: unknown): boolean {
	return judgeStored(project, task, answer)?.correct ?? false;
}

/**
 * Each try at the qualification set, scored once complete. The set is the qualification items
 * for the learner's language (translation checks are in their own language).
 */
function qualificationAttempts(
	project: ProjectRow,
	set: readonly TaskRow[],
	answers: readonly LoggedAnswer[]
): QualificationAttempt[] {
	const byId = new Map(set.map((task) => [task.id, task]));
	const attempts = new Map<number, Map<string, unknown>>();
	for (const answer of answers) {
		if (!byId.has(answer.taskId)) continue;
		const latest = attempts.get(answer.attempt) ?? new Map<string, unknown>();
		latest.set(answer.taskId, answer.answer);
		attempts.set(answer.attempt, latest);
	}
	return [...attempts.entries()]
		.sort(([a], [b]) => a - b)
		.map(([attempt, latest]) => {
			let correct = 0;
			for (const [taskId, answer] of latest) {
				const task = byId.get(taskId);
				if (task && isCorrectStored(project, task, answer)) correct++;
			}
			const total = set.length;
			const answered = latest.size;
			const passed = total > 0 && answered === total && correct >= project.passAt * total - 1e-9;
			return { attempt, answered, correct, total, passed };
		});
}

export async function projectStatus(
	db: Db,
	user: User,
	projectId: string,
	locale: Locale,
	now = new Date()
): Promise<ProjectStatus> {
	return statusOf(db, user.id, await findProject(db, projectId, user), locale, now);
}

async function statusOf(
	db: Db,
	userId: string,
	project: ProjectRow,
	locale: Locale,
	now: Date
): Promise<ProjectStatus> {
	const projectId = project.id;
	const [taskRows, answers, open] = await Promise.all([
		db
			.select()
			.from(tasks)
			.where(and(eq(tasks.projectId, projectId), inArray(tasks.kind, ['qualification', 'work']))),
		answersOf(db, userId, projectId),
		db
			.select({ id: leases.id })
			.from(leases)
			.where(
				and(
					eq(leases.userId, userId),
					eq(leases.projectId, projectId),
					isNull(leases.answeredAt),
					gt(leases.expiresAt, now)
				)
			)
	]);
	const set = taskRows.filter(
		(task) =>
			task.kind === 'qualification' && fitsLanguage(project.type as TaskType, task.data, locale)
	);
	const attempts = qualificationAttempts(project, set, answers);
	return {
		qualified: attempts.some((attempt) => attempt.passed),
		attempts,
		accuracy: goldAccuracy(project, taskRows, answers),
		openTasks: open.length
	};
}

/** Correct answers over answered hidden-gold work items, each task's latest answer. */
export function goldAccuracy(
	project: ProjectRow,
	taskRows: readonly TaskRow[],
	answers: readonly LoggedAnswer[]
): { correct: number; total: number } | null {
	const gold = new Map(
		taskRows.filter((t) => t.kind === 'work' && t.gold !== null).map((t) => [t.id, t])
	);
	const latest = new Map<string, unknown>();
	for (const answer of answers)
		if (gold.has(answer.taskId)) latest.set(answer.taskId, answer.answer);
	if (latest.size === 0) return null;
	let correct = 0;
	for (const [taskId, answer] of latest) {
		const task = gold.get(taskId);
		if (task && isCorrectStored(project, task, answer)) correct++;
	}
	return { correct, total: latest.size };
}

// --- leases --------------------------------------------------------------------------------------

function shuffled<T>(items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

/**
 * Leases a batch of work: the learner's open leases on the project (a phone that lost its batch
 * gets it back), topped up to `BATCH_SIZE`. Ordinary tasks go only where open leases and answers
 * are fewer than the project's redundancy; hidden gold, about `goldShare` of the batch, goes to
 * everyone once. The batch is shuffled and carries no gold, so gold looks like any other task.
 * Leasing is serialised per project (a row lock), so two learners cannot both take a task's last
 * slot.
 */
export async function leaseWork(
	db: Db,
	user: User,
	projectId: string,
	locale: Locale,
	now = new Date()
): Promise<LeaseResponse> {
	const userId = user.id;
	const project = await findProject(db, projectId, user);
	const status = await statusOf(db, userId, project, locale, now);
	if (!status.qualified) {
		throw new ApiFailure(
			403,
			'not_qualified',
			'Pass the qualification set first; answers made offline count once they are synced.'
		);
	}
	const expiresAt = new Date(now.getTime() + LEASE_HOURS * 3_600_000);
	const type = project.type as TaskType;
	const leased = await db.transaction(async (tx) => {
		await tx
			.select({ id: projects.id })
			.from(projects)
			.where(eq(projects.id, projectId))
			.for('update');
		const mine = await tx
			.select({ taskId: leases.taskId, expiresAt: leases.expiresAt, answeredAt: leases.answeredAt })
			.from(leases)
			.where(and(eq(leases.userId, userId), eq(leases.projectId, projectId)));
		const open = mine.filter((l) => l.answeredAt === null && l.expiresAt > now);
		const need = BATCH_SIZE - open.length;
		const held = new Set(mine.map((l) => l.taskId));
		const taken = await tx
			.select({ taskId: leases.taskId, slots: sql<number>`count(*)::int` })
			.from(leases)
			.where(
				and(
					eq(leases.projectId, projectId),
					or(isNotNull(leases.answeredAt), gt(leases.expiresAt, now))
				)
			)
			.groupBy(leases.taskId);
		const slots = new Map(taken.map((row) => [row.taskId, row.slots]));
		const work = await tx
			.select()
			.from(tasks)
			.where(and(eq(tasks.projectId, projectId), eq(tasks.kind, 'work')))
			.orderBy(asc(tasks.position));
		const free = work.filter((t) => !held.has(t.id) && fitsLanguage(type, t.data, locale));
		const ordinary = free.filter(
			(t) => t.gold === null && (slots.get(t.id) ?? 0) < project.redundancy
		);
		const gold = free.filter((t) => t.gold !== null);
		const fresh: TaskRow[] = [];
		if (need > 0) {
			const ordinaryCount = Math.min(ordinary.length, need - Math.round(need * project.goldShare));
			// No ordinary work left means no batch: gold alone would be a free quiz.
			const goldCount =
				ordinaryCount === 0
					? 0
					: Math.min(
							gold.length,
							need - ordinaryCount,
							project.goldShare > 0
								? Math.max(
										1,
										Math.round((ordinaryCount * project.goldShare) / (1 - project.goldShare))
									)
								: 0
						);
			fresh.push(...ordinary.slice(0, ordinaryCount), ...shuffled(gold).slice(0, goldCount));
		}
		if (fresh.length > 0) {
			await tx
				.insert(leases)
				.values(
					fresh.map((task) => ({ userId, taskId: task.id, projectId, leasedAt: now, expiresAt }))
				);
		}
		const openRows = open.length
			? await tx
					.select()
					.from(tasks)
					.where(
						inArray(
							tasks.id,
							open.map((l) => l.taskId)
						)
					)
			: [];
		const openExpiry = new Map(open.map((l) => [l.taskId, l.expiresAt]));
		return [
			...openRows.map((row) => ({ row, expiresAt: openExpiry.get(row.id) ?? expiresAt })),
			...fresh.map((row) => ({ row, expiresAt }))
		];
	});
	// Positions follow the shuffle, so a phone shows the batch in this order.
	const batch = shuffled(leased).map(({ row, expiresAt: until }, position) => ({
		...packTask(project, row, false),
		position,
		expiresAt: until.toISOString()
	}));
	// In the learner's language and English only, as the packs (src/lib/i18n/locales.ts).
	return { tasks: inLanguage(batch, locale), expiresAt: expiresAt.toISOString() };
}
