/**
 * Learner reports on the server: each learner's event log folded by `progress/learner-report`,
 * with answers judged against the gold only the server holds.
 */
import { and, asc, inArray } from 'drizzle-orm';
import { learnerReport, type LearnerReport } from '$lib/progress/learner-report';
import type { Db } from './db';
import { events, projects, tasks } from './db/schema';
import { judgeStored } from './work';

/** Reports count days in Korea, where the learners live and work. */
export const REPORT_TIME_ZONE = 'Asia/Seoul';

/**
 * Only qualification items and hidden gold count towards accuracy: they are answered without
 * feedback, as on the job. Training answers are practice with the answer key at hand.
 */
const MEASURED_KINDS = ['qualification', 'work'] as const;

export async function learnerReports(
	db: Db,
	userIds: readonly string[],
	now = new Date()
): Promise<Map<string, LearnerReport>> {
	const reports = new Map<string, LearnerReport>();
	if (userIds.length === 0) return reports;
	const rows = await db
		.select({
			id: events.id,
			userId: events.userId,
			type: events.type,
			payload: events.payload,
			createdAt: events.clientCreatedAt
		})
		.from(events)
		.where(inArray(events.userId, [...userIds]))
		.orderBy(asc(events.clientCreatedAt), asc(events.id));
	const taskIds = new Set<string>();
	for (const row of rows) {
		const taskId = (row.payload as { taskId?: unknown }).taskId;
		if (row.type === 'annotation' && typeof taskId === 'string') taskIds.add(taskId);
	}
	const [projectRows, goldRows] = await Promise.all([
		db.select().from(projects),
		taskIds.size
			? db
					.select()
					.from(tasks)
					.where(and(inArray(tasks.id, [...taskIds]), inArray(tasks.kind, [...MEASURED_KINDS])))
			: []
	]);
	const projectById = new Map(projectRows.map((p) => [p.id, p]));
	const goldTask = new Map(goldRows.filter((t) => t.gold !== null).map((t) => [t.id, t]));
	const options = {
		now,
		timeZone: REPORT_TIME_ZONE,
		projectType: (projectId: string) => projectById.get(projectId)?.type ?? null,
		judge: ({
			projectId,
			taskId,
			answer
		}: {
			projectId: string;
			taskId: string;
			answer: unknown;
		}) => {
			const task = goldTask.get(taskId);
			const project = projectById.get(projectId);
			if (!task || !project || task.projectId !== projectId) return null;
			return judgeStored(project, task, answer)?.correct ?? null;
		}
	};
	const byUser = new Map<string, typeof rows>();
	for (const row of rows) {
		const list = byUser.get(row.userId);
		if (list) list.push(row);
		else byUser.set(row.userId, [row]);
	}
	for (const userId of userIds) {
		reports.set(userId, learnerReport(byUser.get(userId) ?? [], options));
	}
	return reports;
}

export async function learnerReportOf(db: Db, userId: string, now = new Date()) {
	const reports = await learnerReports(db, [userId], now);
	return reports.get(userId) as LearnerReport;
}
