/**
 * One-coin Dawid-Skene: each annotator j has one accuracy p_j; when wrong, they pick any of
 * the other K-1 labels with equal chance. EM alternates between the true-label posterior of
 * every task (E-step) and the accuracies and class priors (M-step), so an annotator who agrees
 * with the consensus elsewhere earns more weight on the tasks where the crowd splits.
 *
 * One coin rather than a full confusion matrix per annotator: a learner answers a few dozen
 * tasks, far too few to estimate K×K entries, but enough for one number.
 */
import { compareStrings, groupByTask, type LabelAnswer } from './majority';

export interface DawidSkeneOptions {
	/**
	 * Every label of the task type. Labels nobody chose still count in K, which sets how much
	 * a wrong answer is spread thin. The labels seen in the answers are always added.
	 */
	labels?: readonly string[];
	/** Stop when no posterior or accuracy moves more than this between iterations. */
	tolerance?: number;
	maxIterations?: number;
	/**
	 * Beta pseudo-counts added to each annotator's correct and wrong answers. They keep p_j off
	 * 0 and 1 (where the log-likelihood breaks) and pull annotators with one or two answers
	 * towards a mildly competent 2/3 instead of a certain 0 or 1.
	 */
	accuracyPrior?: { correct: number; wrong: number };
	/** Dirichlet pseudo-count per label for the class priors, so no class becomes impossible. */
	classPrior?: number;
}

export interface DawidSkeneTask {
	/** The label with the highest posterior; exact ties go to the first in code-unit order. */
	label: string;
	/** Posterior probability of each label; sums to 1. */
	posterior: Record<string, number>;
}

export interface DawidSkeneResult {
	/** The label set, in code-unit order. */
	labels: string[];
	tasks: Map<string, DawidSkeneTask>;
	/** Estimated accuracy p_j of each annotator, strictly between 0 and 1. */
	accuracy: Map<string, number>;
	/** Estimated share of each label among the tasks. */
	priors: Record<string, number>;
	iterations: number;
	converged: boolean;
}

// Even with zero pseudo-counts a log of 0 must never happen.
const EPSILON = 1e-9;

const clamp = (p: number) => Math.min(1 - EPSILON, Math.max(EPSILON, p));

/**
 * Aggregates classification answers with one-coin Dawid-Skene, started from the majority
 * vote's shares. Defaults: tolerance 1e-6, 100 iterations, accuracy prior 2 correct / 1 wrong,
 * class prior 1.
 */
export function dawidSkene(
	answers: Iterable<LabelAnswer>,
	options: DawidSkeneOptions = {}
): DawidSkeneResult {
	const {
		tolerance = 1e-6,
		maxIterations = 100,
		accuracyPrior = { correct: 2, wrong: 1 },
		classPrior = 1
	} = options;
	const grouped = groupByTask(answers);

	const labelSet = new Set(options.labels);
	for (const taskAnswers of grouped.values()) for (const a of taskAnswers) labelSet.add(a.label);
	const labels = [...labelSet].sort(compareStrings);
	const labelIndex = new Map(labels.map((label, k) => [label, k]));
	const K = labels.length;

	const annotatorIds: string[] = [];
	const annotatorIndex = new Map<string, number>();
	const taskIds = [...grouped.keys()];
	const votes = taskIds.map((taskId) =>
		grouped.get(taskId)!.map(({ annotatorId, label }) => {
			let j = annotatorIndex.get(annotatorId);
			if (j === undefined) {
				j = annotatorIds.push(annotatorId) - 1;
				annotatorIndex.set(annotatorId, j);
			}
			return { annotator: j, label: labelIndex.get(label)! };
		})
	);

	// Start from the majority vote's shares: soft, so a split task starts undecided.
	let posterior = votes.map((taskVotes) => {
		const row = new Array<number>(K).fill(0);
		for (const v of taskVotes) row[v.label]! += 1 / taskVotes.length;
		return row;
	});
	let accuracy = new Array<number>(annotatorIds.length).fill(0);
	let priors = new Array<number>(K).fill(1 / K);

	const mStep = () => {
		const classMass = new Array<number>(K).fill(classPrior);
		for (const row of posterior) row.forEach((t, k) => (classMass[k]! += t));
		const massTotal = classMass.reduce((sum, m) => sum + m, 0);
		const nextPriors = classMass.map((m) => clamp(m / massTotal));

		const correct = new Array<number>(annotatorIds.length).fill(accuracyPrior.correct);
		const seen = new Array<number>(annotatorIds.length).fill(
			accuracyPrior.correct + accuracyPrior.wrong
		);
		votes.forEach((taskVotes, i) => {
			for (const v of taskVotes) {
				correct[v.annotator]! += posterior[i]![v.label]!;
				seen[v.annotator]! += 1;
			}
		});
		return { priors: nextPriors, accuracy: correct.map((c, j) => clamp(c / seen[j]!)) };
	};

	const eStep = () =>
		votes.map((taskVotes) => {
			const logs = priors.map((prior, k) => {
				let log = Math.log(prior);
				for (const v of taskVotes) {
					const p = accuracy[v.annotator]!;
					// With K = 1 every vote matches k, so the K-1 division is never reached.
					log += v.label === k ? Math.log(p) : Math.log((1 - p) / (K - 1));
				}
				return log;
			});
			const max = Math.max(...logs);
			const weights = logs.map((log) => Math.exp(log - max));
			const sum = weights.reduce((total, w) => total + w, 0);
			return weights.map((w) => w / sum);
		});

	let iterations = 0;
	let converged = taskIds.length === 0;
	while (!converged && iterations < maxIterations) {
		iterations++;
		const next = mStep();
		let change = 0;
		next.accuracy.forEach((p, j) => (change = Math.max(change, Math.abs(p - accuracy[j]!))));
		({ priors, accuracy } = next);
		const nextPosterior = eStep();
		nextPosterior.forEach((row, i) =>
			row.forEach((t, k) => (change = Math.max(change, Math.abs(t - posterior[i]![k]!))))
		);
		posterior = nextPosterior;
		converged = change < tolerance;
	}
	// One last M-step so the accuracies and priors returned are those of the posteriors returned.
	if (taskIds.length > 0) ({ priors, accuracy } = mStep());

	const tasks = new Map<string, DawidSkeneTask>();
	taskIds.forEach((taskId, i) => {
		const row = posterior[i]!;
		let best = 0;
		for (let k = 1; k < K; k++) if (row[k]! > row[best]!) best = k;
		tasks.set(taskId, {
			label: labels[best]!,
			posterior: Object.fromEntries(labels.map((label, k) => [label, row[k]!]))
		});
	});
	return {
		labels,
		tasks,
		accuracy: new Map(annotatorIds.map((id, j) => [id, accuracy[j]!])),
		priors: Object.fromEntries(labels.map((label, k) => [label, priors[k] ?? 1 / K])),
		iterations,
		converged
	};
}
