/**
 * Bounding boxes in percent of the image (0..100 on both axes), so an answer does not depend on
 * the size the image was shown at on a given phone. Scoring matches answer boxes to gold boxes
 * of the same label by IoU; the UI helpers keep a box being drawn or dragged inside the image.
 */

export interface Box {
	/** Left edge, % of image width. */
	x: number;
	/** Top edge, % of image height. */
	y: number;
	width: number;
	height: number;
	label: string;
}

/** A box's place alone, for code that compares places whatever the label. */
export type Rect = Omit<Box, 'label'>;

export interface Point {
	x: number;
	y: number;
}

/** Which edge or corner of a box a finger is dragging. */
export type ResizeHandle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';

/** Pascal VOC's and COCO's usual bar for "the same object". */
export const DEFAULT_IOU_THRESHOLD = 0.5;

/**
 * Smallest side a box may have, in %: below this a box is a slip of the finger, and a handle
 * that could shrink it to nothing could never be grabbed again.
 */
export const MIN_BOX_SIZE = 2;

/** Area of overlap over area of union; 0 when the boxes do not touch. Labels are not compared. */
export function iou(a: Rect, b: Rect): number {
	const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
	const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
	if (w <= 0 || h <= 0) return 0;
	const overlap = w * h;
	const union = a.width * a.height + b.width * b.height - overlap;
	return union > 0 ? overlap / union : 0;
}

export interface BoxMatch {
	gold: number;
	answer: number;
	iou: number;
}

export interface BoxMatching {
	/** Pairs of indices into the gold and answer arrays. */
	matches: BoxMatch[];
	/** Gold boxes no answer box matched. */
	missed: number[];
	/** Answer boxes that matched no gold box. */
	extra: number[];
}

/**
 * Pairs answer boxes with gold boxes of the same label and IoU ≥ `threshold`, each box used at
 * most once. The matching is optimal, not greedy: it has as many pairs as possible, and among
 * those the largest total IoU. Greedy by IoU can cost the learner a match (an answer box that
 * fits two gold boxes takes the one a second answer box needed).
 */
export function matchBoxes(
	gold: readonly Box[],
	answer: readonly Box[],
	threshold = DEFAULT_IOU_THRESHOLD
): BoxMatching {
	const overlaps = gold.map((g) =>
		answer.map((a) => {
			if (g.label !== a.label) return 0;
			const value = iou(g, a);
			return value >= threshold && value > 0 ? value : 0;
		})
	);
	// Every pair is worth more than the IoU of all pairs together, so the count of pairs wins
	// first and the IoU only breaks ties.
	const pairBonus = Math.min(gold.length, answer.length) + 1;
	const weights = overlaps.map((row) => row.map((value) => (value > 0 ? pairBonus + value : 0)));
	const assignment = maxWeightAssignment(weights, gold.length, answer.length);

	const matches: BoxMatch[] = [];
	const usedAnswers = new Set<number>();
	assignment.forEach((a, g) => {
		const value = a >= 0 ? (overlaps[g]?.[a] ?? 0) : 0;
		if (value > 0) {
			matches.push({ gold: g, answer: a, iou: value });
			usedAnswers.add(a);
		}
	});
	const matchedGold = new Set(matches.map((m) => m.gold));
	return {
		matches,
		missed: gold.map((_, i) => i).filter((i) => !matchedGold.has(i)),
		extra: answer.map((_, i) => i).filter((i) => !usedAnswers.has(i))
	};
}

/** F1 of matched boxes: 1 when every box is matched both ways (and when both are empty). */
export function scoreBoxes(
	gold: readonly Box[],
	answer: readonly Box[],
	threshold = DEFAULT_IOU_THRESHOLD
): number {
	if (gold.length === 0 && answer.length === 0) return 1;
	const { matches } = matchBoxes(gold, answer, threshold);
	return (2 * matches.length) / (gold.length + answer.length);
}

/**
 * Hungarian algorithm (O(n³)) on a rows × cols weight matrix, maximising the total weight.
 * Returns, per row, the column it got or -1. Zero-weight cells may be assigned; callers drop them.
 */
function maxWeightAssignment(weights: number[][], rows: number, cols: number): number[] {
	const n = Math.max(rows, cols);
	if (n === 0) return [];
	let max = 0;
	for (const row of weights) for (const w of row) max = Math.max(max, w);
	// Square cost matrix (padding rows/columns weigh 0), minimising max - weight.
	const cost = (i: number, j: number) => max - (i < rows && j < cols ? (weights[i]?.[j] ?? 0) : 0);

	// 1-based potentials and column owners, as in the classic e-maxx formulation.
	const u = new Array<number>(n + 1).fill(0);
	const v = new Array<number>(n + 1).fill(0);
	const owner = new Array<number>(n + 1).fill(0);
	const way = new Array<number>(n + 1).fill(0);
	for (let i = 1; i <= n; i++) {
		owner[0] = i;
		let j0 = 0;
		const minv = new Array<number>(n + 1).fill(Infinity);
		const used = new Array<boolean>(n + 1).fill(false);
		do {
			used[j0] = true;
			const i0 = owner[j0] as number;
			let delta = Infinity;
			let j1 = 0;
			for (let j = 1; j <= n; j++) {
				if (used[j]) continue;
				const cur = cost(i0 - 1, j - 1) - (u[i0] as number) - (v[j] as number);
				if (cur < (minv[j] as number)) {
					minv[j] = cur;
					way[j] = j0;
				}
				if ((minv[j] as number) < delta) {
					delta = minv[j] as number;
					j1 = j;
				}
			}
			for (let j = 0; j <= n; j++) {
				if (used[j]) {
					u[owner[j] as number] = (u[owner[j] as number] as number) + delta;
					v[j] = (v[j] as number) - delta;
				} else {
					minv[j] = (minv[j] as number) - delta;
				}
			}
			j0 = j1;
		} while (owner[j0] !== 0);
		do {
			const j1 = way[j0] as number;
			owner[j0] = owner[j1] as number;
			j0 = j1;
		} while (j0 !== 0);
	}
	const result = new Array<number>(rows).fill(-1);
	for (let j = 1; j <= n; j++) {
		const i = (owner[j] as number) - 1;
		if (i >= 0 && i < rows && j - 1 < cols) result[i] = j - 1;
	}
	return result;
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), max);
}

/** The box moved and shrunk as little as needed to lie inside the image and be at least `minSize`. */
export function clampBox<B extends Box>(box: B, minSize = MIN_BOX_SIZE): B {
	const width = clamp(box.width, minSize, 100);
	const height = clamp(box.height, minSize, 100);
	return {
		...box,
		x: clamp(box.x, 0, 100 - width),
		y: clamp(box.y, 0, 100 - height),
		width,
		height
	};
}

/**
 * The box spanned by two drag corners, in any order, cut to the image. No minimum size is
 * applied: a drag that is too short to be a box (a tap) is for the caller to drop, see
 * `isTooSmall`.
 */
export function normalizeBox(a: Point, b: Point, label: string): Box {
	const x1 = clamp(Math.min(a.x, b.x), 0, 100);
	const x2 = clamp(Math.max(a.x, b.x), 0, 100);
	const y1 = clamp(Math.min(a.y, b.y), 0, 100);
	const y2 = clamp(Math.max(a.y, b.y), 0, 100);
	return { x: x1, y: y1, width: x2 - x1, height: y2 - y1, label };
}

/** True when a side of the box is below `minSize`, e.g. a drag that was really a tap. */
export function isTooSmall(box: Box, minSize = MIN_BOX_SIZE): boolean {
	return box.width < minSize || box.height < minSize;
}

/** The box dragged by (dx, dy) %, stopped at the image edges with its size kept. */
export function moveBox<B extends Box>(box: B, dx: number, dy: number): B {
	return {
		...box,
		x: clamp(box.x + dx, 0, 100 - box.width),
		y: clamp(box.y + dy, 0, 100 - box.height)
	};
}

/**
 * The box with the edges named by `handle` dragged by (dx, dy) %. An edge stops at the image
 * border and at `minSize` from the opposite edge, so a box cannot be turned inside out.
 */
export function resizeBox<B extends Box>(
	box: B,
	handle: ResizeHandle,
	dx: number,
	dy: number,
	minSize = MIN_BOX_SIZE
): B {
	const start = clampBox(box, minSize);
	let left = start.x;
	let top = start.y;
	let right = start.x + start.width;
	let bottom = start.y + start.height;
	if (handle.includes('w')) left = clamp(left + dx, 0, right - minSize);
	if (handle.includes('e')) right = clamp(right + dx, left + minSize, 100);
	if (handle.includes('n')) top = clamp(top + dy, 0, bottom - minSize);
	if (handle.includes('s')) bottom = clamp(bottom + dy, top + minSize, 100);
	return { ...start, x: left, y: top, width: right - left, height: bottom - top };
}
