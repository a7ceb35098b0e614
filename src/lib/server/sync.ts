/**
 * The server side of sync: validate each event, store each id once, answer per event; and hand
 * a device the learner's own events after a cursor.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import { describeIssues, LearnerEvent } from '$lib/api/events';
import type { EventResult, PulledEvent, PullResponse } from '$lib/api/sync';
import type { Db } from './db';
import { events, lessons, projects, tasks, users, words } from './db/schema';

/** A phone's clock may be off, but not by more than this into the future. */
const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

interface Candidate {
	index: number;
	event: LearnerEvent;
}

export async function pushEvents(
	db: Db,
	userId: string,
	raw: readonly Record<string, unknown>[],
	now = new Date()
): Promise<EventResult[]> {
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
		const id = typeof item.id === 'string' ? item.id : null;
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

	const problems = await checkReferences(db, userId, candidates);
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
	userId: string,
	candidates: Candidate[]
): Promise<Map<number, string>> {
	const wordIds = new Set<string>();
	const undoneIds = new Set<string>();
	const lessonIds = new Set<string>();
	const taskIds = new Set<string>();
	for (const { event } of candidates) {
		if (event.type === 'review') wordIds.add(event.payload.wordId);
		if (event.type === 'undo') undoneIds.add(event.payload.eventId);
		const lessonId = lessonOf(event);
		if (lessonId) lessonIds.add(lessonId);
		if (event.type === 'annotation' || event.type === 'skip') taskIds.add(event.payload.taskId);
	}
	const [knownWords, knownLessons, knownTasks, storedReviews] = await Promise.all([
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
					.select({
						id: tasks.id,
						projectId: tasks.projectId,
						labels: projects.labels,
						multiple: projects.multiple
					})
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
			: []
	]);
	// The review an undo takes back: the learner's own, stored before or earlier in this batch.
	const reviewWord = new Map(
		storedReviews.map((row) => [row.id, (row.payload as { wordId: string }).wordId])
	);
	const wordSet = new Set(knownWords.map((w) => w.id));
	const lessonSet = new Set(knownLessons.map((l) => l.id));
	const taskMap = new Map(knownTasks.map((t) => [t.id, t]));

	const problems = new Map<number, string>();
	for (const { index, event } of candidates) {
		if (event.type === 'review' && !wordSet.has(event.payload.wordId)) {
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
			const task = taskMap.get(event.payload.taskId);
			if (!task || task.projectId !== event.payload.projectId) {
				problems.set(index, 'payload.taskId: no such task in this project');
			} else if (event.type === 'annotation') {
				const problem = answerProblem(event.payload.answer.labels, task);
				if (problem) problems.set(index, problem);
			}
		}
	}
	return problems;
}

/** The lesson an event names: always for lesson_done, optionally for a review. */
function lessonOf(event: LearnerEvent): string | undefined {
	if (event.type === 'lesson_done' || event.type === 'review') return event.payload.lessonId;
	return undefined;
}

function answerProblem(
	chosen: string[],
	task: { labels: { id: string }[]; multiple: boolean }
): string | null {
	const allowed = new Set(task.labels.map((l) => l.id));
	const unknown = chosen.find((label) => !allowed.has(label));
	if (unknown) return `payload.answer.labels: "${unknown}" is not a label of this project`;
	if (!task.multiple && chosen.length !== 1)
		return 'payload.answer.labels: choose exactly one label';
	if (new Set(chosen).size !== chosen.length) return 'payload.answer.labels: a label is repeated';
	return null;
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
