import { describe, expect, it } from 'vitest';
import type { PackTask } from '$lib/api/packs';
import type { TaskAnswer } from '$lib/offline/db';
import { partsOf, qualificationState, trainingState, workState } from '$lib/offline/work';

function task(id: string, kind: PackTask['kind'], extra: Partial<PackTask> = {}): PackTask {
	return { id, projectId: 'p', kind, position: Number(id.replace(/\D/g, '')), data: {}, ...extra };
}

function answered(id: string, extra: Partial<TaskAnswer> = {}): [string, TaskAnswer] {
	const answer: TaskAnswer = {
		taskId: id,
		projectId: 'p',
		answeredAt: '2025-03-01T10:00:00.000Z',
		answer: { labels: ['x'] },
		skipped: false,
		correct: null,
		...extra
	};
	return [id, answer];
}

const set = ['q1', 'q2', 'q3'].map((id) => task(id, 'qualification'));

describe('partsOf', () => {
	it('splits by part in position order, and keeps only translation checks in the learner language', () => {
		const pair = (targetLanguage: string) => ({
			source: '안녕',
			sourceLanguage: 'ko',
			target: 'x',
			targetLanguage
		});
		const tasks = [
			task('t2', 'training', { data: pair('vi') }),
			task('t1', 'training', { data: pair('vi') }),
			task('t3', 'training', { data: pair('en') }),
			task('w1', 'work', { data: pair('vi') })
		];
		const parts = partsOf('translation_check', tasks, 'vi');
		expect(parts.training.map((t) => t.id)).toEqual(['t1', 't2']);
		expect(parts.work.map((t) => t.id)).toEqual(['w1']);
		expect(partsOf('translation_check', tasks, 'ko').training.map((t) => t.id)).toEqual(['t3']);
	});
});

describe('qualificationState', () => {
	it('starts at attempt 1 and counts answers of the current attempt', () => {
		expect(qualificationState(set, new Map())).toMatchObject({ attempt: 1, answered: 0, total: 3 });
		const some = new Map([answered('q1', { attempt: 1 })]);
		const state = qualificationState(set, some);
		expect(state.todo.map((t) => t.id)).toEqual(['q2', 'q3']);
	});

	it('a retry after a complete attempt asks every item again under the next number', () => {
		const done = new Map(set.map((t) => answered(t.id, { attempt: 1 })));
		expect(qualificationState(set, done)).toMatchObject({ attempt: 1, answered: 3, todo: [] });
		const again = qualificationState(set, done, true);
		expect(again.attempt).toBe(2);
		expect(again.todo).toHaveLength(3);
		// Half-way through the retry, the remaining items are still asked.
		done.set(...answered('q2', { attempt: 2 }));
		expect(qualificationState(set, done).todo.map((t) => t.id)).toEqual(['q1', 'q3']);
	});
});

describe('workState and trainingState', () => {
	it('work: open while the lease runs; expired leases are counted, not offered', () => {
		const now = new Date('2025-03-02T00:00:00.000Z');
		const work = [
			task('w1', 'work', { expiresAt: '2025-03-03T00:00:00.000Z' }),
			task('w2', 'work', { expiresAt: '2025-03-01T00:00:00.000Z' }),
			task('w3', 'work', { expiresAt: '2025-03-03T00:00:00.000Z' })
		];
		const state = workState(work, new Map([answered('w3')]), now);
		expect(state.open.map((t) => t.id)).toEqual(['w1']);
		expect(state).toMatchObject({ done: 1, expired: 1 });
	});

	it('training: done and right', () => {
		const training = ['t1', 't2', 't3'].map((id) => task(id, 'training'));
		const answers = new Map([
			answered('t1', { correct: true }),
			answered('t2', { correct: false })
		]);
		expect(trainingState(training, answers)).toMatchObject({ done: 2, correct: 1, total: 3 });
	});
});
