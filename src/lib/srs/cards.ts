/** A word's review card, derived from its review events with ts-fsrs (FSRS-6). */
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import type { EventOf } from '$lib/api/events';

export type StoredCard = Card & { wordId: string };
type Review = Pick<EventOf<'review'>, 'id' | 'createdAt' | 'payload'>;

const scheduler = fsrs();

function byTime(a: Review, b: Review): number {
	return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

/**
 * Folds a word's reviews, oldest first, into its card. The same log gives the same card on
 * every device, whatever order the events arrived in.
 */
export function cardFromReviews(wordId: string, reviews: readonly Review[]): StoredCard {
	const sorted = [...reviews].sort(byTime);
	let card: Card = createEmptyCard(new Date(sorted[0]?.createdAt ?? Date.now()));
	for (const review of sorted) {
		const at = new Date(review.createdAt);
		card = scheduler.next(card, at, review.payload.rating as Grade).card;
	}
	return { ...card, wordId };
}
