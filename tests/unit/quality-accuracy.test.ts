import { describe, expect, it } from 'vitest';
import {
	accuracyFromGold,
	iou,
	scoreAgainstGold,
	type BoxAnswer,
	type LabelAnswer,
	type LabeledBox
} from '$lib/quality';

const label = (taskId: string, annotatorId: string, value: string): LabelAnswer => ({
	taskId,
	annotatorId,
	label: value
});

const gold = new Map([
	['g1', 'cat'],
	['g2', 'dog'],
	['g3', 'bird'],
	['g4', 'cat']
]);

describe('accuracyFromGold', () => {
	it('right answers over gold items answered, per annotator', () => {
		const answers = [
			label('g1', 'a', 'cat'),
			label('g2', 'a', 'dog'),
			label('g3', 'a', 'cat'),
			label('g4', 'a', 'cat'),
			label('g1', 'b', 'dog'),
			label('g2', 'b', 'dog'),
			label('w1', 'b', 'dog') // a work task: no gold, not counted
		];
		expect(accuracyFromGold(answers, gold)).toEqual(
			new Map([
				['a', { annotatorId: 'a', correct: 3, total: 4, accuracy: 0.75 }],
				['b', { annotatorId: 'b', correct: 1, total: 2, accuracy: 0.5 }]
			])
		);
	});

	it('an annotator without gold answers is absent, not 0/0', () => {
		expect(accuracyFromGold([label('w1', 'c', 'cat')], gold).has('c')).toBe(false);
	});

	it('a gold item answered twice counts once, with the later answer', () => {
		const answers = [label('g1', 'a', 'dog'), label('g1', 'a', 'cat')];
		expect(accuracyFromGold(answers, gold).get('a')).toMatchObject({ correct: 1, total: 1 });
	});
});

describe('scoreAgainstGold', () => {
	const box = (x: number, y: number): LabeledBox => ({ label: 'cat', x, y, width: 10, height: 10 });
	const boxGold = new Map([
		['img1', [box(0, 0), box(50, 50)]],
		['img2', [box(20, 20)]]
	]);
	/** Share of gold boxes that some answer box overlaps at IoU ≥ 0.5. */
	const recall = (answer: BoxAnswer, expected: LabeledBox[]) =>
		expected.filter((g) => answer.boxes.some((b) => iou(b, g) >= 0.5)).length / expected.length;

	it('takes partial credit from any scoring function', () => {
		const answers: BoxAnswer[] = [
			// img1: finds 1 of 2 → 0.5; img2: IoU of (21,20) with (20,20) = 90/110 → found, 1.
			{ taskId: 'img1', annotatorId: 'a', boxes: [box(0, 0)] },
			{ taskId: 'img2', annotatorId: 'a', boxes: [box(21, 20)] }
		];
		expect(scoreAgainstGold(answers, boxGold, recall).get('a')).toEqual({
			annotatorId: 'a',
			correct: 1.5,
			total: 2,
			accuracy: 0.75
		});
	});

	it('refuses a score outside 0…1', () => {
		const answers = [label('g1', 'a', 'cat')];
		expect(() => scoreAgainstGold(answers, gold, () => 2)).toThrow(RangeError);
		expect(() => scoreAgainstGold(answers, gold, () => NaN)).toThrow(RangeError);
	});
});
