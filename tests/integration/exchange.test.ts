/**
 * The coordinator's loop through the real endpoints: a project is created, tasks are imported
 * in chunks (10,000 of them too), learners of the cohort qualify and work, and the export
 * carries the consensus, every answer and each learner's accuracy, in every format, and
 * re-imports without loss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportChunk, ImportResult } from '$lib/api/console';
import type { LeaseResponse } from '$lib/api/packs';
import { formatsFor, parseImport, type InterchangeFormat } from '$lib/interchange';
import type { Database } from '$lib/server/db';
import { schema } from '$lib/server/db';
import { createCohort, createProject, learnerDetail } from '$lib/server/console';
import { annotationEvent } from '../factories';
import { coordinator, expectApiError, joinCohort, push, type Member } from '../support/api';
import { testDatabases } from '../support/databases';

const targets = await testDatabases();

const LABELS = [
	{ id: 'animal', hangul: '동물' },
	{ id: 'food', hangul: '음식' }
];

function projectInput(cohortId: string) {
	return {
		title: { en: 'Farm photos', ko: '농장 사진' },
		description: { en: 'Animal or food?' },
		guidelines: { en: 'Pick what the photo shows.', ko: '사진에 있는 것을 고르세요.' },
		type: 'image_classification' as const,
		labels: LABELS,
		multiple: false,
		redundancy: 3,
		goldShare: 0.2,
		passAt: 0.5,
		cohortId
	};
}

const image = (n: number) => ({ image: `https://images.example.org/farm/${n}.jpg` });

async function importTasks(api: Member['api'], projectId: string, chunk: ImportChunk) {
	const response = await api.post(`/api/console/projects/${projectId}/tasks`, chunk);
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as ImportResult;
}

describe.each(targets)('console import and export on $name', (target) => {
	let database: Database;
	let coach: Awaited<ReturnType<typeof coordinator>>;
	let projectId: string;
	let learners: Member[];

	beforeAll(async () => {
		database = await target.open();
		coach = await coordinator(database, 'coach-x');
		const cohort = await createCohort(database.db, coach.user, 'Evening class');
		const project = await createProject(database.db, coach.user, projectInput(cohort.id));
		projectId = project.id;
		// Two qualification items, ten work items of which two are hidden gold.
		await importTasks(coach.api, projectId, {
			kind: 'qualification',
			tasks: [
				{ ref: 'q1', data: image(901), gold: { labels: ['animal'] } },
				{ ref: 'q2', data: image(902), gold: { labels: ['food'] } }
			]
		});
		const work = Array.from({ length: 10 }, (_, i) => ({
			ref: `w${i}`,
			data: image(i),
			...(i < 2 ? { gold: { labels: ['animal'] } } : {})
		}));
		await importTasks(coach.api, projectId, { kind: 'work', tasks: work });
		learners = [];
		for (const name of ['ana', 'bao', 'chen']) {
			learners.push(await joinCohort(database, cohort.joinCode, name));
		}
	});

	afterAll(async () => {
		await database?.close();
	});

	const taskIds = async (kind: 'qualification' | 'work') => {
		const rows = await database.db.select().from(schema.tasks);
		return new Map(
			rows.filter((t) => t.projectId === projectId && t.kind === kind).map((t) => [t.ref, t.id])
		);
	};

	it('reports bad rows by index and imports the rest; importing again updates, not duplicates', async () => {
		const result = await importTasks(coach.api, projectId, {
			kind: 'training',
			tasks: [
				{ ref: 't1', data: image(501), gold: { labels: ['animal'] } },
				{ ref: 't2', data: image(502), gold: { labels: ['kitten'] } },
				{ ref: 't3', data: { image: 'http://insecure.example.org/x.jpg' } }
			]
		});
		expect(result.imported).toBe(1);
		expect(result.problems.map((p) => p.index)).toEqual([1, 2]);
		expect(result.problems[0]?.message).toMatch(/kitten/);
		expect(result.problems[1]?.message).toMatch(/image/);
		const again = await importTasks(coach.api, projectId, {
			kind: 'training',
			tasks: [{ ref: 't1', data: image(503), gold: { labels: ['food'] } }]
		});
		expect(again.imported).toBe(1);
		const rows = (await database.db.select().from(schema.tasks)).filter(
			(t) => t.projectId === projectId && t.ref === 't1'
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.data).toEqual(image(503));
		expect(rows[0]?.gold).toEqual({ labels: ['food'] });
	});

	it('learners qualify, work their batch, and the export has consensus, answers and accuracy', async () => {
		const qualification = await taskIds('qualification');
		const at = () => new Date().toISOString();
		const answer = (taskId: string, label: string, attempt?: number) =>
			annotationEvent({
				createdAt: at(),
				payload: {
					projectId,
					taskId,
					answer: { labels: [label] },
					...(attempt ? { attempt } : {})
				}
			});
		for (const [i, learner] of learners.entries()) {
			const qualifying = await push(learner.api, [
				answer(qualification.get('q1') as string, 'animal', 1),
				answer(qualification.get('q2') as string, 'food', 1)
			]);
			expect(qualifying.every((r) => r.status === 'accepted')).toBe(true);
			const response = await learner.api.post(`/api/projects/${projectId}/lease`, {
				locale: 'en'
			});
			expect(response.status, await response.clone().text()).toBe(200);
			const batch = (await response.json()) as LeaseResponse;
			expect(batch.tasks).toHaveLength(10);
			// ana and bao say animal everywhere; chen says food everywhere.
			const label = i < 2 ? 'animal' : 'food';
			const results = await push(
				learner.api,
				batch.tasks.map((task) => answer(task.id, label))
			);
			expect(results.every((r) => r.status === 'accepted')).toBe(true);
		}

		const response = await coach.api.get(
			`/api/console/projects/${projectId}/export?format=jsonl&answers=aggregated`
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.jsonl"/);
		const rows = (await response.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(rows).toHaveLength(10);
		expect(new Set(rows.map((r) => JSON.stringify(r.consensus)))).toEqual(
			new Set([JSON.stringify({ labels: ['animal'] })])
		);
		expect(rows.every((r) => r.answer_count === 3)).toBe(true);

		const raw = await coach.api.get(
			`/api/console/projects/${projectId}/export?format=jsonl&answers=raw`
		);
		const answers = (await raw.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(answers).toHaveLength(30);
		const accuracy = (name: string) =>
			answers.find((a) => a.annotator === name)?.annotator_accuracy as number;
		// Two hidden gold items, both animal: ana right on both, chen wrong on both.
		expect(accuracy('ana')).toBe(1);
		expect(accuracy('chen')).toBe(0);
		expect(answers.filter((a) => a.correct === true)).toHaveLength(4);
	});

	it.each(['label-studio', 'jsonl', 'csv'] satisfies InterchangeFormat[])(
		'a %s export re-imports with the same tasks and gold',
		async (format) => {
			expect(formatsFor('image_classification')).toContain(format);
			const response = await coach.api.get(
				`/api/console/projects/${projectId}/export?format=${format}&answers=raw`
			);
			expect(response.status).toBe(200);
			const parsed = parseImport(format, await response.text(), {
				type: 'image_classification',
				labels: LABELS.map((l) => l.id),
				multiple: false
			});
			expect(parsed.problems).toEqual([]);
			const stored = (await database.db.select().from(schema.tasks)).filter(
				(t) => t.projectId === projectId && t.kind === 'work'
			);
			expect(
				parsed.tasks.map((t) => ({ ref: t.ref, data: t.data, gold: t.gold })).sort(byRef)
			).toEqual(stored.map((t) => ({ ref: t.ref, data: t.data, gold: t.gold })).sort(byRef));
		}
	);

	it('the console progress shows each learner’s tasks and accuracy from gold', async () => {
		const chen = learners[2] as Member;
		const { learner } = await learnerDetail(database.db, coach.user, chen.id);
		expect(learner.report.tasks).toEqual([
			expect.objectContaining({ projectId, answered: 12, skipped: 0 })
		]);
		// Qualification 2/2 right, hidden gold 0/2.
		expect(learner.report.accuracy).toEqual([
			{ type: 'image_classification', scored: 4, correct: 2, accuracy: 0.5 }
		]);
	});

	it('imports 10,000 tasks in chunks', async () => {
		const [cohort] = await database.db.select().from(schema.cohorts);
		const other = await createProject(database.db, coach.user, projectInput(cohort?.id ?? ''));
		const lines = Array.from({ length: 10_000 }, (_, i) =>
			JSON.stringify({ id: `big-${i}`, data: image(i) })
		).join('\n');
		const parsed = parseImport('jsonl', lines, {
			type: 'image_classification',
			labels: LABELS.map((l) => l.id),
			multiple: false
		});
		expect(parsed.problems).toEqual([]);
		let imported = 0;
		for (let i = 0; i < parsed.tasks.length; i += 500) {
			const chunk = parsed.tasks.slice(i, i + 500).map(({ ref, data }) => ({ ref, data }));
			imported += (await importTasks(coach.api, other.id, { kind: 'work', tasks: chunk })).imported;
		}
		expect(imported).toBe(10_000);
		const rows = (
			await database.db.select({ projectId: schema.tasks.projectId }).from(schema.tasks)
		).filter((t) => t.projectId === other.id);
		expect(rows).toHaveLength(10_000);
	});

	it('refuses a chunk over 500 tasks, and formats that do not fit the type', async () => {
		const tasks = Array.from({ length: 501 }, (_, i) => ({ ref: `x${i}`, data: image(i) }));
		await expectApiError(
			await coach.api.post(`/api/console/projects/${projectId}/tasks`, { kind: 'work', tasks }),
			400,
			'invalid_request'
		);
		await expectApiError(
			await coach.api.get(`/api/console/projects/${projectId}/export?format=coco`),
			400,
			'invalid_query'
		);
	});
});

const byRef = (a: { ref: string }, b: { ref: string }) =>
	a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
