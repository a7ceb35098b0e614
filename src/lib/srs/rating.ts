/**
 * How an answer becomes an FSRS rating. A wrong answer is Again; a right answer is Good, or Hard
 * when it took long enough that the learner clearly had to dig for it. Easy is left to the
 * learner's own "too easy" button (none yet), so speed alone never pushes a card far away.
 */
export const SLOW_ANSWER_MS = 10_000;

export type Rating = 1 | 2 | 3 | 4;

export function ratingFor(correct: boolean, durationMs: number): Rating {
	if (!correct) return 1;
	return durationMs > SLOW_ANSWER_MS ? 2 : 3;
}
