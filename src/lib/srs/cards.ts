/** A word's review card, derived from its review events with ts-fsrs (FSRS-6). */
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import type { EventOf } from '$lib/api/events';

export type StoredCard = Card & {
	wordId: string;
	/** When the word's first (not undone) review happened: the day it was learned. */
	introducedAt: string;
};
type Review = Pick<EventOf<'review'>, 'id' | 'type' | 'createdAt' | 'payload'>;
type Undo = Pick<EventOf<'undo'>, 'id' | 'type' | 'createdAt' | 'payload'>;
/** The events that shape a card: its reviews, and undos that take reviews back. */
export type CardEvent = Review | Undo;

const scheduler = fsrs();

function byTime(a: Review, b: Review): number {
	return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

/**
 * Folds a word's reviews, oldest first, into its card, leaving out undone reviews. The same log
 * gives the same card on every device, whatever order the events arrived in. Null when no
 * review is left (the only one was undone): the word is new again.
 */
export function cardFromReviews(wordId: string, events: readonly CardEvent[]): StoredCard | null {
	const undone = new Set<string>();
	for (const event of events) if (event.type === 'undo') undone.add(event.payload.eventId);
	const reviews = events
		.filter((event): event is Review => event.type === 'review' && !undone.has(event.id))
		.sort(byTime);
	const first = reviews[0];
	if (!first) return null;
	let card: Card = createEmptyCard(new Date(first.createdAt));
	for (const review of reviews) {
		const at = new Date(review.createdAt);
		card = scheduler.next(card, at, review.payload.rating as Grade).card;
	}
	return { ...card, wordId, introducedAt: first.createdAt };
}
