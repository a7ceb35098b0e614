/**
 * The server side of sync: validate each event, store each id once, answer per event; and hand
 * a device the learner's own events after a cursor.
 */
import { nulPath } from '$lib/api/nul';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { describeIssues, LearnerEvent, type EventOf } from '$lib/api/events';
import type { EventResult, PulledEvent, PullResponse } from '$lib/api/sync';
import type { Db } from './db';
import { missedLabels, taskData } from '$lib/labeling/project';
import { validateAnswer } from '$lib/labeling/task-types';
import type { TaskType } from '$lib/labeling/types';
import { canSeeProject } from './access';
import { events, leases, lessons, projects, tasks, users, words, type User } from './db/schema';
import { judgeStored } from './work';

/** A phone's clock may be off, but not by more than this into the future. */
const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

interface Candidate {
	index: number;
	event: LearnerEvent;
}

export async function pushEvents(
	db: Db,
	user: User,
	raw: readonly Record<string, unknown>[],
	now = new Date()
): Promise<EventResult[]> {
	const userId = user.id;
	const results: EventResult[] = [];
	const reject = (index: number, id: string | null, reason: string) => {
		results[index] = { index, id, status: 'rejected', reason };
	};

	// A second copy of an event inside one batch gets the first copy's answer once that is
	// known: "duplicate" if the first was stored, "rejected" if it was not.
	const firstIndex = new Map<string, number>();
	const copies: { index: number; first: number }[] = [];
	const candidates: Candidate[] = [];
	raw.forEach((item, index) => {
		const id = typeof item.id === 'string' && !item.id.includes('\0') ? item.id : null;
		const nul = nulPath(item, 'event');
		if (nul) return reject(index, id, `${nul}: must not contain U+0000`);
		const parsed = v.safeParse(LearnerEvent, item);
		if (!parsed.success) return reject(index, id, describeIssues(parsed.issues));
		const event = parsed.output;
		if (Date.parse(event.createdAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
			return reject(index, event.id, 'createdAt: is in the future');
		}
		const first = firstIndex.get(event.id);
		if (first !== undefined) return void copies.push({ index, first });
		firstIndex.set(event.id, index);
		candidates.push({ index, event });
	});

	const { problems, taskInfo } = await checkReferences(db, user, candidates, now);
	const storable = candidates.filter(({ index, event }) => {
		const problem = problems.get(index);
		if (problem) reject(index, event.id, problem);
		return !problem;
	});

	await db.transaction(async (tx) => {
		// Locks the learner's row until commit, so two pushes for one learner (two devices, two
		// app servers) insert one after the other and `seq` grows in commit order for that
		// learner: a pull can never move its cursor past an event that commits later.
		await tx.update(users).set({ lastSyncAt: now }).where(eq(users.id, userId));
		if (storable.length === 0) return;
		const inserted = await tx
			.insert(events)
			.values(
				storable.map(({ event }) => ({
					id: event.id,
					userId,
					type: event.type,
					payload: event.payload,
					clientCreatedAt: new Date(event.createdAt)
				}))
			)
			.onConflictDoNothing({ target: events.id })
			.returning({ id: events.id });
		const fresh = new Set(inserted.map((row) => row.id));
		const owners = await ownersOf(
			tx,
			storable.filter(({ event }) => !fresh.has(event.id)).map(({ event }) => event.id)
		);
		for (const { index, event } of storable) {
			if (fresh.has(event.id)) results[index] = { index, id: event.id, status: 'accepted' };
			else if (owners.get(event.id) === userId) {
				results[index] = { index, id: event.id, status: 'duplicate' };
			} else reject(index, event.id, 'id: already used by another learner');
		}
		const accepted = storable.filter(({ event }) => fresh.has(event.id)).map((c) => c.event);
		await afterWork(tx, userId, accepted, taskInfo, now);
	});

	for (const { index, first } of copies) {
		const original = results[first];
		results[index] =
			original?.status === 'rejected'
				? { ...original, index }
				: { index, id: original?.id ?? null, status: 'duplicate' };
	}
	return results;
}

async function ownersOf(db: Pick<Db, 'select'>, ids: string[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.select({ id: events.id, userId: events.userId })
		.from(events)
		.where(inArray(events.id, ids));
	return new Map(rows.map((row) => [row.id, row.userId]));
}

/** Events must point at content that exists: a word, a lesson, a task of that project. */
async function checkReferences(
	db: Db,
	user: User,
	candidates: Candidate[],
	now: Date
): Promise<{ problems: Map<number, string>; taskInfo: Map<string, TaskInfo> }> {
	const userId = user.id;
	const wordIds = new Set<string>();
	const undoneIds = new Set<string>();
	const lessonIds = new Set<string>();
	const taskIds = new Set<string>();
	for (const { event } of candidates) {
		if (event.type === 'review' || event.type === 'schedule') wordIds.add(event.payload.wordId);
		if (event.type === 'undo') undoneIds.add(event.payload.eventId);
		const lessonId = lessonOf(event);
		if (lessonId) lessonIds.add(lessonId);
		if (event.type === 'annotation' || event.type === 'skip') taskIds.add(event.payload.taskId);
	}
	const [knownWords, knownLessons, knownTasks, storedReviews, myLeases] = await Promise.all([
		wordIds.size
			? db
					.select({ id: words.id })
					.from(words)
					.where(inArray(words.id, [...wordIds]))
			: [],
		lessonIds.size
			? db
					.select({ id: lessons.id })
					.from(lessons)
					.where(inArray(lessons.id, [...lessonIds]))
			: [],
		taskIds.size
			? db
					.select({ task: tasks, project: projects })
					.from(tasks)
					.innerJoin(projects, eq(projects.id, tasks.projectId))
					.where(inArray(tasks.id, [...taskIds]))
			: [],
		undoneIds.size
			? db
					.select({ id: events.id, payload: events.payload })
					.from(events)
					.where(
						and(
							inArray(events.id, [...undoneIds]),
							eq(events.userId, userId),
							eq(events.type, 'review')
						)
					)
			: [],
		taskIds.size
			? db
					.select()
					.from(leases)
					.where(and(eq(leases.userId, userId), inArray(leases.taskId, [...taskIds])))
			: []
	]);
	const leaseOf = new Map(myLeases.map((lease) => [lease.taskId, lease]));
	// The review an undo takes back: the learner's own, stored before or earlier in this batch.
	const reviewWord = new Map(
		storedReviews.map((row) => [row.id, (row.payload as { wordId: string }).wordId])
	);
	const wordSet = new Set(knownWords.map((w) => w.id));
	const lessonSet = new Set(knownLessons.map((l) => l.id));
	// A task of a project the learner may not see is as unknown as a task that does not exist.
	const taskMap = new Map(
		knownTasks.filter((t) => canSeeProject(user, t.project)).map((t) => [t.task.id, t])
	);

	const problems = new Map<number, string>();
	for (const { index, event } of candidates) {
		if (
			(event.type === 'review' || event.type === 'schedule') &&
			!wordSet.has(event.payload.wordId)
		) {
			problems.set(index, 'payload.wordId: no such word');
		}
		if (event.type === 'review' && !problems.has(index)) {
			reviewWord.set(event.id, event.payload.wordId);
		}
		if (event.type === 'undo' && reviewWord.get(event.payload.eventId) !== event.payload.wordId) {
			problems.set(index, 'payload.eventId: no such review of this word');
		}
		const lessonId = lessonOf(event);
		if (lessonId && !lessonSet.has(lessonId)) {
			problems.set(index, 'payload.lessonId: no such lesson');
		}
		if (event.type === 'annotation' || event.type === 'skip') {
			const info = taskMap.get(event.payload.taskId);
			const problem = !info
				? 'payload.taskId: no such task in this project'
				: taskProblem(event, info, leaseOf.get(event.payload.taskId), now);
			if (problem) problems.set(index, problem);
		}
	}
	return { problems, taskInfo: taskMap };
}

interface TaskInfo {
	task: typeof tasks.$inferSelect;
	project: typeof projects.$inferSelect;
}

/**
 * An answer must fit its task (the project's schema: labels in the set, boxes inside the image,
 * spans on whole characters…), and an answer or skip on work must come under the learner's own
 * lease, made before the lease ran out.
 */
function taskProblem(
	event: EventOf<'annotation' | 'skip'>,
	{ task, project }: TaskInfo,
	lease: typeof leases.$inferSelect | undefined,
	now: Date
): string | null {
	if (task.projectId !== event.payload.projectId) {
		return 'payload.taskId: no such task in this project';
	}
	if (event.type === 'annotation') {
		const type = project.type as TaskType;
		const checked = validateAnswer(
			type,
			taskData(project, task.data) as never,
			event.payload.answer
		);
		if (!checked.ok) return `payload.answer: ${checked.reason}`;
	}
	if (task.kind !== 'work') return null;
	if (!lease) return 'payload.taskId: this task is not leased to you';
	const madeAt = Date.parse(event.createdAt);
	// The phone's clock decides when the answer was made (offline work counts), within the
	// clock skew allowed everywhere; an answer that arrives long after its lease ran out cannot
	// claim to be early.
	if (madeAt < lease.leasedAt.getTime() - MAX_CLOCK_SKEW_MS) {
		return 'createdAt: is before the lease on this task';
	}
	const expires = lease.expiresAt.getTime();
	if (madeAt > expires || now.getTime() > expires + MAX_CLOCK_SKEW_MS) {
		return 'payload.taskId: the lease on this task ran out before the answer';
	}
	return null;
}

/**
 * What accepted work changes beyond the log: an answer fills its lease's slot for good, a skip
 * gives the slot back, and a missed hidden-gold item schedules the missed labels' words for the
 * learner's review (as server-made events the phone pulls like any other).
 */
async function afterWork(
	tx: Pick<Db, 'insert' | 'update'>,
	userId: string,
	accepted: readonly LearnerEvent[],
	taskInfo: ReadonlyMap<string, TaskInfo>,
	now: Date
): Promise<void> {
	const schedules: { wordId: string }[] = [];
	for (const event of accepted) {
		if (event.type !== 'annotation' && event.type !== 'skip') continue;
		const info = taskInfo.get(event.payload.taskId);
		if (!info || info.task.kind !== 'work') continue;
		const mine = and(eq(leases.userId, userId), eq(leases.taskId, info.task.id));
		if (event.type === 'skip') {
			await tx
				.update(leases)
				.set({ expiresAt: sql`least(${leases.expiresAt}, ${now.toISOString()}::timestamptz)` })
				.where(and(mine, isNull(leases.answeredAt)));
			continue;
		}
		await tx
			.update(leases)
			.set({ answeredAt: now })
			.where(and(mine, isNull(leases.answeredAt)));
		if (info.task.gold === null) continue;
		const judged = judgeStored(info.project, info.task, event.payload.answer);
		if (!judged || judged.correct) continue;
		const words = new Map(info.project.labels.map((label) => [label.id, label.wordId]));
		for (const label of missedLabels(info.project.type, info.task.gold as never, judged.answer)) {
			const wordId = words.get(label);
			if (wordId) schedules.push({ wordId });
		}
	}
	if (schedules.length === 0) return;
	await tx.insert(events).values(
		[...new Set(schedules.map((s) => s.wordId))].map((wordId) => ({
			id: randomUUID(),
			userId,
			type: 'schedule',
			payload: { wordId, reason: 'missed_gold' },
			clientCreatedAt: now
		}))
	);
}

/** The lesson an event names: always for lesson_done, optionally for a review. */
function lessonOf(event: LearnerEvent): string | undefined {
	if (event.type === 'lesson_done' || event.type === 'review') return event.payload.lessonId;
	return undefined;
}

export async function pullEvents(
	db: Db,
	userId: string,
	after: number,
	limit: number
): Promise<PullResponse> {
	const rows = await db
		.select()
		.from(events)
		.where(and(eq(events.userId, userId), gt(events.seq, after)))
		.orderBy(asc(events.seq))
		.limit(limit + 1);
	const page = rows.slice(0, limit);
	const pulled: PulledEvent[] = page.map((row) => ({
		id: row.id,
		type: row.type as PulledEvent['type'],
		createdAt: row.clientCreatedAt.toISOString(),
		payload: row.payload as PulledEvent['payload'],
		seq: row.seq
	}));
	return {
		events: pulled,
		cursor: page.at(-1)?.seq ?? after,
		more: rows.length > limit
	};
}
