/**
 * The sync API (session, push, pull) and the content packs, through the real route handlers,
 * against a real database: PGlite in memory, and PostgreSQL when reachable (see
 * tests/support/databases.ts).
 */
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	annotationEvent,
	lessonDoneEvent,
	reviewEvent,
	undoEvent,
	settingsEvent,
	skipEvent,
	type EventOverrides
} from '../factories';
import type { EventOf, LearnerEvent } from '$lib/api/events';
import type { LessonsPack, PackIndex, ProjectPack } from '$lib/api/packs';
import {
	MAX_BATCH_EVENTS,
	MAX_BODY_BYTES,
	type EventResult,
	type Identity,
	type PullResponse
} from '$lib/api/sync';
import type { ProjectSource, TaskSource } from '$lib/content/schema';
import type { Content } from '$lib/server/content';
import type { Database } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { seedContent } from '$lib/server/seed';
import * as sessions from '$lib/server/sessions';
import { STATIC_DIR, testContent, testDatabases } from '../support/databases';
import { expectApiError, learner, pull, pullAll, push } from '../support/api';
import { client, type TestClient } from '../support/request';

const OTHER_PROJECT = 'it-other-project';
const DAY_MS = 86_400_000;

const content = await testContent();
const targets = await testDatabases();

const trainingProject = content.projects.find((p) => p.type === 'image_classification');
if (!trainingProject) throw new Error('content has no image classification project');
const TRAINING_PROJECT = trainingProject.id;
// Items that ask for labels (not a yes/no on a proposed label), with gold.
const [firstTask, secondTask] = trainingProject.training.filter((t) => !('proposed' in t.data));
if (!firstTask?.gold || !secondTask) throw new Error(`${TRAINING_PROJECT} needs 2 label items`);
const goldLabel = (firstTask.gold as { labels: string[] }).labels[0]!;
const wordIds = content.words.map((w) => w.id);
const downloadable = [...trainingProject.training, ...trainingProject.qualification];

/** A second project, so an annotation can name a task that exists but belongs elsewhere. */
const renamed = (tasks: TaskSource[]) => tasks.map((t) => ({ ...t, id: `it-other-${t.id}` }));
const otherProject: ProjectSource = {
	...trainingProject,
	id: OTHER_PROJECT,
	training: renamed(trainingProject.training.slice(0, 2)),
	qualification: renamed(trainingProject.qualification.slice(0, 1)),
	work: renamed(trainingProject.work.slice(0, 1))
};
const otherTaskId = otherProject.training[0]!.id;
const allContent: Content = { ...content, projects: [...content.projects, otherProject] };

// --- event factories: the shared ones (tests/factories.ts), pointed at real content ---------

const withPayload = <T extends LearnerEvent['type']>(
	defaults: Partial<EventOf<T>['payload']>,
	o: EventOverrides<T>
): EventOverrides<T> => ({ ...o, payload: { ...defaults, ...o.payload } });
const review = (o: EventOverrides<'review'> = {}) =>
	reviewEvent(withPayload<'review'>({ wordId: wordIds[0]! }, o));
const lessonDone = (o: EventOverrides<'lesson_done'> = {}) =>
	lessonDoneEvent(withPayload<'lesson_done'>({ lessonId: 'first-words-1' }, o));
const annotation = (o: EventOverrides<'annotation'> = {}) =>
	annotationEvent(
		withPayload<'annotation'>(
			{ projectId: TRAINING_PROJECT, taskId: firstTask.id, answer: { labels: [goldLabel] } },
			o
		)
	);
const skip = (o: EventOverrides<'skip'> = {}) =>
	skipEvent(withPayload<'skip'>({ projectId: TRAINING_PROJECT, taskId: secondTask.id }, o));
const settings = (o: EventOverrides<'settings'> = {}) =>
	settingsEvent(withPayload<'settings'>({ locale: 'vi' as const, wifiOnly: true }, o));

/** One valid event of each type. */
const oneOfEach = (): LearnerEvent[] => {
	const first = review();
	return [first, undoEvent(first), lessonDone(), annotation(), skip(), settings()];
};

// --- helpers -------------------------------------------------------------------------------

async function countRows(database: Database, table: keyof typeof tables): Promise<number> {
	const [row] = await database.db.select({ n: count() }).from(tables[table]);
	return row!.n;
}

const tables = {
	users: schema.users,
	sessions: schema.sessions,
	events: schema.events,
	decks: schema.decks,
	words: schema.words,
	lessons: schema.lessons,
	projects: schema.projects,
	tasks: schema.tasks
};

async function allCounts(database: Database): Promise<Record<string, number>> {
	const entries = await Promise.all(
		Object.keys(tables).map(
			async (name) => [name, await countRows(database, name as keyof typeof tables)] as const
		)
	);
	return Object.fromEntries(entries);
}

async function storedIdsOf(database: Database, userId: string): Promise<string[]> {
	const rows = await database.db
		.select({ id: schema.events.id })
		.from(schema.events)
		.where(eq(schema.events.userId, userId));
	return rows.map((r) => r.id).sort();
}

function statuses(results: EventResult[]) {
	return [...results].sort((a, b) => a.index - b.index).map((r) => r.status);
}

function byIndex(results: EventResult[], index: number): EventResult {
	const result = results.find((r) => r.index === index);
	if (!result) throw new Error(`no result for index ${index}`);
	return result;
}

// --- the tests -----------------------------------------------------------------------------

describe.each(targets)('sync API on $name', (target) => {
	let database: Database;

	beforeAll(async () => {
		database = await target.open();
		expect(database.kind).toBe(target.name);
		await seedContent(database.db, allContent, STATIC_DIR);
	});

	afterAll(async () => {
		await database?.close();
	});

	describe('first contact: POST /api/session', () => {
		it('creates a learner with a session cookie, and the cookie finds it again', async () => {
			const api = client(database.db);
			const first = await api.post('/api/session');
			expect(first.status).toBe(201);
			expect(first.headers.get('content-type')).toMatch(/^application\/json/);
			const { learnerId } = (await first.json()) as Identity;
			expect(learnerId).toMatch(/^[0-9a-f-]{36}$/);

			const setCookie = first.headers.get('set-cookie') ?? '';
			expect(setCookie).toContain(`${sessions.SESSION_COOKIE}=`);
			expect(setCookie).toMatch(/HttpOnly/i);
			expect(setCookie).toMatch(/SameSite=Lax/i);
			expect(setCookie).toMatch(/Secure/i);
			expect(setCookie).toMatch(/Path=\//);
			const token = api.sessionToken();
			expect(token).toBeTruthy();
			expect(token!.length).toBeGreaterThanOrEqual(32);

			const again = await api.post('/api/session');
			expect(again.status).toBe(200);
			expect(((await again.json()) as Identity).learnerId).toBe(learnerId);
			expect(again.headers.get('set-cookie')).toBeNull();

			const who = await api.get('/api/session');
			expect(who.status).toBe(200);
			expect(((await who.json()) as Identity).learnerId).toBe(learnerId);

			const [user] = await database.db
				.select()
				.from(schema.users)
				.where(eq(schema.users.id, learnerId));
			expect(user).toMatchObject({ role: 'learner', anonymous: true });
		});

		it('stores only the SHA-256 of the session token', async () => {
			const { api, id } = await learner(database);
			const token = api.sessionToken()!;
			const rows = await database.db
				.select()
				.from(schema.sessions)
				.where(eq(schema.sessions.userId, id));
			expect(rows).toHaveLength(1);
			const expected = createHash('sha256').update(token).digest('hex');
			expect(rows[0]!.tokenHash).toBe(expected);
			expect(JSON.stringify(rows)).not.toContain(token);
			const byRaw = await database.db
				.select({ n: count() })
				.from(schema.sessions)
				.where(eq(schema.sessions.tokenHash, token));
			expect(byRaw[0]!.n).toBe(0);
		});

		it('a second device is a second learner; a bogus cookie is no session', async () => {
			const a = await learner(database);
			const b = await learner(database);
			expect(b.id).not.toBe(a.id);

			const stranger = client(database.db);
			stranger.cookies.put(sessions.SESSION_COOKIE, a.api.sessionToken()! + 'x');
			await expectApiError(await stranger.get('/api/session'), 401, 'unauthenticated');
			await expectApiError(await stranger.get('/api/sync?after=0'), 401, 'unauthenticated');
		});
	});

	describe('POST /api/sync', () => {
		it('stores a batch sent twice once', async () => {
			const { api, id } = await learner(database);
			const before = await countRows(database, 'events');
			const batch = oneOfEach();

			const first = await push(api, batch);
			expect(first).toHaveLength(6);
			expect(statuses(first)).toEqual(Array(6).fill('accepted'));
			expect(first.map((r) => r.id)).toEqual(batch.map((e) => e.id));

			const second = await push(api, batch);
			expect(statuses(second)).toEqual(Array(6).fill('duplicate'));

			expect(await countRows(database, 'events')).toBe(before + 6);
			expect(await storedIdsOf(database, id)).toEqual(batch.map((e) => e.id).sort());

			const [user] = await database.db.select().from(schema.users).where(eq(schema.users.id, id));
			expect(user?.lastSyncAt).toBeInstanceOf(Date);
		});

		it('acks the good events of a mixed batch and rejects the bad ones naming the field', async () => {
			const { api, id } = await learner(database);
			const good = review({ payload: { wordId: wordIds[1]! } });
			const goodLesson = lessonDone();
			const goodAnnotation = annotation({ payload: { taskId: secondTask.id } });
			const batch: unknown[] = [
				good, // 0
				review({ payload: { rating: 7 } }), // 1
				review({ payload: { wordId: 'no-such-word' } }), // 2
				annotation({ payload: { answer: { labels: ['spaceship'] } } }), // 3
				annotation({ payload: { taskId: otherTaskId } }), // 4: a task of another project
				review({ createdAt: new Date(Date.now() + 2 * DAY_MS).toISOString() }), // 5
				goodLesson, // 6
				{ ...good }, // 7: the same id again in the batch
				goodAnnotation, // 8
				settings({ payload: { locale: 'xx' as never } }) // 9
			];
			const results = await push(api, batch);
			expect(results).toHaveLength(batch.length);
			expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(batch.map((_, i) => i));

			for (const index of [0, 6, 8]) expect(byIndex(results, index).status).toBe('accepted');
			// The repeat of a stored event is answered like a retried one: the client may drop it.
			expect(byIndex(results, 7)).toMatchObject({ status: 'duplicate', id: good.id });

			const expectations: [number, RegExp][] = [
				[1, /payload\.rating/],
				[2, /payload\.wordId/],
				[3, /payload\.answer.*spaceship/],
				[4, /payload\.taskId/],
				[5, /createdAt/],
				[9, /payload\.locale/]
			];
			for (const [index, reason] of expectations) {
				const result = byIndex(results, index);
				expect(result.status, `index ${index}`).toBe('rejected');
				expect(result.reason, `index ${index}`).toMatch(reason);
				expect(result.id).toBe((batch[index] as LearnerEvent).id);
			}

			expect(await storedIdsOf(database, id)).toEqual(
				[good.id, goodLesson.id, goodAnnotation.id].sort()
			);
		});

		it('rejects an annotation with two labels in a single-label project', async () => {
			const { api, id } = await learner(database);
			const labels = trainingProject.labels.slice(0, 2).map((l) => l.id);
			const results = await push(api, [annotation({ payload: { answer: { labels } } })]);
			expect(results[0]).toMatchObject({ status: 'rejected' });
			expect(results[0]!.reason).toMatch(/payload\.answer/);
			expect(await storedIdsOf(database, id)).toEqual([]);
		});

		it('answers rejected for an event whose id is unusable, with id null when there is none', async () => {
			const { api } = await learner(database);
			const results = await push(api, [
				{ ...review(), id: 'not-a-uuid' },
				{ type: 'review', createdAt: new Date().toISOString(), payload: {} }
			]);
			expect(byIndex(results, 0)).toMatchObject({ status: 'rejected', id: 'not-a-uuid' });
			expect(byIndex(results, 0).reason).toMatch(/^id/);
			expect(byIndex(results, 1)).toMatchObject({ status: 'rejected', id: null });
		});

		it('never acks as stored a copy of a rejected event inside the same batch', async () => {
			// "duplicate" tells the phone the server has the event, so the phone drops it from its
			// outbox. When the first copy in a batch is rejected, nothing was stored.
			const { api, id } = await learner(database);
			const bad = review({ payload: { wordId: 'no-such-word' } });
			const results = await push(api, [bad, { ...bad }]);
			expect(await storedIdsOf(database, id)).toEqual([]);
			expect(byIndex(results, 0).status).toBe('rejected');
			expect.soft(byIndex(results, 1).status, 'copy of an unknown-word review').toBe('rejected');

			// The same with an id another learner owns: B is told A's event is stored as B's.
			const other = await learner(database);
			const owned = review();
			await push(other.api, [owned]);
			const stolen = await push(api, [owned, { ...owned }]);
			expect(byIndex(stolen, 0).status).toBe('rejected');
			expect.soft(byIndex(stolen, 1).status, "copy of another learner's id").toBe('rejected');
			expect(await storedIdsOf(database, id)).toEqual([]);
		});

		it("rejects learner A's event id sent by learner B, and never shows B A's events", async () => {
			const a = await learner(database);
			const b = await learner(database);
			const aEvents = oneOfEach();
			expect(statuses(await push(a.api, aEvents))).toEqual(Array(6).fill('accepted'));

			const stolen = { ...aEvents[0]!, payload: { ...aEvents[0]!.payload } } as LearnerEvent;
			const bOwn = review();
			const results = await push(b.api, [stolen, bOwn]);
			expect(byIndex(results, 0).status).toBe('rejected');
			expect(byIndex(results, 0).reason).toMatch(/^id/);
			expect(byIndex(results, 1).status).toBe('accepted');

			const bPulled = await pullAll(b.api);
			expect(bPulled.map((e) => e.id)).toEqual([bOwn.id]);
			const aIds = new Set(aEvents.map((e) => e.id));
			expect(bPulled.some((e) => aIds.has(e.id))).toBe(false);

			// A's event is still A's, unchanged.
			const aPulled = await pullAll(a.api);
			expect(aPulled.map((e) => e.id)).toEqual(aEvents.map((e) => e.id));
			const rows = await database.db
				.select({ userId: schema.events.userId })
				.from(schema.events)
				.where(eq(schema.events.id, stolen.id));
			expect(rows).toEqual([{ userId: a.id }]);
		});

		it('accepts an undo only of the learner’s own review of that word', async () => {
			const a = await learner(database);
			const b = await learner(database);
			const earlier = review();
			expect(statuses(await push(a.api, [earlier]))).toEqual(['accepted']);
			const inBatch = review();
			const otherWord = review({ payload: { wordId: wordIds[1]! } });
			const results = await push(a.api, [
				undoEvent(earlier),
				inBatch,
				undoEvent(inBatch),
				undoEvent(otherWord),
				undoEvent(undefined, { payload: { wordId: wordIds[0]! } }),
				undoEvent({ ...inBatch, payload: { ...inBatch.payload, wordId: wordIds[1]! } })
			]);
			expect(statuses(results)).toEqual([
				'accepted',
				'accepted',
				'accepted',
				'rejected',
				'rejected',
				'rejected'
			]);
			expect(byIndex(results, 3).reason).toBe('payload.eventId: no such review of this word');
			// B cannot take back A's review.
			expect(statuses(await push(b.api, [undoEvent(earlier)]))).toEqual(['rejected']);
		});
	});

	describe('GET /api/sync', () => {
		it('pages through the learner’s own events in order with cursor and more', async () => {
			const { api } = await learner(database);
			const sent = oneOfEach();
			await push(api, sent.slice(0, 3));
			await push(api, sent.slice(3));

			const pages: PullResponse[] = [];
			let after = 0;
			for (let i = 0; i < 10; i++) {
				const page = await pull(api, `after=${after}&limit=2`);
				pages.push(page);
				if (page.events.length > 0) expect(page.cursor).toBe(page.events.at(-1)!.seq);
				after = page.cursor;
				if (!page.more) break;
			}
			expect(pages.map((p) => p.events.length)).toEqual([2, 2, 2]);
			expect(pages.map((p) => p.more)).toEqual([true, true, false]);

			const pulled = pages.flatMap((p) => p.events);
			expect(pulled.map((e) => e.id)).toEqual(sent.map((e) => e.id));
			const seqs = pulled.map((e) => e.seq);
			expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
			expect(new Set(seqs).size).toBe(seqs.length);
			for (const [i, event] of pulled.entries()) {
				const original = sent[i]!;
				expect(event).toEqual({
					id: original.id,
					type: original.type,
					createdAt: original.createdAt,
					payload: original.payload,
					seq: event.seq
				});
			}

			const end = await pull(api, `after=${after}&limit=2`);
			expect(end).toEqual({ events: [], cursor: after, more: false });
		});

		if (target.name === 'postgres') {
			// PostgreSQL only: PGlite has one connection, so two inserts never overlap there.
			it('a pull never moves its cursor past an event that is still being committed', async () => {
				const { api, id } = await learner(database);
				const otherDevice = client(database.db);
				otherDevice.cookies.put(sessions.SESSION_COOKIE, api.sessionToken()!);
				const slow = review();
				const fast = review();

				// Another replica is in the middle of pushEvents for the same learner: it has locked
				// the learner's row (as pushEvents does first) and inserted, but not committed.
				let release!: () => void;
				const held = new Promise<void>((resolve) => (release = resolve));
				let inserted!: () => void;
				const insertDone = new Promise<void>((resolve) => (inserted = resolve));
				const slowReplica = database.db.transaction(async (tx) => {
					await tx
						.update(schema.users)
						.set({ lastSyncAt: new Date() })
						.where(eq(schema.users.id, id));
					await tx.insert(schema.events).values({
						id: slow.id,
						userId: id,
						type: slow.type,
						payload: slow.payload,
						clientCreatedAt: new Date(slow.createdAt)
					});
					inserted();
					await held;
				});
				await insertDone;

				let fastDone = false;
				const fastPush = push(otherDevice, [fast]).then((results) => {
					fastDone = true;
					return results;
				});
				await new Promise((resolve) => setTimeout(resolve, 300));
				expect(fastDone, 'a second push for the learner waits for the first').toBe(false);
				const firstPage = await pull(otherDevice, 'after=0');
				expect(firstPage.events).toEqual([]);

				release();
				await slowReplica;
				expect(statuses(await fastPush)).toEqual(['accepted']);
				const secondPage = await pull(otherDevice, `after=${firstPage.cursor}`);
				expect(secondPage.events.map((e) => e.id)).toEqual([slow.id, fast.id]);
			});
		}

		it('a new device with the same session restores everything with the default query', async () => {
			const { api } = await learner(database);
			const sent = [...oneOfEach(), ...oneOfEach()];
			await push(api, sent);
			const response = await api.get('/api/sync');
			expect(response.status).toBe(200);
			const page = (await response.json()) as PullResponse;
			expect(page.events.map((e) => e.id)).toEqual(sent.map((e) => e.id));
			expect(page.more).toBe(false);
		});
	});

	describe('errors are 4xx JSON, never 5xx', () => {
		let api: TestClient;
		beforeAll(async () => {
			api = (await learner(database)).api;
		});

		const json = { 'content-type': 'application/json' };

		it('malformed JSON', async () => {
			const response = await api.post('/api/sync', undefined, {
				headers: json,
				rawBody: '{"events": [{"type": "review"'
			});
			await expectApiError(response, 400, 'malformed_json');
		});

		it('an empty body', async () => {
			await expectApiError(
				await api.post('/api/sync', undefined, { headers: json }),
				400,
				'malformed_json'
			);
		});

		it('wrong content type (text/plain) and missing content type', async () => {
			const body = JSON.stringify({ events: [review()] });
			await expectApiError(
				await api.post('/api/sync', undefined, {
					headers: { 'content-type': 'text/plain' },
					rawBody: body
				}),
				415,
				'unsupported_media_type'
			);
			// Bytes with no content-type header at all.
			const missing = await api.post('/api/sync', undefined, {
				rawBody: new TextEncoder().encode(body)
			});
			await expectApiError(missing, 415, 'unsupported_media_type');
			await expectApiError(
				await api.post('/api/sync', undefined, {
					headers: { 'content-type': 'application/jsonp' },
					rawBody: body
				}),
				415
			);
		});

		it('accepts application/json with a charset', async () => {
			const response = await api.post('/api/sync', undefined, {
				headers: { 'content-type': 'application/json; charset=utf-8' },
				rawBody: JSON.stringify({ events: [review()] })
			});
			expect(response.status).toBe(200);
		});

		it('an oversized body with a true Content-Length', async () => {
			const body = JSON.stringify({ events: [], pad: 'x'.repeat(MAX_BODY_BYTES) });
			const response = await api.post('/api/sync', undefined, {
				headers: { ...json, 'content-length': String(Buffer.byteLength(body)) },
				rawBody: body
			});
			await expectApiError(response, 413, 'payload_too_large');
		});

		it('an oversized streamed body without Content-Length, read no further than needed', async () => {
			const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
			const total = 200; // 12.5 MiB if read to the end
			let pulled = 0;
			let cancelled = false;
			const stream = new ReadableStream<Uint8Array>({
				pull(controller) {
					if (pulled === 0) controller.enqueue(new TextEncoder().encode('{"events": ["'));
					if (pulled++ >= total) controller.close();
					else controller.enqueue(chunk);
				},
				cancel() {
					cancelled = true;
				}
			});
			const response = await api.post('/api/sync', undefined, { headers: json, rawBody: stream });
			await expectApiError(response, 413, 'payload_too_large');
			expect(pulled).toBeLessThan(total / 4);
			expect(cancelled).toBe(true);
		});

		it('an oversized body whose Content-Length lies', async () => {
			const body = JSON.stringify({ events: [], pad: 'x'.repeat(MAX_BODY_BYTES) });
			const stream = new Blob([body]).stream();
			const response = await api.post('/api/sync', undefined, {
				headers: { ...json, 'content-length': '20' },
				rawBody: stream
			});
			await expectApiError(response, 413, 'payload_too_large');
		});

		it('an unknown event type fails the whole request', async () => {
			const response = await api.post('/api/sync', {
				events: [review(), { ...review(), type: 'teleport' }]
			});
			const error = await expectApiError(response, 400, 'invalid_request');
			expect(error.message).toMatch(/type/);
		});

		it('events not an array, no events, an empty batch, too many events, extra keys', async () => {
			for (const body of [
				{ events: { 0: review() } },
				{ events: 'review' },
				{},
				[review()],
				{ events: [] },
				{ events: Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => review()) },
				{ events: [review()], extra: true },
				{ events: [null] },
				{ events: [42] }
			]) {
				await expectApiError(await api.post('/api/sync', body), 400, 'invalid_request');
			}
		});

		it('no session: 401 on push and pull, and nothing stored', async () => {
			const anonymous = client(database.db);
			const before = await countRows(database, 'events');
			await expectApiError(
				await anonymous.post('/api/sync', { events: [review()] }),
				401,
				'unauthenticated'
			);
			await expectApiError(await anonymous.get('/api/sync?after=0'), 401, 'unauthenticated');
			await expectApiError(await anonymous.get('/api/session'), 401, 'unauthenticated');
			expect(await countRows(database, 'events')).toBe(before);
		});

		it('bad pull queries', async () => {
			for (const query of [
				'after=abc',
				'after=-1',
				'after=1.5',
				'after=1e3',
				'limit=0',
				'limit=abc',
				'limit=100000',
				'after=0&limit=-2'
			]) {
				const response = await api.get(`/api/sync?${query}`);
				await expectApiError(response, 400, 'invalid_query');
			}
		});
	});

	describe('packs', () => {
		it('/api/packs lists a project with its download size and the size of a work task', async () => {
			const anyone = client(database.db);
			const response = await anyone.get('/api/packs');
			expect(response.status).toBe(200);
			const index = (await response.json()) as PackIndex;
			const project = index.projects.find((p) => p.id === TRAINING_PROJECT);
			expect(project).toBeDefined();
			expect(project!.taskCount).toBe(downloadable.length);
			expect(typeof project!.assetBytes).toBe('number');
			expect(project!.assetBytes).toBeGreaterThan(0);
			expect(project!.workTaskBytes).toBeGreaterThan(0);
			expect(project!.type).toBe('image_classification');
		});

		it('/api/packs/lessons has every deck cut into lessons of 5–7 words, all present', async () => {
			const response = await client(database.db).get('/api/packs/lessons');
			expect(response.status).toBe(200);
			const pack = (await response.json()) as LessonsPack;
			const lesson = pack.lessons.find((l) => l.id === 'first-words-1');
			expect(lesson).toMatchObject({ deckId: 'first-words', level: 1 });
			expect(lesson!.deckTitle.en).toBe('First words');
			for (const l of pack.lessons) expect(l.wordIds.length).toBeGreaterThanOrEqual(5);
			const known = new Set(pack.words.map((w) => w.id));
			expect(pack.lessons.flatMap((l) => l.wordIds).filter((w) => !known.has(w))).toEqual([]);
			expect(known).toEqual(new Set(content.words.map((w) => w.id)));
		});

		it('/api/packs/lessons answers 304 to the version the phone has, 200 to another', async () => {
			const api = client(database.db);
			const first = await api.get('/api/packs/lessons');
			const etag = first.headers.get('etag');
			expect(etag).toBe(`"${((await first.json()) as LessonsPack).version}"`);
			const same = await api.get('/api/packs/lessons', { headers: { 'if-none-match': etag! } });
			expect(same.status).toBe(304);
			expect(await same.text()).toBe('');
			const old = await api.get('/api/packs/lessons', { headers: { 'if-none-match': '"old"' } });
			expect(old.status).toBe(200);
		});

		it('/api/packs/lessons?locale= carries English and that language only, as its own version', async () => {
			const api = client(database.db);
			const all = (await (await api.get('/api/packs/lessons')).json()) as LessonsPack;
			const response = await api.get('/api/packs/lessons?locale=ur');
			expect(response.status).toBe(200);
			const ur = (await response.json()) as LessonsPack;
			const word = ur.words.find((w) => w.id === 'hangeul')!;
			const full = all.words.find((w) => w.id === 'hangeul')!;
			expect(Object.keys(word.gloss).sort()).toEqual(['en', 'ur']);
			expect(word.gloss.ur).toBe(full.gloss.ur);
			expect(Object.keys(word.example.gloss).sort()).toEqual(['en', 'ur']);
			expect(word.example.ko).toBe(full.example.ko);
			expect(Object.keys(ur.lessons[0]!.deckTitle).sort()).toEqual(['en', 'ur']);
			expect(Object.keys(full.gloss)).toHaveLength(16);
			expect(JSON.stringify(ur).length).toBeLessThan(JSON.stringify(all).length / 3);
			// Another language is another version: a phone that switches gets the new texts.
			const km = (await (await api.get('/api/packs/lessons?locale=km')).json()) as LessonsPack;
			expect(km.version).not.toBe(ur.version);
			const again = await api.get('/api/packs/lessons?locale=km', {
				headers: { 'if-none-match': `"${ur.version}"` }
			});
			expect(again.status).toBe(200);
			await expectApiError(await api.get('/api/packs/lessons?locale=xx'), 400);
		});

		it('/api/packs/projects/<id>?locale= trims guidelines, explanations and alt texts', async () => {
			const api = client(database.db);
			const response = await api.get(`/api/packs/projects/${TRAINING_PROJECT}?locale=ne`);
			const pack = (await response.json()) as ProjectPack;
			expect(Object.keys(pack.project.guidelines).sort()).toEqual(['en', 'ne']);
			const explained = pack.tasks.filter((t) => t.explanation);
			expect(explained.length).toBeGreaterThan(0);
			for (const t of explained) expect(Object.keys(t.explanation!).sort()).toEqual(['en', 'ne']);
		});

		it('/api/packs/projects/<id> gives gold on training items only; unknown is 404 JSON', async () => {
			const api = client(database.db);
			const response = await api.get(`/api/packs/projects/${TRAINING_PROJECT}`);
			expect(response.status).toBe(200);
			const pack = (await response.json()) as ProjectPack;
			expect(pack.project.id).toBe(TRAINING_PROJECT);
			expect(pack.tasks.map((t) => t.id).sort()).toEqual(downloadable.map((t) => t.id).sort());
			for (const t of pack.tasks) expect(t.gold !== undefined).toBe(t.kind === 'training');

			await expectApiError(await api.get('/api/packs/projects/no-such-project'), 404, 'not_found');
		});
	});

	describe('restart safety', () => {
		it('seeding again keeps events and sessions and changes no counts', async () => {
			const { api } = await learner(database);
			const sent = oneOfEach();
			await push(api, sent);
			const before = await allCounts(database);
			const pulledBefore = await pullAll(api);

			await seedContent(database.db, allContent, STATIC_DIR);
			await seedContent(database.db, allContent, STATIC_DIR);

			expect(await allCounts(database)).toEqual(before);
			expect(await pullAll(api)).toEqual(pulledBefore);
			expect(statuses(await push(api, sent))).toEqual(Array(6).fill('duplicate'));
			const index = (await (await api.get('/api/packs')).json()) as PackIndex;
			expect(index.projects.find((p) => p.id === TRAINING_PROJECT)?.taskCount).toBe(
				downloadable.length
			);
		});
	});
});
