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
type Schedule = Pick<EventOf<'schedule'>, 'id' | 'type' | 'createdAt' | 'payload'>;
/**
 * The events that shape a card: its reviews, undos that take reviews back, and schedules that
 * make the word due (a label missed in a task, or added by the learner).
 */
export type CardEvent = Review | Undo | Schedule;

const scheduler = fsrs();

function byTime(a: CardEvent, b: CardEvent): number {
	return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

/**
 * Folds a word's reviews and schedules, oldest first, into its card, leaving out undone reviews.
 * A schedule makes the card due at that moment (a new card when the word had none) without
 * touching its memory state. The same log gives the same card on every device, whatever order
 * the events arrived in. Null when nothing is left (the only review was undone): the word is
 * new again.
 */
export function cardFromReviews(wordId: string, events: readonly CardEvent[]): StoredCard | null {
	const undone = new Set<string>();
	for (const event of events) if (event.type === 'undo') undone.add(event.payload.eventId);
	const folded = events
		.filter((event): event is Review | Schedule => event.type !== 'undo' && !undone.has(event.id))
		.sort(byTime);
	const first = folded[0];
	if (!first) return null;
	let card: Card = createEmptyCard(new Date(first.createdAt));
	for (const event of folded) {
		const at = new Date(event.createdAt);
		if (event.type === 'schedule') {
			if (card.due > at) card = { ...card, due: at };
		} else card = scheduler.next(card, at, event.payload.rating as Grade).card;
	}
	return { ...card, wordId, introducedAt: first.createdAt };
}
