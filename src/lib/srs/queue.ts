/**
 * From the review log to what to review now: cards for every reviewed word, the due queue in
 * order, and how many reviews fall due each of the coming days.
 */
import { fsrs, State, type Card } from 'ts-fsrs';
import { cardFromReviews, type CardEvent, type StoredCard } from './cards';
import { daysBetween, localDay } from './streak';

const scheduler = fsrs();
const DAY_MS = 86_400_000;

/**
 * Retrievability: the probability, by the FSRS forgetting curve, that the learner still recalls
 * the word at `now` (0 … 1). A card never reviewed has 0.
 */
export function retrievability(card: Card, now: Date): number {
	return scheduler.get_retrievability(card, now, false);
}

/**
 * Every reviewed word's card, from the whole review log in any order: one pass groups the log
 * by word, then ts-fsrs folds each word's reviews in time order (cardFromReviews). Scheduling
 * stays ts-fsrs' own; the phone keeps cards up to date one word at a time, so a full rebuild
 * happens only when a device restores (see bench/due-queue.bench.ts for its cost).
 */
export function buildCards(reviewEvents: Iterable<CardEvent>): Map<string, StoredCard> {
	const groups = new Map<string, CardEvent[]>();
	for (const event of reviewEvents) {
		const group = groups.get(event.payload.wordId);
		if (group) group.push(event);
		else groups.set(event.payload.wordId, [event]);
	}
	const cards = new Map<string, StoredCard>();
	for (const [wordId, group] of groups) {
		const card = cardFromReviews(wordId, group);
		if (card) cards.set(wordId, card);
	}
	return cards;
}

/**
 * The cards to review now, most overdue first: every card that has been reviewed (not New) and
 * is due at or before `now`, by due time ascending; cards due at the same moment go by lower
 * retrievability first (the one most likely forgotten), then by word id so the order is total.
 * At most `limit` cards.
 */
export function dueQueue(
	cards: Iterable<StoredCard>,
	now: Date,
	limit = Number.POSITIVE_INFINITY
): StoredCard[] {
	const nowMs = now.getTime();
	const due: { card: StoredCard; at: number; r: number }[] = [];
	for (const card of cards) {
		if (card.state === State.New) continue;
		const at = card.due.getTime();
		if (at <= nowMs) due.push({ card, at, r: NaN });
	}
	due.sort((a, b) => {
		if (a.at !== b.at) return a.at - b.at;
		if (Number.isNaN(a.r)) a.r = retrievability(a.card, now);
		if (Number.isNaN(b.r)) b.r = retrievability(b.card, now);
		if (a.r !== b.r) return a.r - b.r;
		return a.card.wordId < b.card.wordId ? -1 : a.card.wordId > b.card.wordId ? 1 : 0;
	});
	const out: StoredCard[] = [];
	for (let i = 0; i < due.length && i < limit; i++) out.push((due[i] as (typeof due)[0]).card);
	return out;
}

/**
 * How many reviewed cards fall due on each of the next `days` local days: index 0 is today and
 * includes everything already overdue, index 1 tomorrow, and so on. Days are calendar days in
 * `timeZone` (the runtime's own when not given), so "tomorrow" starts at local midnight.
 */
export function forecast(
	cards: Iterable<StoredCard>,
	now: Date,
	days = 7,
	timeZone?: string
): number[] {
	const counts = new Array<number>(days).fill(0);
	if (days <= 0) return counts;
	const nowMs = now.getTime();
	const today = localDay(now, timeZone);
	// No local day is longer than 25 hours: anything later than this is past the window.
	const horizon = nowMs + (days + 1) * DAY_MS;
	for (const card of cards) {
		if (card.state === State.New) continue;
		const at = card.due.getTime();
		if (at > horizon) continue;
		const day = at <= nowMs ? 0 : daysBetween(today, localDay(card.due, timeZone));
		if (day < days) counts[day] = (counts[day] ?? 0) + 1;
	}
	return counts;
}
