/**
 * Per-annotator accuracy on gold items: the qualification score and the hidden-gold check of
 * work batches. Answers to tasks without gold are ignored.
 */
import { groupByTask, type LabelAnswer } from './majority';

export interface AnnotatorScore {
	annotatorId: string;
	/** Sum of the scores: a count of right answers when scoring is right/wrong. */
	correct: number;
	/** Gold items answered. */
	total: number;
	/** correct / total. */
	accuracy: number;
}

/**
 * Scores answers of any task type against gold: `score` returns a boolean, or a number from 0
 * to 1 for partial credit (box matching, span F1). A gold item answered twice by the same
 * annotator counts once, with the later answer, so repeating an item cannot inflate a score.
 * Annotators with no gold answer are absent rather than at 0/0.
 */
export function scoreAgainstGold<A extends { taskId: string; annotatorId: string }, G>(
	answers: Iterable<A>,
	gold: ReadonlyMap<string, G>,
	score: (answer: A, gold: G) => number | boolean
): Map<string, AnnotatorScore> {
	const scores = new Map<string, AnnotatorScore>();
	for (const [taskId, taskAnswers] of groupByTask(answers)) {
		if (!gold.has(taskId)) continue;
		const expected = gold.get(taskId) as G;
		for (const answer of taskAnswers) {
			const value = Number(score(answer, expected));
			if (!(value >= 0 && value <= 1)) {
				throw new RangeError(`A gold score must be between 0 and 1, got ${value} on ${taskId}`);
			}
			const entry = scores.get(answer.annotatorId) ?? {
				annotatorId: answer.annotatorId,
				correct: 0,
				total: 0,
				accuracy: 0
			};
			entry.correct += value;
			entry.total++;
			entry.accuracy = entry.correct / entry.total;
			scores.set(answer.annotatorId, entry);
		}
	}
	return scores;
}

/** Classification accuracy against gold labels: right answers / gold items answered. */
export function accuracyFromGold(
	answers: Iterable<LabelAnswer>,
	gold: ReadonlyMap<string, string>
): Map<string, AnnotatorScore> {
	return scoreAgainstGold(answers, gold, (answer, label) => answer.label === label);
}
