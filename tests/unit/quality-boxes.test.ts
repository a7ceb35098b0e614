import { describe, expect, it } from 'vitest';
import {
	clusterBoxes,
	clusterBoxesByTask,
	iou,
	type BoxAnswer,
	type LabeledBox
} from '$lib/quality';

const box = (label: string, x: number, y: number, width: number, height: number): LabeledBox => ({
	label,
	x,
	y,
	width,
	height
});

const answer = (annotatorId: string, ...boxes: LabeledBox[]): BoxAnswer => ({
	taskId: 'img1',
	annotatorId,
	boxes
});

describe('iou', () => {
	it('is 1 for the same box and 0 for disjoint or touching boxes', () => {
		expect(iou(box('a', 10, 10, 20, 20), box('a', 10, 10, 20, 20))).toBe(1);
		expect(iou(box('a', 0, 0, 10, 10), box('a', 50, 50, 10, 10))).toBe(0);
		expect(iou(box('a', 0, 0, 10, 10), box('a', 10, 0, 10, 10))).toBe(0);
	});

	it('half-shifted squares: 50 / (100 + 100 − 50) = 1/3', () => {
		expect(iou(box('a', 0, 0, 10, 10), box('a', 5, 0, 10, 10))).toBeCloseTo(1 / 3, 12);
	});

	it('a box inside another: the small area over the large one, 25 / 100', () => {
		expect(iou(box('a', 0, 0, 10, 10), box('a', 0, 0, 5, 5))).toBe(0.25);
	});

	it('a box without area overlaps nothing, not even itself (no 0/0)', () => {
		expect(iou(box('a', 5, 5, 0, 10), box('a', 0, 0, 10, 10))).toBe(0);
		expect(iou(box('a', 5, 5, 0, 0), box('a', 5, 5, 0, 0))).toBe(0);
	});
});

describe('clusterBoxes', () => {
	// Three annotators. a and b box a cat and a dog; c boxes the cat and an outlier "cat" in an
	// empty corner.
	const answers = [
		answer('a', box('cat', 10, 10, 40, 40), box('dog', 60, 10, 30, 30)),
		answer('b', box('cat', 14, 10, 40, 40), box('dog', 60, 13, 30, 30)),
		answer('c', box('cat', 10, 14, 40, 40), box('cat', 70, 70, 20, 20))
	];

	it('merges overlapping boxes, keeps those with ceil(n/2) support, rejects the outlier', () => {
		// a opens cat (10,10,40,40) and dog (60,10,30,30).
		// b's cat: overlap 36×40 = 1440, union 3200 − 1440 = 1760, IoU 9/11 → joins; mean x 12.
		// b's dog: overlap 30×27 = 810, union 1800 − 810 = 990, IoU 9/11 → joins; mean y 11.5.
		// c's cat vs (12,10,40,40): overlap 38×36 = 1368, union 1832, IoU ≈ 0.747 → joins;
		// mean (34/3, 34/3, 40, 40). c's corner cat overlaps nothing → its own cluster.
		const result = clusterBoxes(answers);
		expect(result).toMatchObject({ taskId: 'img1', annotators: 3, minSupport: 2 });
		expect(result.clusters.map((c) => [c.label, c.support])).toEqual([
			['cat', 3],
			['dog', 2]
		]);
		const [cat, dog] = result.clusters;
		expect(cat!.box.x).toBeCloseTo(34 / 3, 12);
		expect(cat!.box.y).toBeCloseTo(34 / 3, 12);
		expect(cat!.box).toMatchObject({ width: 40, height: 40 });
		expect(cat!.members.map((m) => m.annotatorId)).toEqual(['a', 'b', 'c']);
		expect(dog!.box).toEqual({ x: 60, y: 11.5, width: 30, height: 30 });
		expect(result.rejected).toEqual([
			{
				label: 'cat',
				box: { x: 70, y: 70, width: 20, height: 20 },
				support: 1,
				members: [{ annotatorId: 'c', box: box('cat', 70, 70, 20, 20) }]
			}
		]);
	});

	it('gives the same clusters whatever order the answers came in', () => {
		expect(clusterBoxes([...answers].reverse())).toEqual(clusterBoxes(answers));
	});

	it('never merges boxes of different labels', () => {
		const result = clusterBoxes([
			answer('a', box('cat', 10, 10, 40, 40)),
			answer('b', box('dog', 10, 10, 40, 40))
		]);
		expect(result.clusters.map((c) => [c.label, c.support])).toEqual([
			['cat', 1],
			['dog', 1]
		]);
	});

	it('takes at most one box per annotator into a cluster, the best overlapping one', () => {
		// a drew the same cat twice. b's box: IoU with a's first 9/11 ≈ 0.818, with a's second
		// 1480 / 1720 ≈ 0.860 → b joins the second. c drew nothing but counts: n = 3, support 2.
		const result = clusterBoxes([
			answer('a', box('cat', 10, 10, 40, 40), box('cat', 11, 10, 40, 40)),
			answer('b', box('cat', 14, 10, 40, 40)),
			answer('c')
		]);
		expect(result.clusters).toHaveLength(1);
		expect(result.clusters[0]).toMatchObject({ support: 2, box: { x: 12.5, y: 10 } });
		expect(result.rejected).toHaveLength(1);
		expect(result.rejected[0]).toMatchObject({ support: 1, box: { x: 10, y: 10 } });
	});

	it('joins only at IoU ≥ threshold', () => {
		const shifted = [answer('a', box('cat', 0, 0, 10, 10)), answer('b', box('cat', 5, 0, 10, 10))];
		// IoU 1/3 < 0.5: two clusters of one; with n = 2 the default support is 1, both kept.
		expect(clusterBoxes(shifted).clusters.map((c) => c.support)).toEqual([1, 1]);
		const loose = clusterBoxes(shifted, { threshold: 0.3 });
		expect(loose.clusters).toHaveLength(1);
		expect(loose.clusters[0]).toMatchObject({
			support: 2,
			box: { x: 2.5, y: 0, width: 10, height: 10 }
		});
	});

	it('takes the least support as a number or a function of the annotator count', () => {
		expect(clusterBoxes(answers, { minSupport: 3 }).clusters.map((c) => c.label)).toEqual(['cat']);
		const all = clusterBoxes(answers, { minSupport: (n) => n });
		expect(all.minSupport).toBe(3);
		expect(all.rejected).toHaveLength(2);
	});

	it('refuses a threshold outside (0, 1] and answers of several tasks', () => {
		expect(() => clusterBoxes(answers, { threshold: 0 })).toThrow(RangeError);
		expect(() => clusterBoxes(answers, { threshold: 1.5 })).toThrow(RangeError);
		expect(() => clusterBoxes([...answers, { ...answers[0]!, taskId: 'img2' }])).toThrow(
			/one task/
		);
	});

	it('clusterBoxesByTask clusters each task on its own', () => {
		const other = answers.map((a) => ({ ...a, taskId: 'img2' })).slice(0, 1);
		const results = clusterBoxesByTask([...answers, ...other]);
		expect([...results.keys()]).toEqual(['img1', 'img2']);
		expect(results.get('img1')?.clusters).toHaveLength(2);
		// img2 has one annotator, so each of a's boxes is supported enough.
		expect(results.get('img2')).toMatchObject({ annotators: 1, minSupport: 1 });
		expect(results.get('img2')?.clusters).toHaveLength(2);
	});

	it('no answers: no clusters', () => {
		expect(clusterBoxes([])).toEqual({
			taskId: '',
			annotators: 0,
			minSupport: 0,
			clusters: [],
			rejected: []
		});
	});
});
