import { describe, expect, it } from 'vitest';
import { majorityVote, type LabelAnswer } from '$lib/quality';

/** One task's answers from a `{ annotatorId: label }` table. */
function task(taskId: string, labels: Record<string, string>): LabelAnswer[] {
	return Object.entries(labels).map(([annotatorId, label]) => ({ taskId, annotatorId, label }));
}

describe('majorityVote', () => {
	it('picks the most voted label with its votes and agreement share', () => {
		const result = majorityVote(task('t1', { a: 'cat', b: 'cat', c: 'dog' }));
		expect(result.get('t1')).toEqual({
			label: 'cat',
			votes: 2,
			total: 3,
			agreement: 2 / 3,
			tied: false,
			counts: { cat: 2, dog: 1 }
		});
	});

	it('votes every task separately, in first-seen order', () => {
		const result = majorityVote([
			...task('t2', { a: 'dog', b: 'dog' }),
			...task('t1', { a: 'cat', b: 'bird', c: 'cat' })
		]);
		expect([...result.keys()]).toEqual(['t2', 't1']);
		expect(result.get('t2')?.label).toBe('dog');
		expect(result.get('t1')?.label).toBe('cat');
	});

	it('without accuracies, a tie goes to the label first in code-unit order', () => {
		// 1 vote each; 'cat' < 'dog'.
		const result = majorityVote(task('t1', { a: 'dog', b: 'cat' })).get('t1');
		expect(result).toMatchObject({ label: 'cat', votes: 1, total: 2, agreement: 0.5, tied: true });
		// Code units, not the locale: 'B' (66) sorts before 'a' (97).
		expect(majorityVote(task('t1', { a: 'apple', b: 'Banana' })).get('t1')?.label).toBe('Banana');
	});

	it('breaks a tie by the summed accuracy of each label’s voters', () => {
		const answers = task('t1', { a: 'cat', b: 'cat', c: 'dog', d: 'dog' });
		// cat: 0.9 + 0.2 = 1.1; dog: 0.6 + 0.6 = 1.2 → dog, though 'cat' sorts first.
		const accuracy = new Map([
			['a', 0.9],
			['b', 0.2],
			['c', 0.6],
			['d', 0.6]
		]);
		expect(majorityVote(answers, { accuracy }).get('t1')).toMatchObject({
			label: 'dog',
			votes: 2,
			tied: true
		});
	});

	it('an annotator missing from the accuracies adds nothing to the tie-break', () => {
		// dog: a 0.7; cat: b unknown, 0 → dog, though 'cat' sorts first.
		const accuracy = new Map([['a', 0.7]]);
		const result = majorityVote(task('t1', { a: 'dog', b: 'cat' }), { accuracy });
		expect(result.get('t1')?.label).toBe('dog');
	});

	it('equal vote counts and equal summed accuracy fall back to code-unit order', () => {
		const accuracy = new Map([
			['a', 0.8],
			['b', 0.8],
			['c', 0.8]
		]);
		const result = majorityVote(task('t1', { a: 'dog', b: 'cat', c: 'bird' }), { accuracy });
		expect(result.get('t1')).toMatchObject({ label: 'bird', votes: 1, agreement: 1 / 3 });
	});

	it('counts an annotator once per task, with their later answer', () => {
		const result = majorityVote([
			{ taskId: 't1', annotatorId: 'a', label: 'cat' },
			{ taskId: 't1', annotatorId: 'b', label: 'dog' },
			{ taskId: 't1', annotatorId: 'a', label: 'dog' }
		]);
		expect(result.get('t1')).toMatchObject({ label: 'dog', votes: 2, total: 2, agreement: 1 });
	});

	it('nothing in, nothing out', () => {
		expect(majorityVote([]).size).toBe(0);
	});
});
