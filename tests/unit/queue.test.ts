import { describe, expect, it } from 'vitest';
import { createEmptyCard, State } from 'ts-fsrs';
import type { EventOf } from '$lib/api/events';
import { random, shuffle } from '$lib/lessons/random';
import { cardFromReviews, type StoredCard } from '$lib/srs/cards';
import { buildCards, dueQueue, forecast, retrievability } from '$lib/srs/queue';
import { reviewEvent, undoEvent } from '../factories';

const DAY = 86_400_000;
const MINUTE = 60_000;
const T0 = Date.parse('2025-01-06T08:00:00.000Z');

function review(wordId: string, at: number, rating: number, id?: string): EventOf<'review'> {
	return reviewEvent({
		createdAt: new Date(at).toISOString(),
		...(id ? { id } : {}),
		payload: { wordId, rating, correct: rating > 1 }
	});
}

/** A learner's log: words reviewed at random gaps, from seconds to two months, any rating. */
function randomLog(seed: number, words: number): EventOf<'review'>[] {
	const next = random(seed);
	const log: EventOf<'review'>[] = [];
	for (let w = 0; w < words; w++) {
		let at = T0 + Math.floor(next() * 30 * DAY);
		const count = 1 + Math.floor(next() * 30);
		for (let i = 0; i < count; i++) {
			const roll = next();
			const rating = roll < 0.15 ? 1 : roll < 0.3 ? 2 : roll < 0.9 ? 3 : 4;
			log.push(review(`word-${w}`, at, rating));
			const gap = next();
			at +=
				gap < 0.1
					? 0 // the same millisecond: order falls back to the event id
					: gap < 0.4
						? Math.floor(next() * 20 * MINUTE)
						: gap < 0.6
							? Math.floor(next() * 30 * 60 * MINUTE)
							: Math.floor(next() * 60 * DAY);
		}
	}
	return log;
}

function byWord(log: EventOf<'review'>[]): Map<string, EventOf<'review'>[]> {
	const groups = new Map<string, EventOf<'review'>[]>();
	for (const event of log) {
		const list = groups.get(event.payload.wordId) ?? [];
		list.push(event);
		groups.set(event.payload.wordId, list);
	}
	return groups;
}

function stored(overrides: Partial<StoredCard> & { wordId: string }): StoredCard {
	return {
		...createEmptyCard(new Date(T0)),
		state: State.Review,
		stability: 10,
		difficulty: 5,
		reps: 3,
		last_review: new Date(T0 - 10 * DAY),
		introducedAt: new Date(T0 - 30 * DAY).toISOString(),
		...overrides
	};
}

const undo = (target: EventOf<'review'>, at: number) =>
	undoEvent(target, { createdAt: new Date(at).toISOString() });

describe('undo', () => {
	it('leaves the undone review out, as if it had never been given', () => {
		const first = review('w', T0, 3);
		const slip = review('w', T0 + 2 * DAY, 1);
		const withUndo = cardFromReviews('w', [first, slip, undo(slip, T0 + 2 * DAY + 5_000)]);
		expect(withUndo).toEqual(cardFromReviews('w', [first]));
		expect(withUndo).not.toEqual(cardFromReviews('w', [first, slip]));
	});

	it('makes a word new again when its only review is undone', () => {
		const only = review('w', T0, 3);
		expect(cardFromReviews('w', [only, undo(only, T0 + 1_000)])).toBeNull();
		expect(buildCards([only, undo(only, T0 + 1_000)]).has('w')).toBe(false);
	});

	it('dates a card by its first review that stands', () => {
		const a = review('w', T0, 1);
		const b = review('w', T0 + DAY, 3);
		expect(cardFromReviews('w', [b, a])?.introducedAt).toBe(new Date(T0).toISOString());
		expect(cardFromReviews('w', [b, a, undo(a, T0 + DAY)])?.introducedAt).toBe(
			new Date(T0 + DAY).toISOString()
		);
	});
});

describe('buildCards', () => {
	it('gives exactly the card cardFromReviews gives, for every word of random logs', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const log = randomLog(seed, 200);
			const cards = buildCards(shuffle(log, random(seed + 100)));
			const groups = byWord(log);
			expect(cards.size).toBe(groups.size);
			for (const [wordId, reviews] of groups) {
				expect(cards.get(wordId), `${wordId} (seed ${seed})`).toEqual(
					cardFromReviews(wordId, reviews)
				);
			}
		}
	});

	it('covers every state and rating path in those logs', () => {
		const cards = [...buildCards(randomLog(1, 200)).values()];
		const states = new Set(cards.map((c) => c.state));
		expect(states).toEqual(new Set([State.Learning, State.Review, State.Relearning]));
		expect(cards.some((c) => c.lapses > 0)).toBe(true);
	});

	it('the same cards whatever order the log comes in, and leaves the log alone', () => {
		const log = randomLog(9, 50);
		const copy = [...log];
		const inOrder = buildCards([...log].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)));
		const reversed = buildCards([...log].reverse());
		expect(reversed).toEqual(inOrder);
		expect(buildCards(log)).toEqual(inOrder);
		expect(log).toEqual(copy);
	});

	it('timestamps in other ISO forms are ordered as cardFromReviews orders them', () => {
		// Valid event timestamps, but not the form toISOString writes: no milliseconds, an offset.
		// (cardFromReviews orders by the string, so forms that name another time zone would put
		// reviews out of time order; the server hands every event out in toISOString form.)
		const forms = [
			(ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			(ms: number) => new Date(ms).toISOString().replace('Z', '+00:00'),
			(ms: number) => new Date(ms).toISOString()
		];
		const log = randomLog(21, 40).map((event, i) => ({
			...event,
			createdAt: forms[i % 3]!(Date.parse(event.createdAt))
		}));
		const cards = buildCards(shuffle(log, random(5)));
		for (const [wordId, reviews] of byWord(log)) {
			expect(cards.get(wordId), wordId).toEqual(cardFromReviews(wordId, reviews));
		}
	});

	it('equal timestamps are folded in id order', () => {
		const at = T0;
		const again = review('w', at, 1, '00000000-0000-4000-8000-000000000001');
		const easy = review('w', at, 4, '00000000-0000-4000-8000-000000000002');
		const a = buildCards([easy, again]).get('w');
		const b = buildCards([again, easy]).get('w');
		expect(a).toEqual(b);
		expect(a).toEqual(cardFromReviews('w', [again, easy]));
	});

	it('a first review follows the learning steps (1 min, 10 min) or graduates on Easy', () => {
		const cards = buildCards([
			review('again', T0, 1),
			review('hard', T0, 2),
			review('good', T0, 3),
			review('easy', T0, 4)
		]);
		const due = (id: string) => cards.get(id)!.due.getTime() - T0;
		expect(cards.get('again')).toMatchObject({ state: State.Learning, reps: 1, lapses: 0 });
		expect(due('again')).toBe(1 * MINUTE);
		// Hard: halfway between the two steps, (1 + 10) / 2 rounded.
		expect(due('hard')).toBe(6 * MINUTE);
		expect(cards.get('good')).toMatchObject({ state: State.Learning, learning_steps: 1 });
		expect(due('good')).toBe(10 * MINUTE);
		// Easy graduates at once; at 90 % retention the interval is the stability, w[3] ≈ 8.3 days.
		expect(cards.get('easy')).toMatchObject({ state: State.Review, scheduled_days: 8 });
		expect(due('easy')).toBe(8 * DAY);
		expect(cards.get('good')!.last_review).toEqual(new Date(T0));
	});

	it('a lapse after graduating counts and goes to relearning', () => {
		const card = buildCards([
			review('w', T0, 3),
			review('w', T0 + 10 * MINUTE, 3),
			review('w', T0 + 5 * DAY, 1)
		]).get('w')!;
		expect(card).toMatchObject({ state: State.Relearning, lapses: 1, reps: 3 });
		expect(card.due.getTime()).toBe(T0 + 5 * DAY + 10 * MINUTE);
	});

	it('an empty log gives no cards', () => {
		expect(buildCards([]).size).toBe(0);
	});
});

describe('retrievability', () => {
	it('is 90 % when the time since the last review equals the stability', () => {
		const now = new Date(T0);
		const card = stored({ wordId: 'w', stability: 10, last_review: new Date(T0 - 10 * DAY) });
		expect(retrievability(card, now)).toBeCloseTo(0.9, 3);
		expect(retrievability({ ...card, last_review: new Date(T0 - DAY) }, now)).toBeGreaterThan(0.9);
		expect(retrievability({ ...card, stability: 2 }, now)).toBeLessThan(0.9);
		expect(retrievability(createEmptyCard(now), now)).toBe(0);
	});
});

describe('dueQueue', () => {
	const now = new Date(T0);

	it('only reviewed cards due now, most overdue first', () => {
		const cards = [
			stored({ wordId: 'later', due: new Date(T0 + MINUTE) }),
			stored({ wordId: 'yesterday', due: new Date(T0 - DAY) }),
			stored({ wordId: 'now', due: new Date(T0) }),
			stored({ wordId: 'last-week', due: new Date(T0 - 7 * DAY) }),
			{ ...createEmptyCard(new Date(T0 - DAY)), wordId: 'never-reviewed', introducedAt: '' }
		];
		expect(dueQueue(cards, now).map((c) => c.wordId)).toEqual(['last-week', 'yesterday', 'now']);
		expect(dueQueue(cards, now, 2).map((c) => c.wordId)).toEqual(['last-week', 'yesterday']);
		expect(dueQueue(cards, now, 0)).toEqual([]);
	});

	it('cards due at the same moment: the one more likely forgotten first', () => {
		const due = new Date(T0 - DAY);
		const cards = [
			stored({ wordId: 'strong', due, stability: 30, last_review: new Date(T0 - 20 * DAY) }),
			stored({ wordId: 'weak', due, stability: 3, last_review: new Date(T0 - 20 * DAY) }),
			stored({ wordId: 'mid', due, stability: 10, last_review: new Date(T0 - 20 * DAY) })
		];
		const r = (id: string) =>
			retrievability(
				cards.find((c) => c.wordId === id)!,
				now
			);
		expect(r('weak')).toBeLessThan(r('mid'));
		expect(r('mid')).toBeLessThan(r('strong'));
		expect(dueQueue(cards, now).map((c) => c.wordId)).toEqual(['weak', 'mid', 'strong']);
		// Equal in every way: by word id, so every device shows the same order.
		const twins = [stored({ wordId: 'b', due }), stored({ wordId: 'a', due })];
		expect(dueQueue(twins, now).map((c) => c.wordId)).toEqual(['a', 'b']);
	});

	it('takes any iterable, such as the values of buildCards', () => {
		const cards = buildCards([review('x', T0 - 3 * DAY, 1), review('y', T0 - 2 * DAY, 1)]);
		expect(dueQueue(cards.values(), now).map((c) => c.wordId)).toEqual(['x', 'y']);
	});
});

describe('forecast', () => {
	// Wednesday 2025-03-05, 12:00 in Seoul (UTC+9, no daylight saving).
	const now = new Date('2025-03-05T03:00:00Z');
	const at = (iso: string, wordId: string) => stored({ wordId, due: new Date(iso) });

	it('counts due cards per local day, overdue ones today', () => {
		const cards = [
			at('2025-02-20T00:00:00Z', 'long-overdue'),
			at('2025-03-05T02:00:00Z', 'an-hour-ago'),
			at('2025-03-05T14:59:00Z', 'today-23:59-seoul'),
			at('2025-03-05T15:00:00Z', 'tomorrow-00:00-seoul'),
			at('2025-03-06T15:30:00Z', 'day-2'),
			at('2025-03-11T14:59:00Z', 'day-6-23:59'),
			at('2025-03-11T15:00:00Z', 'day-7-too-far'),
			at('2025-06-01T00:00:00Z', 'months-away'),
			{ ...createEmptyCard(new Date('2025-03-01T00:00:00Z')), wordId: 'new', introducedAt: '' }
		];
		expect(forecast(cards, now, 7, 'Asia/Seoul')).toEqual([3, 1, 1, 0, 0, 0, 1]);
		// In UTC the day turns 9 hours later: 14:59Z and 15:00Z are both still 5 March,
		// 6 March 15:30Z is tomorrow, and both 11 March cards are day 6.
		expect(forecast(cards, now, 7, 'UTC')).toEqual([4, 1, 0, 0, 0, 0, 2]);
		expect(forecast(cards, now, 2, 'Asia/Seoul')).toEqual([3, 1]);
		expect(forecast([], now, 7, 'Asia/Seoul')).toEqual([0, 0, 0, 0, 0, 0, 0]);
	});
});
