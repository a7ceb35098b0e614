/**
 * How an answer becomes an FSRS rating:
 *
 * - Wrong → Again (1), however fast: the card goes back to (re)learning.
 * - Right → Good (3), or Hard (2) when the answer took longer than the exercise's slow
 *   threshold: the learner clearly had to dig for it, so the next interval grows less.
 * - Easy (4) never comes from an answer. Speed alone must not push a card far away (a quick
 *   lucky tap on a four-option question looks the same as real recall); Easy is left to the
 *   learner's own "too easy" button (none yet).
 *
 * The thresholds differ because the exercises take different time for the same recall:
 * choosing among four options (either direction) or one pair in a matching step: 10 s;
 * listening: 12 s (the audio plays first); typing the Hangul on a phone keyboard: 20 s.
 *
 * `durationMs` runs from when the question was shown to the answer; in a matching step, from
 * the previous pair (or the step's start) to this pair.
 */
import type { EXERCISES } from '$lib/api/events';

export type Exercise = (typeof EXERCISES)[number];
export type Rating = 1 | 2 | 3 | 4;

/** The slow threshold of the four-option questions, and of any exercise not listed below. */
export const SLOW_ANSWER_MS = 10_000;

export const SLOW_ANSWER_MS_BY_EXERCISE: Readonly<Record<Exercise, number>> = {
	intro: SLOW_ANSWER_MS,
	meaning_choice: SLOW_ANSWER_MS,
	reverse_choice: SLOW_ANSWER_MS,
	matching: SLOW_ANSWER_MS,
	listening: 12_000,
	typing: 20_000
};

export function ratingFor(correct: boolean, durationMs: number, exercise?: Exercise): Rating {
	if (!correct) return 1;
	const slow = exercise ? SLOW_ANSWER_MS_BY_EXERCISE[exercise] : SLOW_ANSWER_MS;
	return durationMs > slow ? 2 : 3;
}
