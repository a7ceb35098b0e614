/**
 * Bounding boxes from several annotators of one image merged into consensus boxes: boxes of
 * the same label that overlap the cluster's mean box enough are taken as the same object.
 * Coordinates are percent of the image (0…100), so IoU is the same at any image size.
 */
import { iou, type Rect } from '$lib/labeling/boxes';
import { compareStrings, groupByTask } from './majority';

export { iou };
export type Box = Rect;

export interface LabeledBox extends Box {
	label: string;
}

/** One learner's boxes for one image; an empty list says "nothing to box here". */
export interface BoxAnswer {
	taskId: string;
	annotatorId: string;
	boxes: readonly LabeledBox[];
}

export interface BoxClusterOptions {
	/** Least IoU with a cluster's mean box to join it; 0 < threshold ≤ 1, default 0.5. */
	threshold?: number;
	/**
	 * Least number of annotators behind a kept cluster, or a function of how many answered.
	 * Default ceil(n / 2).
	 */
	minSupport?: number | ((annotators: number) => number);
}

export interface BoxCluster {
	label: string;
	/** The mean of the members' boxes. */
	box: Box;
	/** Annotators with a box in the cluster (at most one box each). */
	support: number;
	members: { annotatorId: string; box: LabeledBox }[];
}

export interface BoxClustering {
	taskId: string;
	/** Annotators who answered, including those who drew no box. */
	annotators: number;
	minSupport: number;
	/** Clusters with enough support, by label then position (x, then y). */
	clusters: BoxCluster[];
	/** Clusters with too little support: outliers, duplicates, objects most did not see. */
	rejected: BoxCluster[];
}

function meanBox(boxes: readonly Box[]): Box {
	const mean = (pick: (box: Box) => number) =>
		boxes.reduce((sum, box) => sum + pick(box), 0) / boxes.length;
	return {
		x: mean((b) => b.x),
		y: mean((b) => b.y),
		width: mean((b) => b.width),
		height: mean((b) => b.height)
	};
}

function byLabelThenPosition(a: BoxCluster, b: BoxCluster): number {
	return compareStrings(a.label, b.label) || a.box.x - b.box.x || a.box.y - b.box.y;
}

/**
 * Clusters the boxes of one task. Annotators are taken one at a time in id order; each one's
 * boxes are matched to the existing clusters of their label greedily by highest IoU with the
 * cluster's mean box (at least `threshold`), one box per cluster, and the unmatched boxes
 * start new clusters. Matching an annotator's boxes together is what keeps a learner who drew
 * one object twice from filling a cluster alone; taking annotators in id order makes the
 * result independent of the order the answers arrived in.
 */
export function clusterBoxes(
	answers: readonly BoxAnswer[],
	options: BoxClusterOptions = {}
): BoxClustering {
	const { threshold = 0.5, minSupport = (n: number) => Math.ceil(n / 2) } = options;
	if (!(threshold > 0 && threshold <= 1)) {
		throw new RangeError(`IoU threshold must be in (0, 1], got ${threshold}`);
	}
	const grouped = groupByTask(answers);
	if (grouped.size > 1) {
		throw new Error(`clusterBoxes takes one task, got ${[...grouped.keys()].join(', ')}`);
	}
	const [taskId = '', taskAnswers = []] = [...grouped][0] ?? [];
	taskAnswers.sort((a, b) => compareStrings(a.annotatorId, b.annotatorId));

	const clusters: BoxCluster[] = [];
	for (const { annotatorId, boxes } of taskAnswers) {
		const candidates: { box: number; cluster: number; overlap: number }[] = [];
		boxes.forEach((box, b) =>
			clusters.forEach((cluster, c) => {
				if (cluster.label !== box.label) return;
				const overlap = iou(box, cluster.box);
				if (overlap >= threshold) candidates.push({ box: b, cluster: c, overlap });
			})
		);
		candidates.sort((p, q) => q.overlap - p.overlap || p.box - q.box || p.cluster - q.cluster);

		const matchedBoxes = new Set<number>();
		const touched = new Set<number>();
		for (const { box, cluster } of candidates) {
			if (matchedBoxes.has(box) || touched.has(cluster)) continue;
			matchedBoxes.add(box);
			touched.add(cluster);
			clusters[cluster]!.members.push({ annotatorId, box: boxes[box]! });
		}
		// Means move only after the whole answer is matched, so each of its boxes was compared
		// with the same clusters.
		for (const c of touched) {
			const cluster = clusters[c]!;
			cluster.box = meanBox(cluster.members.map((m) => m.box));
			cluster.support = cluster.members.length;
		}
		boxes.forEach((box, b) => {
			if (matchedBoxes.has(b)) return;
			const { label, x, y, width, height } = box;
			clusters.push({
				label,
				box: { x, y, width, height },
				support: 1,
				members: [{ annotatorId, box }]
			});
		});
	}

	const annotators = taskAnswers.length;
	const least = typeof minSupport === 'function' ? minSupport(annotators) : minSupport;
	clusters.sort(byLabelThenPosition);
	return {
		taskId,
		annotators,
		minSupport: least,
		clusters: clusters.filter((c) => c.support >= least),
		rejected: clusters.filter((c) => c.support < least)
	};
}

/** `clusterBoxes` for every task in `answers`, in first-seen task order. */
export function clusterBoxesByTask(
	answers: readonly BoxAnswer[],
	options: BoxClusterOptions = {}
): Map<string, BoxClustering> {
	const results = new Map<string, BoxClustering>();
	for (const [taskId, taskAnswers] of groupByTask(answers)) {
		results.set(taskId, clusterBoxes(taskAnswers, options));
	}
	return results;
}
