/**
 * Who may call what: every API endpoint, called by every kind of user, through the real route
 * handlers on a real database. Two coordinators each run a cohort with a cohort-only project;
 * learners A and B are in cohort 1, C in cohort 2; a guest and a device without a session come
 * from outside; an admin sees everything. Then the rules the matrix cannot show: a learner
 * never submits as someone else, never answers a task they may not see or hold, never pulls
 * another learner's events, and never downloads the gold of a qualification or work item.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationEvent, reviewEvent, settingsEvent } from '../factories';
import type { SessionInfo } from '$lib/api/auth';
import type { ImportResult } from '$lib/api/console';
import type { PullResponse } from '$lib/api/sync';
import type { LeaseResponse, PackIndex, ProjectPack, ProjectStatus } from '$lib/api/packs';
import { createAccount } from '$lib/server/accounts';
import { cohortLearners, createCohort, createProject, learnerDetail } from '$lib/server/console';
import type { Database } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import type { TaskKind } from '$lib/labeling/types';
import {
	coordinator,
	expectApiError,
	goldLeaks,
	joinCohort,
	learner,
	PASSWORD,
	pullAll,
	push,
	type Member
} from '../support/api';
import { testContent, testDatabases } from '../support/databases';
import { client, type Method, type TestClient } from '../support/request';

const content = await testContent();
const targets = await testDatabases();
const wordIds = content.words.map((word) => word.id);

/** A shipped project: no cohort, so open to everyone, guests too. */
const SHIPPED = 'photo-classification';
if (!content.projects.some((p) => p.id === SHIPPED)) throw new Error(`no ${SHIPPED} in content`);

const ACTORS = [
	'anonymous',
	'guest',
	'learnerA',
	'learnerB',
	'learnerC',
	'coordinator1',
	'coordinator2',
	'admin'
] as const;
type Actor = (typeof ACTORS)[number];

const IMAGE = '/content/images/photos/cow.webp';
const now = () => new Date().toISOString();

/** A cohort-only image project whose labels are vocabulary words (동물 animal, 사람 person). */
function projectInput(cohortId: string, title: string) {
	return {
		title: { en: title },
		description: { en: `${title}, for one class only` },
		guidelines: { en: 'Tap what the photo shows.' },
		type: 'image_classification' as const,
		labels: [
			{ id: 'animal', hangul: '동물' },
			{ id: 'person', hangul: '사람' }
		],
		multiple: false,
		redundancy: 2,
		goldShare: 0.25,
		passAt: 0.5,
		cohortId
	};
}

/** 1 training item, 2 qualification items, 6 work items of which 2 are hidden gold. */
function projectTasks(projectId: string) {
	const gold = { labels: ['animal'] };
	const task = (kind: TaskKind, n: number, withGold: boolean) => ({
		id: `${projectId}-${kind}-${n}`,
		projectId,
		ref: `${kind}-${n}`,
		kind,
		position: n,
		data: { image: IMAGE },
		gold: withGold ? gold : null,
		explanation: kind === 'training' ? { en: 'It is a cow: an animal.' } : null,
		assetBytes: 0
	});
	return [
		task('training', 0, true),
		task('qualification', 0, true),
		task('qualification', 1, true),
		...[0, 1, 2, 3, 4, 5].map((n) => task('work', n, n >= 4))
	];
}

interface World {
	P1: string;
	P2: string;
	cohort1: schema.Cohort;
	cohort2: schema.Cohort;
	members: Record<Exclude<Actor, 'anonymous'>, Member>;
	coordinator1: schema.User;
	coordinator2: schema.User;
	admin: schema.User;
}

/** `$P1`, `$P2` in a path stand for the projects made in setup. */
const expand = (path: string, world: World) =>
	path.replaceAll('$P1', world.P1).replaceAll('$P2', world.P2);

/** Expected answers, one per actor in ACTORS order: "200", or "404 not_found" (status, code). */
type Expected = readonly [string, string, string, string, string, string, string, string];

interface Row {
	method: Method;
	path: string;
	body?: (world: World) => unknown;
	/** The call changes who the caller is (join, login, first contact): anonymous and guest get new devices. */
	fresh?: boolean;
	expected: Expected;
}

let usernames = 0;
const importChunk = {
	kind: 'training',
	tasks: [{ ref: 'matrix-import', data: { image: IMAGE }, gold: { labels: ['animal'] } }]
};

const OK = '200';
const NO_SESSION = '401 unauthenticated';
const FORBIDDEN = '403 forbidden';
const UNQUALIFIED = '403 not_qualified';
const HIDDEN = '404 not_found';
const MEMBER = '409 already_member';
const all = (status: string): Expected => [
	status,
	status,
	status,
	status,
	status,
	status,
	status,
	status
];

// prettier-ignore
const MATRIX: Row[] = [
	//                                                              anonymous   guest       A            B            C            coordinator1 coordinator2 admin
	{ method: 'GET', path: '/api/session', expected:               [NO_SESSION, OK,         OK,          OK,          OK,          OK,          OK,          OK] },
	{ method: 'POST', path: '/api/session', fresh: true, expected: ['201',      OK,         OK,          OK,          OK,          OK,          OK,          OK] },
	{ method: 'GET', path: '/api/sync?after=0', expected:          [NO_SESSION, OK,         OK,          OK,          OK,          OK,          OK,          OK] },
	{ method: 'POST', path: '/api/sync', body: () => ({ events: [settingsEvent({ createdAt: now() })] }),
		expected:                                                   [NO_SESSION, OK,         OK,          OK,          OK,          OK,          OK,          OK] },
	{ method: 'GET', path: '/api/packs', expected: all(OK) },
	{ method: 'GET', path: '/api/packs/lessons', expected: all(OK) },
	{ method: 'GET', path: `/api/packs/projects/${SHIPPED}`, expected: all(OK) },
	{ method: 'GET', path: '/api/packs/projects/$P1', expected:    [HIDDEN,     HIDDEN,     OK,          OK,          HIDDEN,      OK,          HIDDEN,      OK] },
	{ method: 'GET', path: '/api/packs/projects/$P2', expected:    [HIDDEN,     HIDDEN,     HIDDEN,      HIDDEN,      OK,          HIDDEN,      OK,          OK] },
	{ method: 'GET', path: '/api/packs/projects/no-such-project', expected: all(HIDDEN) },
	{ method: 'POST', path: '/api/projects/$P1/lease', body: () => ({ locale: 'en' }),
		expected:                                                   [NO_SESSION, HIDDEN,     OK,          UNQUALIFIED, HIDDEN,      UNQUALIFIED, HIDDEN,      UNQUALIFIED] },
	{ method: 'POST', path: '/api/projects/$P2/lease', body: () => ({ locale: 'en' }),
		expected:                                                   [NO_SESSION, HIDDEN,     HIDDEN,      HIDDEN,      OK,          HIDDEN,      UNQUALIFIED, UNQUALIFIED] },
	{ method: 'POST', path: '/api/projects/no-such-project/lease', body: () => ({ locale: 'en' }),
		expected:                                                   [NO_SESSION, HIDDEN,     HIDDEN,      HIDDEN,      HIDDEN,      HIDDEN,      HIDDEN,      HIDDEN] },
	{ method: 'GET', path: '/api/projects/$P1/status?locale=en', expected:
		                                                            [NO_SESSION, HIDDEN,     OK,          OK,          HIDDEN,      OK,          HIDDEN,      OK] },
	{ method: 'GET', path: '/api/projects/$P2/status?locale=en', expected:
		                                                            [NO_SESSION, HIDDEN,     HIDDEN,      HIDDEN,      OK,          HIDDEN,      OK,          OK] },
	{ method: 'GET', path: `/api/projects/${SHIPPED}/status?locale=en`, expected:
		                                                            [NO_SESSION, OK,         OK,          OK,          OK,          OK,          OK,          OK] },
	{ method: 'POST', path: '/api/auth/join', fresh: true,
		body: (w) => ({ code: w.cohort1.joinCode, username: `matrix-join-${++usernames}`, displayName: 'M', password: PASSWORD }),
		expected:                                                   ['201',      '201',      MEMBER,      MEMBER,      MEMBER,      MEMBER,      MEMBER,      MEMBER] },
	{ method: 'POST', path: '/api/auth/login', fresh: true, body: () => ({ username: 'login-target', password: PASSWORD }),
		expected:                                                   [OK,         OK,         MEMBER,      MEMBER,      MEMBER,      MEMBER,      MEMBER,      MEMBER] },
	{ method: 'GET', path: '/api/certificate', expected:           [NO_SESSION, NO_SESSION, OK,          OK,          OK,          FORBIDDEN,   FORBIDDEN,   FORBIDDEN] },
	{ method: 'POST', path: '/api/certificate', body: () => ({}),
		expected:                                                   [NO_SESSION, NO_SESSION, '201',       '201',       '201',       FORBIDDEN,   FORBIDDEN,   FORBIDDEN] },
	{ method: 'DELETE', path: '/api/certificate', expected:        [NO_SESSION, NO_SESSION, OK,          OK,          OK,          FORBIDDEN,   FORBIDDEN,   FORBIDDEN] },
	{ method: 'POST', path: '/api/console/projects/$P1/tasks', body: () => importChunk,
		expected:                                                   [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   OK,          HIDDEN,      OK] },
	{ method: 'POST', path: '/api/console/projects/$P2/tasks', body: () => importChunk,
		expected:                                                   [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   HIDDEN,      OK,          OK] },
	{ method: 'POST', path: `/api/console/projects/${SHIPPED}/tasks`, body: () => importChunk,
		expected:                                                   [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   HIDDEN,      HIDDEN,      '409 shipped_project'] },
	{ method: 'POST', path: '/api/console/projects/no-such-project/tasks', body: () => importChunk,
		expected:                                                   [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   HIDDEN,      HIDDEN,      HIDDEN] },
	{ method: 'GET', path: '/api/console/projects/$P1/export?format=jsonl', expected:
		                                                            [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   OK,          HIDDEN,      OK] },
	{ method: 'GET', path: '/api/console/projects/$P2/export?format=csv&answers=raw', expected:
		                                                            [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   HIDDEN,      OK,          OK] },
	{ method: 'GET', path: `/api/console/projects/${SHIPPED}/export?format=jsonl`, expected:
		                                                            [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   HIDDEN,      HIDDEN,      OK] },
	// A learner is told "forbidden" before the query is read, so probing gives nothing away.
	{ method: 'GET', path: '/api/console/projects/$P1/export?format=nope', expected:
		                                                            [NO_SESSION, NO_SESSION, FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   '400 invalid_query', '400 invalid_query', '400 invalid_query'] }
];

/** The answer a learner gives to every P1/P2 item: right for every gold item there. */
const rightAnswer = (projectId: string, taskId: string, extra: Record<string, unknown> = {}) =>
	annotationEvent({
		createdAt: now(),
		payload: { projectId, taskId, answer: { labels: ['animal'] }, ...extra }
	});

/** The right answer to a shipped item: its gold, or for a yes/no item the verdict gold implies. */
function answerFromGold(task: { data: Record<string, unknown>; gold?: unknown }) {
	const proposed = task.data.proposed;
	if (typeof proposed === 'string') {
		const { labels } = task.gold as { labels: string[] };
		return { proposed, accept: labels.includes(proposed) };
	}
	return task.gold as Record<string, unknown>;
}

async function json<T>(response: Response): Promise<T> {
	const text = await response.text();
	expect(response.status, text).toBeLessThan(300);
	return JSON.parse(text) as T;
}

describe.each(targets)('authorization on $name', (target) => {
	let database: Database;
	const world = {} as World;

	/** The device that plays `actor`: a new one for anonymous (and guest when `fresh`). */
	async function device(actor: Actor, fresh = false): Promise<TestClient> {
		if (actor === 'anonymous') return client(database.db);
		if (actor === 'guest' && fresh) return (await learner(database)).api;
		return world.members[actor].api;
	}

	beforeAll(async () => {
		database = await target.open();
		const db = database.db;
		const [coordinator1, coordinator2, admin] = await Promise.all([
			coordinator(database, 'coordinator-one'),
			coordinator(database, 'coordinator-two'),
			coordinator(database, 'the-admin', 'admin')
		]);
		world.coordinator1 = coordinator1.user;
		world.coordinator2 = coordinator2.user;
		world.admin = admin.user;
		world.cohort1 = await createCohort(db, coordinator1.user, 'Class one');
		world.cohort2 = await createCohort(db, coordinator2.user, 'Class two');
		world.P1 = (
			await createProject(db, coordinator1.user, projectInput(world.cohort1.id, 'Secret one'))
		).id;
		world.P2 = (
			await createProject(db, coordinator2.user, projectInput(world.cohort2.id, 'Secret two'))
		).id;
		await db.insert(schema.tasks).values([...projectTasks(world.P1), ...projectTasks(world.P2)]);

		const [guest, learnerA, learnerB, learnerC] = await Promise.all([
			learner(database),
			joinCohort(database, world.cohort1.joinCode, 'learner-a'),
			joinCohort(database, world.cohort1.joinCode, 'learner-b'),
			joinCohort(database, world.cohort2.joinCode, 'learner-c'),
			createAccount(db, {
				username: 'login-target',
				password: PASSWORD,
				displayName: 'Login target',
				role: 'learner',
				cohortId: world.cohort1.id
			})
		]);
		world.members = {
			guest: { ...guest, info: { learnerId: guest.id, account: null } },
			learnerA,
			learnerB,
			learnerC,
			coordinator1,
			coordinator2,
			admin
		};
		// A qualifies on P1, C on P2; B stays unqualified.
		const qualify = async (member: Member, projectId: string) => {
			const answers = [0, 1].map((n) =>
				rightAnswer(projectId, `${projectId}-qualification-${n}`, { attempt: 1 })
			);
			const results = await push(member.api, answers);
			expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
		};
		await qualify(learnerA, world.P1);
		await qualify(learnerC, world.P2);
	});

	afterAll(async () => {
		await database?.close();
	});

	describe('the matrix: every endpoint, every kind of user', () => {
		for (const row of MATRIX) {
			const cases = ACTORS.map((actor, i) => ({ actor, expected: row.expected[i]! }));
			describe(`${row.method} ${row.path}`, () => {
				it.each(cases)('$actor → $expected', async ({ actor, expected }) => {
					const api = await device(actor, row.fresh);
					const path = expand(row.path, world);
					const body = row.body?.(world);
					const response =
						body === undefined ? await api.request(row.method, path) : await api.post(path, body);
					const [status, code] = expected.split(' ');
					if (Number(status) >= 400) {
						await expectApiError(response, Number(status), code);
					} else {
						expect(response.status, await response.clone().text()).toBe(Number(status));
					}
				});
			});
		}
	});

	describe('seeing projects', () => {
		it('the pack index lists a cohort project only to its cohort, its owner and admins', async () => {
			const sees: Record<Actor, [boolean, boolean]> = {
				anonymous: [false, false],
				guest: [false, false],
				learnerA: [true, false],
				learnerB: [true, false],
				learnerC: [false, true],
				coordinator1: [true, false],
				coordinator2: [false, true],
				admin: [true, true]
			};
			for (const actor of ACTORS) {
				const index = await json<PackIndex>(await (await device(actor)).get('/api/packs'));
				const ids = index.projects.map((p) => p.id);
				expect([ids.includes(world.P1), ids.includes(world.P2)], actor).toEqual(sees[actor]);
				expect(ids, actor).toContain(SHIPPED);
			}
		});

		it("a coordinator cannot read another coordinator's cohort or its learners", async () => {
			const { db } = database;
			await expect(cohortLearners(db, world.coordinator2, world.cohort1.id)).rejects.toMatchObject({
				status: 404,
				code: 'not_found'
			});
			await expect(
				learnerDetail(db, world.coordinator2, world.members.learnerA.id)
			).rejects.toMatchObject({ status: 404 });
			const own = await cohortLearners(db, world.coordinator1, world.cohort1.id);
			expect(own.learners.map((l) => l.username)).toEqual(
				expect.arrayContaining(['learner-a', 'learner-b'])
			);
			expect(own.learners.map((l) => l.username)).not.toContain('learner-c');
			const byAdmin = await cohortLearners(db, world.admin, world.cohort2.id);
			expect(byAdmin.learners.map((l) => l.username)).toEqual(['learner-c']);
		});
	});

	describe('answers', () => {
		it("learner C's answers to P1 tasks are rejected as tasks that do not exist", async () => {
			const { api, id } = world.members.learnerC;
			const taskIds = projectTasks(world.P1).map((t) => t.id);
			const results = await push(
				api,
				taskIds.map((taskId) => rightAnswer(world.P1, taskId))
			);
			for (const result of results) {
				expect(result.status).toBe('rejected');
				expect(result.reason).toMatch(/^payload\.taskId: no such task/);
			}
			// A guest is as much an outsider.
			const guestResults = await push(world.members.guest.api, [
				rightAnswer(world.P1, taskIds[0]!)
			]);
			expect(guestResults[0]).toMatchObject({ status: 'rejected' });
			const stored = await database.db
				.select({ payload: schema.events.payload })
				.from(schema.events)
				.where(eq(schema.events.userId, id));
			expect(stored.filter((e) => JSON.stringify(e.payload).includes(world.P1))).toEqual([]);
		});

		it('learner B cannot answer work leased to learner A, nor unleased work', async () => {
			const lease = await json<LeaseResponse>(
				await world.members.learnerA.api.post(`/api/projects/${world.P1}/lease`, { locale: 'en' })
			);
			expect(lease.tasks.length).toBeGreaterThan(0);
			const leasedToA = lease.tasks[0]!.id;
			const unleased = projectTasks(world.P1)
				.filter((t) => t.kind === 'work')
				.map((t) => t.id)
				.find((taskId) => !lease.tasks.some((t) => t.id === taskId));
			const taskIds = unleased ? [leasedToA, unleased] : [leasedToA];
			const results = await push(
				world.members.learnerB.api,
				taskIds.map((taskId) => rightAnswer(world.P1, taskId))
			);
			for (const result of results) {
				expect(result).toMatchObject({ status: 'rejected' });
				expect(result.reason).toMatch(/not leased to you/);
			}
			// A's answer to the same task goes in.
			const mine = await push(world.members.learnerA.api, [rightAnswer(world.P1, leasedToA)]);
			expect(mine[0]).toMatchObject({ status: 'accepted' });
		});

		it("a learner's pull never returns another learner's events", async () => {
			const a = world.members.learnerA;
			const b = world.members.learnerB;
			const ofA = [reviewEvent({ createdAt: now(), payload: { wordId: wordIds[0]! } })];
			const ofB = [reviewEvent({ createdAt: now(), payload: { wordId: wordIds[1]! } })];
			await push(a.api, ofA);
			await push(b.api, ofB);
			const pulledA = (await pullAll(a.api)).map((e) => e.id);
			const pulledB = (await pullAll(b.api)).map((e) => e.id);
			expect(pulledA).toContain(ofA[0]!.id);
			expect(pulledA).not.toContain(ofB[0]!.id);
			expect(pulledB).toContain(ofB[0]!.id);
			expect(pulledB).not.toContain(ofA[0]!.id);
			expect(pulledA.filter((eventId) => pulledB.includes(eventId))).toEqual([]);

			// Every event any pull returns belongs to the puller.
			for (const member of [a, b, world.members.learnerC, world.members.guest]) {
				const ids = (await pullAll(member.api)).map((e) => e.id);
				if (ids.length === 0) continue;
				const rows = await database.db
					.select({ userId: schema.events.userId, id: schema.events.id })
					.from(schema.events)
					.where(eq(schema.events.userId, member.id));
				expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
			}

			// Re-using B's event id does not overwrite or claim B's event.
			const stolen = await push(a.api, [
				{ ...ofB[0]!, payload: { ...ofB[0]!.payload, rating: 1 } }
			]);
			expect(stolen[0]).toMatchObject({ status: 'rejected' });
			const [row] = await database.db
				.select()
				.from(schema.events)
				.where(eq(schema.events.id, ofB[0]!.id));
			expect(row).toMatchObject({ userId: b.id, payload: ofB[0]!.payload });
		});

		it('the user is always the session: a userId or learnerId in a body is refused', async () => {
			const a = world.members.learnerA;
			const b = world.members.learnerB;
			const event = () => settingsEvent({ createdAt: now() });
			for (const key of ['userId', 'learnerId', 'user']) {
				const envelope = await a.api.post('/api/sync', { [key]: b.id, events: [event()] });
				const error = await expectApiError(envelope, 400, 'invalid_request');
				expect(error.message).toContain(key);

				const sneaky = { ...event(), [key]: b.id };
				const results = await push(a.api, [sneaky]);
				expect(results[0]).toMatchObject({ status: 'rejected', id: sneaky.id });
				expect(results[0]!.reason).toContain(key);
				const payload = { ...event(), payload: { locale: 'vi', [key]: b.id } };
				expect((await push(a.api, [payload]))[0]).toMatchObject({ status: 'rejected' });
			}
			// Elsewhere too: no endpoint takes a user from its body or query.
			await expectApiError(
				await a.api.post(`/api/projects/${world.P1}/lease`, { locale: 'en', userId: b.id }),
				400,
				'invalid_request'
			);
			await expectApiError(
				await a.api.get(`/api/projects/${world.P1}/status?locale=en&userId=${b.id}`),
				400,
				'invalid_query'
			);
			// The sync pull has no such parameter: it answers A's events whatever the query says.
			const pulled = await json<PullResponse>(
				await a.api.get(`/api/sync?after=0&limit=500&userId=${b.id}&learnerId=${b.id}`)
			);
			const rows = await database.db
				.select({ id: schema.events.id })
				.from(schema.events)
				.where(eq(schema.events.userId, b.id));
			for (const e of pulled.events) expect(rows.map((r) => r.id)).not.toContain(e.id);

			// A valid event lands under the session's user.
			const good = event();
			await push(a.api, [good]);
			const [stored] = await database.db
				.select({ userId: schema.events.userId })
				.from(schema.events)
				.where(eq(schema.events.id, good.id));
			expect(stored?.userId).toBe(a.id);
			const who = await json<SessionInfo>(await a.api.get('/api/session'));
			expect(who.learnerId).toBe(a.id);
		});
	});

	describe('hidden gold', () => {
		it('no response a learner can get carries gold of a qualification or work item', async () => {
			// Fresh gold work arrives through the import endpoint too.
			const imported = await json<ImportResult>(
				await world.members.coordinator1.api.post(`/api/console/projects/${world.P1}/tasks`, {
					kind: 'work',
					tasks: [0, 1, 2, 3].map((n) => ({
						ref: `imported-work-${n}`,
						data: { image: IMAGE },
						gold: n < 2 ? { labels: ['person'] } : undefined
					}))
				})
			);
			expect(imported).toEqual({ imported: 4, problems: [] });

			// A qualifies on every shipped project too, answering each item with its gold.
			const a = world.members.learnerA;
			for (const project of content.projects) {
				const answers = project.qualification.map((t) =>
					annotationEvent({
						createdAt: now(),
						payload: {
							projectId: project.id,
							taskId: t.id,
							answer: answerFromGold(t),
							attempt: 1
						}
					})
				);
				const results = await push(a.api, answers);
				expect(
					results.filter((r) => r.status !== 'accepted'),
					project.id
				).toEqual([]);
			}

			const bodies: [string, unknown][] = [];
			const get = async (path: string) => {
				const body = await json<unknown>(await a.api.get(path));
				bodies.push([`GET ${path}`, body]);
				return body;
			};
			const index = (await get('/api/packs')) as PackIndex;
			await get('/api/packs/lessons');
			const projectIds = index.projects.map((p) => p.id);
			expect(projectIds).toEqual(expect.arrayContaining([world.P1, SHIPPED]));
			let leasedGold = 0;
			for (const projectId of projectIds) {
				const pack = (await get(`/api/packs/projects/${projectId}`)) as ProjectPack;
				// Training items come with their gold: the scan below must let them through.
				expect(
					pack.tasks.some((t) => t.kind === 'training' && 'gold' in t),
					projectId
				).toBe(true);
				const status = (await get(`/api/projects/${projectId}/status?locale=en`)) as ProjectStatus;
				expect(status.qualified, projectId).toBe(true);
				const response = await a.api.post(`/api/projects/${projectId}/lease`, { locale: 'en' });
				const lease = await json<LeaseResponse>(response);
				bodies.push([`POST /api/projects/${projectId}/lease`, lease]);
				expect(lease.tasks.length, projectId).toBeGreaterThan(0);
				const goldIds = await database.db
					.select({ id: schema.tasks.id, gold: schema.tasks.gold })
					.from(schema.tasks)
					.where(eq(schema.tasks.projectId, projectId));
				const hidden = new Set(goldIds.filter((t) => t.gold !== null).map((t) => t.id));
				leasedGold += lease.tasks.filter((t) => hidden.has(t.id)).length;
			}
			// The scan is only worth something if hidden gold items were among the leased work.
			expect(leasedGold).toBeGreaterThan(0);

			// A wrong answer to a leased hidden-gold item makes the server schedule a review.
			const p1Lease = bodies.find(([what]) =>
				what.includes(`${world.P1}/lease`)
			)![1] as LeaseResponse;
			const goldTask = p1Lease.tasks.find((t) =>
				['work-4', 'work-5'].some((suffix) => t.id.endsWith(suffix))
			);
			if (goldTask) {
				const wrong = annotationEvent({
					createdAt: now(),
					payload: { projectId: world.P1, taskId: goldTask.id, answer: { labels: ['person'] } }
				});
				expect((await push(a.api, [wrong]))[0]).toMatchObject({ status: 'accepted' });
			}
			bodies.push(['GET /api/sync (all pages)', await pullAll(a.api)]);
			await get(`/api/projects/${world.P1}/status?locale=en`);
			await get('/api/session');
			await get('/api/certificate');

			for (const [what, body] of bodies) expect(goldLeaks(body), what).toEqual([]);
		});

		it('the scan finds gold where it is allowed: the coordinator export', async () => {
			const response = await world.members.coordinator1.api.get(
				`/api/console/projects/${world.P1}/export?format=jsonl`
			);
			const text = await response.text();
			expect(response.status, text).toBe(200);
			expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
			const lines = text
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as unknown);
			expect(goldLeaks(lines).length).toBeGreaterThan(0);
		});
	});
});
