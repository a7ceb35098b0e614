/**
 * The coordinator's console on the server: cohorts, learners' progress, projects. Every function
 * takes the signed-in staff member and answers 404 for what is not theirs (an admin's is
 * everything), so a coordinator cannot even learn that another's cohort exists.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { ProjectInput } from '$lib/api/console';
import { describeIssues } from '$lib/api/events';
import type { LearnerReport } from '$lib/progress/learner-report';
import { projectById } from './access';
import { newJoinCode } from './accounts';
import { isUniqueViolation, type Db } from './db';
import {
	cohorts,
	projects,
	tasks,
	users,
	words,
	type Cohort,
	type Project,
	type User
} from './db/schema';
import { ApiFailure } from './http';
import { learnerReports } from './reports';

const isAdmin = (staff: User) => staff.role === 'admin';

/** Ids from a URL: one that is not a UUID names nothing, and PostgreSQL would refuse it. */
const isUuid = (id: string) => v.is(v.pipe(v.string(), v.uuid()), id);

function notFound(what: string): ApiFailure {
	return new ApiFailure(404, 'not_found', `No such ${what}.`);
}

// --- cohorts -------------------------------------------------------------------------------------

export interface CohortSummary extends Cohort {
	learners: number;
}

export async function cohortsOf(db: Db, staff: User): Promise<CohortSummary[]> {
	return db
		.select({
			id: cohorts.id,
			name: cohorts.name,
			coordinatorId: cohorts.coordinatorId,
			joinCode: cohorts.joinCode,
			createdAt: cohorts.createdAt,
			// Qualified by hand: inside sql`` Drizzle names columns without their table, and in the
			// subquery a bare "id" would be the user's own.
			learners: sql<number>`(select count(*) from ${users} where ${users}.${sql.identifier('cohort_id')} = ${cohorts}.${sql.identifier('id')})::int`
		})
		.from(cohorts)
		.where(isAdmin(staff) ? undefined : eq(cohorts.coordinatorId, staff.id))
		.orderBy(asc(cohorts.createdAt));
}

export async function findCohort(db: Db, staff: User, cohortId: string): Promise<Cohort> {
	if (!isUuid(cohortId)) throw notFound('class');
	const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
	if (!cohort || (!isAdmin(staff) && cohort.coordinatorId !== staff.id)) throw notFound('class');
	return cohort;
}

/** A fresh code; on the rare clash with another cohort's code, another one. */
async function withFreshCode<T>(attempt: (code: string) => Promise<T>): Promise<T> {
	for (let tries = 0; ; tries++) {
		try {
			return await attempt(newJoinCode());
		} catch (err) {
			if (!isUniqueViolation(err) || tries >= 5) throw err;
		}
	}
}

export async function createCohort(db: Db, staff: User, name: string): Promise<Cohort> {
	const cohort = await withFreshCode(async (joinCode) => {
		const [row] = await db
			.insert(cohorts)
			.values({ name, coordinatorId: staff.id, joinCode })
			.returning();
		return row;
	});
	if (!cohort) throw new Error('insert into cohorts returned nothing');
	return cohort;
}

/** A new join code; the old one stops working at once (learners already in stay in). */
export async function rotateJoinCode(db: Db, staff: User, cohortId: string): Promise<Cohort> {
	const cohort = await findCohort(db, staff, cohortId);
	const updated = await withFreshCode(async (joinCode) => {
		const [row] = await db
			.update(cohorts)
			.set({ joinCode })
			.where(eq(cohorts.id, cohort.id))
			.returning();
		return row;
	});
	if (!updated) throw notFound('class');
	return updated;
}

/** Coordinators and admins, for the admin's page, with how many classes each runs. */
export async function staffAccounts(db: Db) {
	return db
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			createdAt: users.createdAt,
			cohorts: sql<number>`(select count(*) from ${cohorts} where ${cohorts}.${sql.identifier('coordinator_id')} = ${users}.${sql.identifier('id')})::int`
		})
		.from(users)
		.where(inArray(users.role, ['coordinator', 'admin']))
		.orderBy(asc(users.role), asc(users.username));
}

// --- learners ------------------------------------------------------------------------------------

export interface LearnerRow {
	id: string;
	username: string;
	displayName: string;
	lastSyncAt: Date | null;
	joinedAt: Date;
	report: LearnerReport;
}

export async function cohortLearners(
	db: Db,
	staff: User,
	cohortId: string,
	now = new Date()
): Promise<{ cohort: Cohort; learners: LearnerRow[] }> {
	const cohort = await findCohort(db, staff, cohortId);
	const members = await db
		.select()
		.from(users)
		.where(and(eq(users.cohortId, cohort.id), eq(users.role, 'learner')))
		.orderBy(asc(users.displayName));
	const reports = await learnerReports(
		db,
		members.map((m) => m.id),
		now
	);
	return { cohort, learners: members.map((member) => learnerRow(member, reports)) };
}

function learnerRow(member: User, reports: Map<string, LearnerReport>): LearnerRow {
	return {
		id: member.id,
		username: member.username ?? '',
		displayName: member.displayName ?? member.username ?? '',
		lastSyncAt: member.lastSyncAt,
		joinedAt: member.createdAt,
		report: reports.get(member.id) as LearnerReport
	};
}

export async function learnerDetail(
	db: Db,
	staff: User,
	learnerId: string,
	now = new Date()
): Promise<{ cohort: Cohort; learner: LearnerRow }> {
	if (!isUuid(learnerId)) throw notFound('learner');
	const [member] = await db.select().from(users).where(eq(users.id, learnerId));
	if (!member?.cohortId || member.role !== 'learner') throw notFound('learner');
	const cohort = await findCohort(db, staff, member.cohortId).catch(() => {
		throw notFound('learner');
	});
	const reports = await learnerReports(db, [member.id], now);
	return { cohort, learner: learnerRow(member, reports) };
}

// --- projects ------------------------------------------------------------------------------------

export interface ProjectSummary {
	id: string;
	title: Record<string, string>;
	type: Project['type'];
	cohort: string | null;
	source: Project['source'];
	tasks: { training: number; qualification: number; work: number };
}

export async function projectsOf(db: Db, staff: User): Promise<ProjectSummary[]> {
	const rows = await db
		.select({
			id: projects.id,
			title: projects.title,
			type: projects.type,
			source: projects.source,
			cohort: cohorts.name,
			kind: tasks.kind,
			n: count(tasks.id)
		})
		.from(projects)
		.leftJoin(cohorts, eq(cohorts.id, projects.cohortId))
		.leftJoin(tasks, eq(tasks.projectId, projects.id))
		.where(isAdmin(staff) ? undefined : eq(projects.ownerId, staff.id))
		.groupBy(projects.id, cohorts.name, tasks.kind)
		.orderBy(asc(projects.createdAt), asc(projects.id));
	const byId = new Map<string, ProjectSummary>();
	for (const row of rows) {
		const summary = byId.get(row.id) ?? {
			id: row.id,
			title: row.title,
			type: row.type,
			cohort: row.cohort,
			source: row.source,
			tasks: { training: 0, qualification: 0, work: 0 }
		};
		if (row.kind) summary.tasks[row.kind] = row.n;
		byId.set(row.id, summary);
	}
	return [...byId.values()];
}

/** The project, when `staff` runs it. */
export async function findOwnProject(db: Db, staff: User, projectId: string): Promise<Project> {
	const project = await projectById(db, projectId);
	if (!project || (!isAdmin(staff) && project.ownerId !== staff.id)) throw notFound('project');
	return project;
}

/**
 * A project the console may change: shipped projects are re-seeded from content/ at every start,
 * so a change made here would silently go; they are read-only (export works).
 */
export async function findEditableProject(db: Db, staff: User, projectId: string) {
	const project = await findOwnProject(db, staff, projectId);
	if (project.source === 'content') {
		throw new ApiFailure(
			409,
			'shipped_project',
			'This project comes with Ilgam and is set in content/projects; create your own to change it.'
		);
	}
	return project;
}

function parseProject(input: unknown): v.InferOutput<typeof ProjectInput> {
	const parsed = v.safeParse(ProjectInput, input);
	if (!parsed.success) throw new ApiFailure(400, 'invalid_request', describeIssues(parsed.issues));
	return parsed.output;
}

/** Label words must be in the vocabulary, so a tapped label is a word to review. */
async function resolveLabels(
	db: Db,
	labels: { id: string; hangul: string }[]
): Promise<{ id: string; wordId: string }[]> {
	const found = await db
		.select({ id: words.id, hangul: words.hangul })
		.from(words)
		.where(
			inArray(
				words.hangul,
				labels.map((l) => l.hangul)
			)
		)
		.orderBy(asc(words.position));
	const wordOf = new Map<string, string>();
	for (const word of found) if (!wordOf.has(word.hangul)) wordOf.set(word.hangul, word.id);
	const missing = labels.filter((l) => !wordOf.has(l.hangul)).map((l) => l.hangul);
	if (missing.length) {
		throw new ApiFailure(
			400,
			'invalid_request',
			`labels: not in the vocabulary: ${missing.join(', ')}. Choose words the learners study.`
		);
	}
	return labels.map((l) => ({ id: l.id, wordId: wordOf.get(l.hangul) as string }));
}

function slug(text: string): string {
	return (
		text
			.normalize('NFKD')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 30) || 'project'
	);
}

export async function createProject(db: Db, staff: User, raw: unknown): Promise<Project> {
	const input = parseProject(raw);
	await findCohort(db, staff, input.cohortId);
	const labels = await resolveLabels(db, input.labels);
	const id = `${slug(input.title.en ?? '')}-${crypto.randomUUID().slice(0, 6)}`;
	const [project] = await db
		.insert(projects)
		.values({ ...input, id, labels, source: 'console', ownerId: staff.id })
		.returning();
	if (!project) throw new Error('insert into projects returned nothing');
	return project;
}

/**
 * Changes a project's settings. The type is fixed once it has tasks: their data and every
 * answer given follow it.
 */
export async function updateProject(
	db: Db,
	staff: User,
	projectId: string,
	raw: unknown
): Promise<Project> {
	const project = await findEditableProject(db, staff, projectId);
	const input = parseProject(raw);
	if (input.type !== project.type) {
		const [{ n } = { n: 0 }] = await db
			.select({ n: count() })
			.from(tasks)
			.where(eq(tasks.projectId, project.id));
		if (n > 0) {
			throw new ApiFailure(
				409,
				'type_fixed',
				'The task type cannot change once tasks are imported.'
			);
		}
	}
	await findCohort(db, staff, input.cohortId);
	const labels = await resolveLabels(db, input.labels);
	const [updated] = await db
		.update(projects)
		.set({ ...input, labels })
		.where(eq(projects.id, project.id))
		.returning();
	if (!updated) throw notFound('project');
	return updated;
}
