/**
 * Chance-corrected agreement between annotators: Cohen's kappa for a pair, Fleiss' kappa for a
 * crowd with the same number of raters per task.
 *
 * Edge cases, chosen so no result is ever NaN:
 * - No shared tasks (Cohen) or no tasks (Fleiss): `null`, as there is nothing to measure.
 * - Expected agreement 1, i.e. every rating is the same single category: kappa is 1 by
 *   convention. Observed agreement is then 1 too, and the raters did not disagree once; the
 *   textbook 0/0 would otherwise turn a unanimous batch into a missing number.
 * - Kappa is negative when raters agree less often than chance alone would have them.
 */
import { groupByTask, type LabelAnswer } from './majority';

export interface KappaResult {
	kappa: number;
	/** Observed agreement: Cohen's p_o, Fleiss' mean P̄. */
	observed: number;
	/** Agreement expected by chance: Cohen's p_e, Fleiss' P̄_e. */
	expected: number;
	/** Tasks counted. */
	items: number;
}

export interface FleissKappaResult extends KappaResult {
	/** Raters per task. */
	raters: number;
}

function kappaOf(observed: number, expected: number): number {
	return expected >= 1 ? 1 : (observed - expected) / (1 - expected);
}

/** Cohen's kappa from (first rater's label, second rater's label) pairs, one per task. */
export function cohensKappaFromPairs(
	pairs: Iterable<readonly [string, string]>
): KappaResult | null {
	const first = new Map<string, number>();
	const second = new Map<string, number>();
	let items = 0;
	let agreed = 0;
	for (const [a, b] of pairs) {
		items++;
		if (a === b) agreed++;
		first.set(a, (first.get(a) ?? 0) + 1);
		second.set(b, (second.get(b) ?? 0) + 1);
	}
	if (items === 0) return null;
	let expected = 0;
	for (const [label, count] of first)
		expected += (count / items) * ((second.get(label) ?? 0) / items);
	const observed = agreed / items;
	return { kappa: kappaOf(observed, expected), observed, expected, items };
}

/** Cohen's kappa of two annotators over the tasks both answered; `null` when there are none. */
export function cohensKappa(
	answers: Iterable<LabelAnswer>,
	firstAnnotatorId: string,
	secondAnnotatorId: string
): KappaResult | null {
	const pairs: [string, string][] = [];
	for (const taskAnswers of groupByTask(answers).values()) {
		const a = taskAnswers.find((answer) => answer.annotatorId === firstAnnotatorId);
		const b = taskAnswers.find((answer) => answer.annotatorId === secondAnnotatorId);
		if (a && b) pairs.push([a.label, b.label]);
	}
	return cohensKappaFromPairs(pairs);
}

/**
 * Fleiss' kappa from a task × category table of how many raters chose each category. Every
 * row must have the same number of categories and add up to the same number of raters, at
 * least 2; otherwise a RangeError says which row is off. `names` labels the rows in errors.
 */
export function fleissKappaFromCounts(
	counts: readonly (readonly number[])[],
	names: readonly string[] = counts.map((_, i) => `row ${i}`)
): FleissKappaResult | null {
	const first = counts[0];
	if (!first) return null;
	const sum = (row: readonly number[]) => row.reduce((total, n) => total + n, 0);
	const raters = sum(first);
	if (raters < 2) throw new RangeError(`Fleiss' kappa needs at least 2 raters per task`);

	const totals = new Array<number>(first.length).fill(0);
	let observedSum = 0;
	counts.forEach((row, i) => {
		if (row.length !== first.length) {
			throw new RangeError(
				`Fleiss' kappa needs the same categories on every task: ${names[i]} has ${row.length}, ${names[0]} has ${first.length}`
			);
		}
		if (row.some((n) => !Number.isInteger(n) || n < 0)) {
			throw new RangeError(`Fleiss' kappa needs counts that are whole numbers ≥ 0: ${names[i]}`);
		}
		const rowRaters = sum(row);
		if (rowRaters !== raters) {
			throw new RangeError(
				`Fleiss' kappa needs the same number of raters on every task: ${names[i]} has ${rowRaters}, ${names[0]} has ${raters}`
			);
		}
		row.forEach((n, j) => (totals[j]! += n));
		observedSum += (row.reduce((total, n) => total + n * n, 0) - raters) / (raters * (raters - 1));
	});
	const items = counts.length;
	const observed = observedSum / items;
	const expected = totals.reduce((total, n) => total + (n / (items * raters)) ** 2, 0);
	return { kappa: kappaOf(observed, expected), observed, expected, items, raters };
}

/**
 * Fleiss' kappa over classification answers, categories being every label seen. Throws a
 * RangeError naming the tasks when they do not all have the same number of annotators.
 */
export function fleissKappa(answers: Iterable<LabelAnswer>): FleissKappaResult | null {
	const grouped = groupByTask(answers);
	const labels = [...new Set([...grouped.values()].flat().map((a) => a.label))];
	const column = new Map(labels.map((label, j) => [label, j]));
	const taskIds = [...grouped.keys()];
	const counts = [...grouped.values()].map((taskAnswers) => {
		const row = new Array<number>(labels.length).fill(0);
		for (const { label } of taskAnswers) row[column.get(label)!]! += 1;
		return row;
	});
	return fleissKappaFromCounts(
		counts,
		taskIds.map((id) => `task ${id}`)
	);
}
