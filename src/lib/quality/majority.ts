/**
 * Majority vote over classification answers, and the answer grouping every aggregator in
 * `quality` shares.
 */

/** One learner's label for one classification task. */
export interface LabelAnswer {
	taskId: string;
	annotatorId: string;
	label: string;
}

/**
 * Answers grouped by task, tasks in first-seen order. An annotator who answered a task more
 * than once counts once, with the later answer: a resubmission corrects the earlier one, and
 * counting both would let one learner outvote the others.
 */
export function groupByTask<A extends { taskId: string; annotatorId: string }>(
	answers: Iterable<A>
): Map<string, A[]> {
	const byTask = new Map<string, Map<string, A>>();
	for (const answer of answers) {
		let byAnnotator = byTask.get(answer.taskId);
		if (!byAnnotator) byTask.set(answer.taskId, (byAnnotator = new Map()));
		byAnnotator.set(answer.annotatorId, answer);
	}
	const grouped = new Map<string, A[]>();
	for (const [taskId, byAnnotator] of byTask) grouped.set(taskId, [...byAnnotator.values()]);
	return grouped;
}

/** Code-unit order: unlike localeCompare it is the same on every device and server. */
export function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export interface MajorityOptions {
	/** Known accuracy per annotator (e.g. from gold), used only to break ties. */
	accuracy?: ReadonlyMap<string, number>;
}

export interface MajorityResult {
	label: string;
	/** Annotators who chose `label`. */
	votes: number;
	/** Annotators who answered the task. */
	total: number;
	/** votes / total: the share of annotators behind the chosen label. */
	agreement: number;
	/** Another label had as many votes, so the tie-break chose. */
	tied: boolean;
	/** Votes per label. */
	counts: Record<string, number>;
}

/**
 * The most voted label of every task. Ties go to the label whose voters have the highest
 * summed `accuracy` (an annotator missing from the map adds 0: unknown reliability earns no
 * say), then to the label first in code-unit order, so the result never depends on the order
 * the answers arrived in.
 */
export function majorityVote(
	answers: Iterable<LabelAnswer>,
	options: MajorityOptions = {}
): Map<string, MajorityResult> {
	const results = new Map<string, MajorityResult>();
	for (const [taskId, taskAnswers] of groupByTask(answers)) {
		const counts = new Map<string, number>();
		const weights = new Map<string, number>();
		for (const { annotatorId, label } of taskAnswers) {
			counts.set(label, (counts.get(label) ?? 0) + 1);
			const weight = options.accuracy?.get(annotatorId) ?? 0;
			weights.set(label, (weights.get(label) ?? 0) + weight);
		}
		const ranked = [...counts.keys()].sort(
			(a, b) =>
				counts.get(b)! - counts.get(a)! || weights.get(b)! - weights.get(a)! || compareStrings(a, b)
		);
		const label = ranked[0]!;
		const votes = counts.get(label)!;
		results.set(taskId, {
			label,
			votes,
			total: taskAnswers.length,
			agreement: votes / taskAnswers.length,
			tied: ranked.length > 1 && counts.get(ranked[1]!) === votes,
			counts: Object.fromEntries(counts)
		});
	}
	return results;
}
