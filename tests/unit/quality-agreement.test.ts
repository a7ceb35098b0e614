import { describe, expect, it } from 'vitest';
import {
	cohensKappa,
	cohensKappaFromPairs,
	fleissKappa,
	fleissKappaFromCounts,
	type LabelAnswer
} from '$lib/quality';

/** `count` tasks on which a and b answered `first` and `second`. */
function pairs(count: number, first: string, second: string, from: number): LabelAnswer[] {
	return Array.from({ length: count }, (_, i) => [
		{ taskId: `t${from + i}`, annotatorId: 'a', label: first },
		{ taskId: `t${from + i}`, annotatorId: 'b', label: second }
	]).flat();
}

describe('cohensKappa', () => {
	it('the textbook 2×2 table: κ = 0.4', () => {
		// 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
		// p_o = 35/50 = 0.7; a says yes 25/50, b 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5;
		// κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
		const answers = [
			...pairs(20, 'yes', 'yes', 0),
			...pairs(5, 'yes', 'no', 20),
			...pairs(10, 'no', 'yes', 25),
			...pairs(15, 'no', 'no', 35)
		];
		const result = cohensKappa(answers, 'a', 'b')!;
		expect(result.items).toBe(50);
		expect(result.observed).toBeCloseTo(0.7, 12);
		expect(result.expected).toBeCloseTo(0.5, 12);
		expect(result.kappa).toBeCloseTo(0.4, 12);
	});

	it('counts only tasks both answered, and ignores other annotators', () => {
		const answers = [
			...pairs(2, 'yes', 'yes', 0),
			...pairs(2, 'no', 'no', 2),
			{ taskId: 't9', annotatorId: 'a', label: 'no' },
			{ taskId: 't0', annotatorId: 'c', label: 'no' }
		];
		expect(cohensKappa(answers, 'a', 'b')).toEqual({
			kappa: 1,
			observed: 1,
			expected: 0.5,
			items: 4
		});
	});

	it('complete disagreement on balanced labels: κ = −1', () => {
		// p_o = 0, p_e = 0.5·0.5 + 0.5·0.5 = 0.5 → (0 − 0.5) / 0.5.
		expect(
			cohensKappaFromPairs([
				['yes', 'no'],
				['no', 'yes']
			])?.kappa
		).toBe(-1);
	});

	it('unanimous on one label: κ = 1 by convention instead of 0/0', () => {
		expect(cohensKappa(pairs(3, 'cat', 'cat', 0), 'a', 'b')).toEqual({
			kappa: 1,
			observed: 1,
			expected: 1,
			items: 3
		});
	});

	it('no shared tasks: null', () => {
		expect(cohensKappa(pairs(3, 'cat', 'cat', 0), 'a', 'c')).toBeNull();
		expect(cohensKappaFromPairs([])).toBeNull();
	});
});

describe('fleissKappa', () => {
	it('the Wikipedia worked example: 10 subjects, 14 raters, 5 categories, κ ≈ 0.210', () => {
		// https://en.wikipedia.org/wiki/Fleiss%27_kappa#Worked_example
		const counts = [
			[0, 0, 0, 0, 14],
			[0, 2, 6, 4, 2],
			[0, 0, 3, 5, 6],
			[0, 3, 9, 2, 0],
			[2, 2, 8, 1, 1],
			[7, 7, 0, 0, 0],
			[3, 2, 6, 3, 0],
			[2, 5, 3, 2, 2],
			[6, 5, 2, 1, 0],
			[0, 2, 2, 3, 7]
		];
		// P̄ = 0.378, P̄_e = 0.213, κ = (0.378 − 0.213) / (1 − 0.213) = 0.210.
		const result = fleissKappaFromCounts(counts)!;
		expect(result).toMatchObject({ items: 10, raters: 14 });
		expect(result.observed).toBeCloseTo(0.378, 3);
		expect(result.expected).toBeCloseTo(0.213, 3);
		expect(result.kappa).toBeCloseTo(0.21, 3);
	});

	it('from answers: 3 tasks × 3 raters, κ = 0.55', () => {
		// P_i = (Σ n² − 3) / 6: t1 (3,0) → 1, t2 (2,1) → 1/3, t3 (0,3) → 1; P̄ = 7/9.
		// p_a = 5/9, p_b = 4/9: P̄_e = 41/81. κ = (63 − 41) / (81 − 41) = 22/40.
		const answers: LabelAnswer[] = [
			['t1', 'a', 'a', 'a'],
			['t2', 'a', 'a', 'b'],
			['t3', 'b', 'b', 'b']
		].flatMap(([taskId, ...labels]) =>
			labels.map((label, i) => ({ taskId: taskId!, annotatorId: `r${i}`, label: label! }))
		);
		const result = fleissKappa(answers)!;
		expect(result.observed).toBeCloseTo(7 / 9, 12);
		expect(result.expected).toBeCloseTo(41 / 81, 12);
		expect(result.kappa).toBeCloseTo(0.55, 12);
	});

	it('refuses tasks with different numbers of raters, naming them', () => {
		const answers: LabelAnswer[] = [
			{ taskId: 't1', annotatorId: 'a', label: 'x' },
			{ taskId: 't1', annotatorId: 'b', label: 'x' },
			{ taskId: 't2', annotatorId: 'a', label: 'x' },
			{ taskId: 't2', annotatorId: 'b', label: 'y' },
			{ taskId: 't2', annotatorId: 'c', label: 'y' }
		];
		expect(() => fleissKappa(answers)).toThrow(
			"Fleiss' kappa needs the same number of raters on every task: task t2 has 3, task t1 has 2"
		);
		expect(() =>
			fleissKappaFromCounts([
				[1, 1],
				[2, 1]
			])
		).toThrow(RangeError);
	});

	it('refuses one rater per task, ragged rows and bad counts', () => {
		expect(() => fleissKappaFromCounts([[1, 0]])).toThrow(/at least 2 raters/);
		expect(() => fleissKappaFromCounts([[1, 1], [2]])).toThrow(/same categories/);
		expect(() =>
			fleissKappaFromCounts([
				[1, 1],
				[3, -1]
			])
		).toThrow(/whole numbers/);
	});

	it('unanimous on one category: κ = 1 by convention; no tasks: null', () => {
		expect(
			fleissKappaFromCounts([
				[3, 0],
				[3, 0]
			])
		).toEqual({ kappa: 1, observed: 1, expected: 1, items: 2, raters: 3 });
		expect(fleissKappa([])).toBeNull();
	});
});
