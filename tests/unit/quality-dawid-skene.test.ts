import { describe, expect, it } from 'vitest';
import {
	accuracyFromGold,
	dawidSkene,
	majorityVote,
	type DawidSkeneResult,
	type LabelAnswer
} from '$lib/quality';

function task(taskId: string, labels: Record<string, string>): LabelAnswer[] {
	return Object.entries(labels).map(([annotatorId, label]) => ({ taskId, annotatorId, label }));
}

function expectWellFormed(result: DawidSkeneResult) {
	for (const { posterior } of result.tasks.values()) {
		const values = Object.values(posterior);
		expect(values.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
		for (const p of values) expect(Number.isFinite(p)).toBe(true);
	}
	for (const p of result.accuracy.values()) {
		expect(p).toBeGreaterThan(0);
		expect(p).toBeLessThan(1);
	}
}

/**
 * Two reliable annotators (r1, r2) always give the truth. Three poor ones (p1–p3) are right on
 * 3 of t1–t6 each, and their wrong answers never coincide, so the majority gets t1–t6 right.
 * On t7 the three poor ones all say cat and the two reliable ones dog (the truth).
 */
const truth = new Map([
	['t1', 'cat'],
	['t2', 'dog'],
	['t3', 'bird'],
	['t4', 'cat'],
	['t5', 'dog'],
	['t6', 'bird'],
	['t7', 'dog']
]);
const crowd: LabelAnswer[] = [
	...task('t1', { r1: 'cat', r2: 'cat', p1: 'cat', p2: 'dog', p3: 'bird' }),
	...task('t2', { r1: 'dog', r2: 'dog', p1: 'dog', p2: 'dog', p3: 'cat' }),
	...task('t3', { r1: 'bird', r2: 'bird', p1: 'cat', p2: 'bird', p3: 'dog' }),
	...task('t4', { r1: 'cat', r2: 'cat', p1: 'dog', p2: 'cat', p3: 'cat' }),
	...task('t5', { r1: 'dog', r2: 'dog', p1: 'bird', p2: 'cat', p3: 'dog' }),
	...task('t6', { r1: 'bird', r2: 'bird', p1: 'bird', p2: 'dog', p3: 'bird' }),
	...task('t7', { r1: 'dog', r2: 'dog', p1: 'cat', p2: 'cat', p3: 'cat' })
];

describe('dawidSkene', () => {
	it('the dataset is what it claims: reliable 7/7, poor 3/7 against the truth', () => {
		const scores = accuracyFromGold(crowd, truth);
		for (const id of ['r1', 'r2']) expect(scores.get(id)).toMatchObject({ correct: 7, total: 7 });
		for (const id of ['p1', 'p2', 'p3']) {
			expect(scores.get(id)).toMatchObject({ correct: 3, total: 7 });
		}
	});

	it('gets t7 right where the majority vote gets it wrong', () => {
		// Majority on t7: cat 3 of 5.
		const majority = majorityVote(crowd);
		expect(majority.get('t7')).toMatchObject({ label: 'cat', votes: 3, agreement: 0.6 });

		const result = dawidSkene(crowd);
		expect(result.converged).toBe(true);
		expect(result.labels).toEqual(['bird', 'cat', 'dog']);
		for (const [taskId, label] of truth) expect(result.tasks.get(taskId)?.label).toBe(label);
		// At the fixed point, with the 2 + 1 pseudo-counts: reliable p ≈ (7 + 2) / (7 + 3) = 0.9,
		// poor p ≈ (3 + 2) / 10 = 0.5. On t7 each reliable "dog" multiplies the odds of dog by
		// p / ((1 − p) / (K − 1)) = 0.9 / 0.05 = 18, each poor "cat" those of cat by
		// 0.5 / 0.25 = 2: dog : cat ≈ 18² : 2³ = 324 : 8, a posterior of about 0.97 for dog.
		const t7 = result.tasks.get('t7')!.posterior;
		expect(t7.dog).toBeGreaterThan(0.9);
		expect(t7.cat).toBeLessThan(0.1);
		expectWellFormed(result);
	});

	it('estimates the reliable annotators’ accuracy well above the poor ones’', () => {
		const { accuracy } = dawidSkene(crowd);
		for (const reliable of ['r1', 'r2']) {
			expect(accuracy.get(reliable)).toBeCloseTo(0.9, 1);
			for (const poor of ['p1', 'p2', 'p3']) {
				expect(accuracy.get(reliable)!).toBeGreaterThan(accuracy.get(poor)! + 0.3);
			}
		}
		for (const poor of ['p1', 'p2', 'p3']) expect(accuracy.get(poor)).toBeCloseTo(0.5, 1);
	});

	it('does not depend on the order the answers came in', () => {
		const forward = dawidSkene(crowd);
		const backward = dawidSkene([...crowd].reverse());
		for (const [taskId, { label, posterior }] of forward.tasks) {
			expect(backward.tasks.get(taskId)?.label).toBe(label);
			for (const [k, p] of Object.entries(posterior)) {
				expect(backward.tasks.get(taskId)?.posterior[k]).toBeCloseTo(p, 9);
			}
		}
	});

	it('K = 2 with a one-answer annotator on a one-answer task: no NaN, no 0 or 1', () => {
		const answers = [
			...task('t1', { a: 'yes', b: 'yes' }),
			...task('t2', { a: 'no', b: 'no' }),
			...task('t3', { a: 'yes', b: 'yes' }),
			...task('t4', { c: 'no' })
		];
		const result = dawidSkene(answers);
		expect(result.labels).toEqual(['no', 'yes']);
		expect(result.tasks.get('t4')?.label).toBe('no');
		const t4 = result.tasks.get('t4')!.posterior;
		expect(t4.no).toBeGreaterThan(0.5);
		expect(t4.no).toBeLessThan(1);
		// c's accuracy rests mostly on the prior: (posterior of 'no' on t4 + 2) / (1 + 3).
		expect(result.accuracy.get('c')).toBeCloseTo((t4.no! + 2) / 4, 6);
		expectWellFormed(result);
	});

	it('with one label in sight, everything is that label', () => {
		const result = dawidSkene([...task('t1', { a: 'cat', b: 'cat' }), ...task('t2', { a: 'cat' })]);
		expect(result.tasks.get('t1')).toEqual({ label: 'cat', posterior: { cat: 1 } });
		expect(result.tasks.get('t2')).toEqual({ label: 'cat', posterior: { cat: 1 } });
		expectWellFormed(result);
	});

	it('labels nobody chose still get a (small) posterior', () => {
		const result = dawidSkene(task('t1', { a: 'cat', b: 'cat', c: 'dog' }), {
			labels: ['bird', 'cat', 'dog']
		});
		const posterior = result.tasks.get('t1')!.posterior;
		expect(Object.keys(posterior)).toEqual(['bird', 'cat', 'dog']);
		expect(posterior.bird).toBeGreaterThan(0);
		expect(posterior.bird).toBeLessThan(posterior.dog!);
		expect(result.tasks.get('t1')?.label).toBe('cat');
		expectWellFormed(result);
	});

	it('reports when it ran out of iterations', () => {
		const result = dawidSkene(crowd, { maxIterations: 1 });
		expect(result).toMatchObject({ iterations: 1, converged: false });
		expectWellFormed(result);
	});

	it('nothing in, nothing out', () => {
		expect(dawidSkene([])).toEqual({
			labels: [],
			tasks: new Map(),
			accuracy: new Map(),
			priors: {},
			iterations: 0,
			converged: true
		});
	});
});
