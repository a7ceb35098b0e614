/**
 * Labeling work through the real route handlers on a real database: qualification, leases,
 * answers checked against the project's schema and the lease, accuracy from hidden gold, and
 * the words of missed gold scheduled for review. A small fixture project keeps the numbers
 * hand-checkable; the shipped projects are seeded too and checked for what a phone downloads.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { annotationEvent, skipEvent } from '../factories';
import type { LeaseResponse, PackTask, ProjectPack, ProjectStatus } from '$lib/api/packs';
import type { Glosses, ProjectSource, TaskSource } from '$lib/content/schema';
import { LOCALES } from '$lib/i18n/locales';
import type { Database } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { seedContent } from '$lib/server/seed';
import { BATCH_SIZE } from '$lib/server/work';
import { expectApiError, learner, pullAll, push } from '../support/api';
import { STATIC_DIR, testContent, testDatabases } from '../support/databases';
import type { TestClient } from '../support/request';

const content = await testContent();
const targets = await testDatabases();

const PROJECT = 'it-work-animals';
const BOXES = 'it-work-boxes';
/** A text in every locale, as loaded content has. */
const everyLocale = (text: string) =>
	Object.fromEntries(LOCALES.map((code) => [code, `${text} (${code})`])) as Glosses;
const alt = everyLocale('a photo');
const why = everyLocale('because');
const labels = content.words.slice(0, 2).map((word, i) => ({ id: `l${i}`, wordId: word.id }));
const [right, wrong] = labels.map((label) => label.id) as [string, string];

const task = (id: string, gold?: string): TaskSource => ({
	id,
	data: { image: `/content/images/${id}.webp`, alt },
	...(gold ? { gold: { labels: [gold] } } : {})
});

/** 4 qualification items; 24 work items, the last 6 hidden gold (gold label `right`). */
const project: ProjectSource = {
	id: PROJECT,
	type: 'image_classification',
	title: alt,
	description: alt,
	guidelines: alt,
	labels,
	multiple: false,
	redundancy: 2,
	goldShare: 0.25,
	passAt: 0.75,
	training: [{ ...task('it-t-1', right), explanation: why }],
	qualification: ['it-q-1', 'it-q-2', 'it-q-3', 'it-q-4'].map((id) => task(id, right)),
	work: Array.from({ length: 24 }, (_, i) => task(`it-w-${i + 1}`, i >= 18 ? right : undefined))
};
const goldIds = new Set(project.work.filter((t) => t.gold).map((t) => t.id));

const boxes: ProjectSource = {
	...project,
	id: BOXES,
	type: 'bounding_boxes',
	redundancy: 1,
	goldShare: 0,
	training: [
		{
			id: 'it-bt-1',
			data: { image: '/content/images/it-b.webp' },
			gold: { boxes: [{ x: 10, y: 10, width: 20, height: 20, label: right }] },
			explanation: why
		}
	],
	qualification: [
		{
			id: 'it-bq-1',
			data: { image: '/content/images/it-b.webp' },
			gold: { boxes: [{ x: 10, y: 10, width: 20, height: 20, label: right }] }
		}
	],
	work: [{ id: 'it-bw-1', data: { image: '/content/images/it-b.webp' } }]
};

/** Made now: work answers are checked against the time of their lease. */
const now = () => new Date().toISOString();

function answer(taskId: string, label: string, extra: Record<string, unknown> = {}) {
	return annotationEvent({
		createdAt: now(),
		payload: { projectId: PROJECT, taskId, answer: { labels: [label] }, ...extra }
	});
}

/** Answers the qualification set: `correct` of the 4 right. */
function qualification(correct: number, attempt = 1) {
	return project.qualification.map((t, i) =>
		answer(t.id, i < correct ? right : wrong, { attempt })
	);
}

async function status(api: TestClient, id = PROJECT): Promise<ProjectStatus> {
	const response = await api.get(`/api/projects/${id}/status?locale=en`);
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as ProjectStatus;
}

async function lease(api: TestClient, id = PROJECT): Promise<{ raw: string; body: LeaseResponse }> {
	const response = await api.post(`/api/projects/${id}/lease`, { locale: 'en' });
	const raw = await response.text();
	expect(response.status, raw).toBe(200);
	return { raw, body: JSON.parse(raw) as LeaseResponse };
}

async function qualified(database: Database) {
	const me = await learner(database);
	const results = await push(me.api, qualification(4));
	expect(results.every((r) => r.status === 'accepted')).toBe(true);
	return me;
}

describe.each(targets)('labeling work on $name', (target) => {
	let database: Database;

	beforeAll(async () => {
		database = await target.open();
		await seedContent(
			database.db,
			{ ...content, projects: [...content.projects, project, boxes] },
			STATIC_DIR
		);
	});

	afterAll(async () => {
		await database?.close();
	});

	// Each test starts with every work task free, whatever the tests before leased.
	beforeEach(async () => {
		await database.db.delete(schema.leases);
	});

	describe('downloads', () => {
		it('a project pack has training gold, but no qualification or work gold', async () => {
			const { api } = await learner(database);
			const response = await api.get(`/api/packs/projects/${PROJECT}`);
			const pack = (await response.json()) as ProjectPack;
			const kinds = pack.tasks.map((t) => t.kind);
			expect(kinds.filter((k) => k === 'training')).toHaveLength(1);
			expect(kinds.filter((k) => k === 'qualification')).toHaveLength(4);
			expect(kinds).not.toContain('work');
			for (const t of pack.tasks) {
				expect('gold' in t).toBe(t.kind === 'training');
				// The project's options travel in the task, so the phone checks answers alone.
				expect(t.data.labels).toEqual([right, wrong]);
			}
		});

		it('every shipped project can be downloaded with training and qualification items', async () => {
			const { api } = await learner(database);
			for (const shipped of content.projects) {
				const response = await api.get(`/api/packs/projects/${shipped.id}`);
				const pack = (await response.json()) as ProjectPack;
				expect(pack.project.type).toBe(shipped.type);
				expect(pack.tasks.length).toBe(shipped.training.length + shipped.qualification.length);
			}
		});
	});

	describe('qualification', () => {
		it('is scored on the server once every item is answered, and attempts are kept', async () => {
			const { api } = await learner(database);
			expect(await status(api)).toMatchObject({ qualified: false, attempts: [] });

			await push(api, qualification(2).slice(0, 3));
			expect((await status(api)).attempts).toEqual([
				{ attempt: 1, answered: 3, correct: 2, total: 4, passed: false }
			]);

			await push(api, qualification(2).slice(3));
			await push(api, qualification(3, 2));
			const after = await status(api);
			expect(after.attempts).toEqual([
				{ attempt: 1, answered: 4, correct: 2, total: 4, passed: false },
				{ attempt: 2, answered: 4, correct: 3, total: 4, passed: true }
			]);
			expect(after.qualified).toBe(true);
		});

		it('no work before qualifying', async () => {
			const { api } = await learner(database);
			const response = await api.post(`/api/projects/${PROJECT}/lease`, { locale: 'en' });
			await expectApiError(response, 403, 'not_qualified');
		});
	});

	describe('leases', () => {
		it('a batch carries no gold: not in the raw JSON, and gold looks like other work', async () => {
			const { api } = await qualified(database);
			const { raw, body } = await lease(api);
			expect(body.tasks.length).toBeGreaterThan(0);
			expect(raw).not.toContain('"gold"');
			expect(raw).not.toContain('explanation');
			expect(raw).not.toContain('"it-q-');
			const keys = new Set(body.tasks.map((t) => Object.keys(t).sort().join()));
			expect(keys.size).toBe(1);
			const mixed = body.tasks.filter((t) => goldIds.has(t.id)).length;
			expect(mixed).toBeGreaterThan(0);
			expect(mixed).toBeLessThan(body.tasks.length);
		});

		it('asking again gives back the open batch, not a second one', async () => {
			const { api } = await qualified(database);
			const first = (await lease(api)).body.tasks.map((t) => t.id).sort();
			const again = (await lease(api)).body.tasks.map((t) => t.id).sort();
			expect(again).toEqual(first);
			expect(first.length).toBeLessThanOrEqual(BATCH_SIZE);
		});

		it('respects redundancy: an ordinary task is never leased to more learners than needed', async () => {
			const holders = new Map<string, number>();
			for (let i = 0; i < 4; i++) {
				const { api } = await qualified(database);
				for (const t of (await lease(api)).body.tasks) {
					holders.set(t.id, (holders.get(t.id) ?? 0) + 1);
				}
			}
			for (const [id, count] of holders) {
				if (!goldIds.has(id)) expect(count, id).toBeLessThanOrEqual(project.redundancy);
			}
			const rows = await database.db
				.select()
				.from(schema.leases)
				.where(eq(schema.leases.projectId, PROJECT));
			const perTask = new Map<string, number>();
			for (const row of rows) perTask.set(row.taskId, (perTask.get(row.taskId) ?? 0) + 1);
			for (const [id, count] of perTask) {
				if (!goldIds.has(id)) expect(count, id).toBeLessThanOrEqual(project.redundancy);
			}
		});
	});

	describe('answers', () => {
		it('lease → answer → accuracy from hidden gold, and a missed gold word is scheduled', async () => {
			const { api } = await qualified(database);
			const { body } = await lease(api);
			const gold = body.tasks.filter((t) => goldIds.has(t.id));
			expect(gold.length).toBeGreaterThanOrEqual(2);
			const [missed, ...hit] = gold;
			const answers = [
				answer(missed!.id, wrong),
				...hit.map((t) => answer(t.id, right)),
				...body.tasks.filter((t) => !goldIds.has(t.id)).map((t) => answer(t.id, wrong))
			];
			const results = await push(api, answers);
			expect(results.map((r) => r.status)).toEqual(answers.map(() => 'accepted'));

			const after = await status(api);
			expect(after.accuracy).toEqual({ correct: hit.length, total: gold.length });
			expect(after.openTasks).toBe(0);

			const scheduled = (await pullAll(api)).filter((e) => e.type === 'schedule');
			expect(scheduled.map((e) => e.payload)).toEqual([
				{ wordId: labels[0]!.wordId, reason: 'missed_gold' }
			]);
		});

		it("rejects an answer for another learner's lease, and for a task never leased", async () => {
			const a = await qualified(database);
			const b = await qualified(database);
			const leased = (await lease(a.api)).body.tasks[0] as PackTask;
			const notLeased = project.work.find((t) => !goldIds.has(t.id))!.id;
			const results = await push(b.api, [answer(leased.id, right), answer(notLeased, right)]);
			for (const result of results) {
				expect(result.status).toBe('rejected');
				expect(result.reason).toMatch(/not leased to you/);
			}
		});

		it('rejects an answer dated before its lease', async () => {
			const { api } = await qualified(database);
			const t = (await lease(api)).body.tasks[0] as PackTask;
			const early = answer(t.id, right);
			early.createdAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
			const [result] = await push(api, [early]);
			expect(result).toMatchObject({ status: 'rejected' });
			expect(result?.reason).toMatch(/before the lease/);
		});

		it('rejects an answer made after the lease ran out', async () => {
			const { api, id } = await qualified(database);
			const t = (await lease(api)).body.tasks[0] as PackTask;
			await database.db
				.update(schema.leases)
				.set({ expiresAt: new Date(Date.now() - 3_600_000) })
				.where(eq(schema.leases.userId, id));
			const [result] = await push(api, [
				answer(t.id, right, {}),
				skipEvent({ createdAt: now(), payload: { projectId: PROJECT, taskId: t.id } })
			]);
			expect(result).toMatchObject({ status: 'rejected' });
			expect(result?.reason).toMatch(/lease on this task ran out/);
		});

		it('a skip gives the slot back; an answer keeps it after the lease runs out', async () => {
			const { api } = await qualified(database);
			const [kept, skipped] = (await lease(api)).body.tasks.filter((t) => !goldIds.has(t.id));
			await push(api, [
				answer(kept!.id, right),
				skipEvent({
					createdAt: now(),
					payload: { projectId: PROJECT, taskId: skipped!.id, reason: 'unclear' }
				})
			]);
			const rows = await database.db.select().from(schema.leases);
			const row = (id: string) => rows.find((r) => r.taskId === id && r.answeredAt !== null);
			expect(row(kept!.id)).toBeDefined();
			const released = rows.filter((r) => r.taskId === skipped!.id);
			expect(released.some((r) => r.expiresAt.getTime() <= Date.now())).toBe(true);
		});

		it("checks each answer against the project's schema", async () => {
			const { api } = await learner(database);
			const bad = (taskId: string, projectId: string, answer: Record<string, unknown>) =>
				annotationEvent({ payload: { projectId, taskId, answer } });
			const results = await push(api, [
				bad('it-t-1', PROJECT, { labels: ['no-such-label'] }),
				bad('it-t-1', PROJECT, { labels: [right, wrong] }),
				bad('it-t-1', PROJECT, { boxes: [] }),
				bad('it-bt-1', BOXES, { boxes: [{ x: 90, y: 10, width: 20, height: 5, label: right }] }),
				bad('it-bt-1', BOXES, { boxes: [{ x: 10, y: 10, width: 20, height: 5, label: 'x' }] }),
				bad('it-bt-1', BOXES, { boxes: [{ x: 10, y: 10, width: 20, height: 5, label: right }] })
			]);
			expect(results.map((r) => r.status)).toEqual([
				'rejected',
				'rejected',
				'rejected',
				'rejected',
				'rejected',
				'accepted'
			]);
			for (const r of results.slice(0, 5)) expect(r.reason).toMatch(/^payload\.answer/);
		});
	});
});
