import { describe, expect, it } from 'vitest';
import { EXERCISES } from '$lib/api/events';
import { ratingFor, SLOW_ANSWER_MS, SLOW_ANSWER_MS_BY_EXERCISE } from '$lib/srs/rating';

describe('ratingFor by exercise', () => {
	it('without an exercise: the four-option threshold, as before', () => {
		expect(ratingFor(true, SLOW_ANSWER_MS)).toBe(3);
		expect(ratingFor(true, SLOW_ANSWER_MS + 1)).toBe(2);
		expect(ratingFor(false, 100)).toBe(1);
	});

	it('typing gets 20 s and listening 12 s before a right answer counts as Hard', () => {
		expect(ratingFor(true, 15_000, 'typing')).toBe(3);
		expect(ratingFor(true, 20_000, 'typing')).toBe(3);
		expect(ratingFor(true, 20_001, 'typing')).toBe(2);
		expect(ratingFor(true, 11_000, 'listening')).toBe(3);
		expect(ratingFor(true, 12_001, 'listening')).toBe(2);
		for (const kind of ['meaning_choice', 'reverse_choice', 'matching'] as const) {
			expect(ratingFor(true, 10_000, kind)).toBe(3);
			expect(ratingFor(true, 10_001, kind)).toBe(2);
		}
	});

	it('wrong is Again and Easy never comes, for every exercise', () => {
		for (const exercise of EXERCISES) {
			expect(SLOW_ANSWER_MS_BY_EXERCISE[exercise]).toBeGreaterThan(0);
			for (let ms = 0; ms <= 60_000; ms += 2_500) {
				expect(ratingFor(false, ms, exercise)).toBe(1);
				expect(ratingFor(true, ms, exercise)).not.toBe(4);
				expect(ratingFor(true, ms, exercise)).not.toBe(1);
			}
		}
	});
});
