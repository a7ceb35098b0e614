import { describe, expect, it } from 'vitest';
import {
	clampBox,
	iou,
	isTooSmall,
	matchBoxes,
	moveBox,
	normalizeBox,
	resizeBox,
	scoreBoxes,
	type Box
} from '$lib/labeling/boxes';

/** A box with a default label, positioned by its edges in %. */
function box(x: number, y: number, width: number, height: number, label = 'helmet'): Box {
	return { x, y, width, height, label };
}

describe('iou', () => {
	it('is 1 for the same box and 0 for boxes that only touch', () => {
		expect(iou(box(10, 10, 20, 20), box(10, 10, 20, 20))).toBe(1);
		expect(iou(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
		expect(iou(box(0, 0, 10, 10), box(50, 50, 10, 10))).toBe(0);
	});

	it('matches hand-computed overlaps', () => {
		// 5×5 overlap of two 10×10 boxes: 25 / (100 + 100 − 25) = 1/7.
		expect(iou(box(0, 0, 10, 10), box(5, 5, 10, 10))).toBeCloseTo(1 / 7, 12);
		// Half of a box inside it: 50 / 100.
		expect(iou(box(0, 0, 10, 10), box(0, 0, 10, 5))).toBeCloseTo(0.5, 12);
		// 10×20 overlap of two 20×20 boxes: 200 / 600.
		expect(iou(box(10, 10, 20, 20), box(20, 10, 20, 20))).toBeCloseTo(1 / 3, 12);
	});

	it('is symmetric', () => {
		const a = box(3, 7, 40, 12);
		const b = box(20, 1, 15, 30);
		expect(iou(a, b)).toBeCloseTo(iou(b, a), 12);
	});
});

describe('matchBoxes', () => {
	it('pairs boxes of the same label only', () => {
		const result = matchBoxes([box(0, 0, 10, 10, 'helmet')], [box(0, 0, 10, 10, 'vest')]);
		expect(result.matches).toEqual([]);
		expect(result.missed).toEqual([0]);
		expect(result.extra).toEqual([0]);
	});

	it('finds the matching greedy-by-IoU would miss', () => {
		// Two workers side by side (strips 10 high): G1 at x 0..10, G2 at x 2..12.
		const gold = [box(0, 0, 10, 10), box(2, 0, 10, 10)];
		// A1 (x 0.5..10.5) fits G1 best (95/105 ≈ 0.905) and G2 too (85/115 ≈ 0.739);
		// A2 (x 0..7) fits only G1 (70/100 = 0.7; with G2 50/120 ≈ 0.417 < 0.5).
		const answer = [box(0.5, 0, 10, 10), box(0, 0, 7, 10)];
		// Greedy would pair A1–G1 first and leave A2 and G2 alone: F1 0.5. Optimal pairs both.
		const result = matchBoxes(gold, answer);
		expect(result.matches.map((m) => [m.gold, m.answer])).toEqual([
			[0, 1],
			[1, 0]
		]);
		expect(result.matches[0]?.iou).toBeCloseTo(0.7, 12);
		expect(result.matches[1]?.iou).toBeCloseTo(85 / 115, 12);
		expect(result.missed).toEqual([]);
		expect(result.extra).toEqual([]);
		expect(scoreBoxes(gold, answer)).toBe(1);
	});

	it('prefers more pairs over a larger total IoU (matters at low thresholds)', () => {
		// G1 x 0..10, G2 x 8..18; A1 = G1 (IoU 1, and 20/180 ≈ 0.111 with G2); A2 x 0..2 (0.2 with G1).
		const gold = [box(0, 0, 10, 10), box(8, 0, 10, 10)];
		const answer = [box(0, 0, 10, 10), box(0, 0, 2, 10)];
		const result = matchBoxes(gold, answer, 0.1);
		// A1–G1 alone would have the larger IoU (1 against 0.311), but two pairs beat one.
		expect(result.matches.map((m) => [m.gold, m.answer])).toEqual([
			[0, 1],
			[1, 0]
		]);
		expect(result.matches[0]?.iou).toBeCloseTo(0.2, 12);
		expect(result.matches[1]?.iou).toBeCloseTo(20 / 180, 12);
	});

	it('among equally many pairs, keeps the one with the larger IoU', () => {
		const gold = [box(0, 0, 10, 10)];
		const answer = [box(0, 0, 10, 8), box(0, 0, 10, 10)];
		const result = matchBoxes(gold, answer);
		expect(result.matches).toEqual([{ gold: 0, answer: 1, iou: 1 }]);
		expect(result.extra).toEqual([0]);
	});

	it('honours the threshold parameter', () => {
		const gold = [box(10, 10, 20, 20)];
		const answer = [box(20, 10, 20, 20)]; // IoU 1/3
		expect(matchBoxes(gold, answer).matches).toEqual([]);
		expect(matchBoxes(gold, answer, 0.3).matches).toHaveLength(1);
		// Exactly at the threshold counts.
		expect(matchBoxes([box(0, 0, 10, 10)], [box(0, 0, 10, 5)], 0.5).matches).toHaveLength(1);
	});
});

describe('scoreBoxes', () => {
	it('is F1 of the matches', () => {
		const gold = [box(0, 0, 10, 10), box(50, 50, 10, 10), box(80, 0, 10, 10, 'vest')];
		// One right, one misplaced, one extra: 1 match of 3 gold and 3 answer boxes.
		const answer = [box(1, 1, 10, 10), box(20, 20, 10, 10), box(0, 80, 10, 10)];
		expect(scoreBoxes(gold, answer)).toBeCloseTo((2 * 1) / (3 + 3), 12);
		// Two matches of 3 gold, 2 answer boxes: 4/5.
		expect(scoreBoxes(gold, [box(0, 0, 10, 10), box(80, 0, 10, 10, 'vest')])).toBeCloseTo(0.8, 12);
	});

	it('is 1 when neither has boxes and 0 when only one side has', () => {
		expect(scoreBoxes([], [])).toBe(1);
		expect(scoreBoxes([], [box(0, 0, 10, 10)])).toBe(0);
		expect(scoreBoxes([box(0, 0, 10, 10)], [])).toBe(0);
	});
});

describe('box editing helpers', () => {
	it('clampBox pushes a box back inside and up to the minimum size', () => {
		expect(clampBox(box(95, -5, 10, 10))).toEqual(box(90, 0, 10, 10));
		expect(clampBox(box(-20, 0, 150, 10))).toEqual(box(0, 0, 100, 10));
		expect(clampBox(box(50, 50, 0.5, 1))).toEqual(box(50, 50, 2, 2));
		expect(clampBox(box(99.5, 0, 0.5, 10))).toEqual(box(98, 0, 2, 10));
	});

	it('normalizeBox takes the drag corners in any order and cuts them to the image', () => {
		expect(normalizeBox({ x: 60, y: 40 }, { x: 20, y: 80 }, 'helmet')).toEqual(box(20, 40, 40, 40));
		expect(normalizeBox({ x: -10, y: 120 }, { x: 30, y: 50 }, 'vest')).toEqual(
			box(0, 50, 30, 50, 'vest')
		);
		const tap = normalizeBox({ x: 30, y: 30 }, { x: 30.5, y: 31 }, 'helmet');
		expect(isTooSmall(tap)).toBe(true);
		expect(isTooSmall(box(0, 0, 2, 2))).toBe(false);
	});

	it('moveBox keeps the size and stops at the edges', () => {
		expect(moveBox(box(80, 10, 15, 10), 10, -20)).toEqual(box(85, 0, 15, 10));
		expect(moveBox(box(10, 10, 15, 10), 5, 5)).toEqual(box(15, 15, 15, 10));
	});

	it('resizeBox moves only the dragged edges, within the image and the minimum size', () => {
		const b = box(10, 10, 20, 20);
		expect(resizeBox(b, 'se', 5, 5)).toEqual(box(10, 10, 25, 25));
		expect(resizeBox(b, 'nw', -20, -20)).toEqual(box(0, 0, 30, 30));
		// Dragging the right edge past the left one stops at the minimum width.
		expect(resizeBox(b, 'e', -50, 0)).toEqual(box(10, 10, 2, 20));
		expect(resizeBox(b, 'n', 0, 30)).toEqual(box(10, 28, 20, 2));
		// A side handle ignores the other axis.
		expect(resizeBox(b, 'w', 5, 7)).toEqual(box(15, 10, 15, 20));
		expect(resizeBox(b, 's', 0, 200)).toEqual(box(10, 10, 20, 90));
		expect(resizeBox(b, 'sw', 0, 0, 25)).toEqual(box(10, 10, 25, 25));
	});
});
