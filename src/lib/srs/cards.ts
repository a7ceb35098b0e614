/** A word's review card, derived from its review events with ts-fsrs (FSRS-6). */
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import type { Rating } from './rating';

export type StoredCard = Card & { wordId: string };

const scheduler = fsrs();

export function reviewCard(
	previous: StoredCard | undefined,
	wordId: string,
	rating: Rating,
	at: Date
): StoredCard {
	const card: Card = previous ?? createEmptyCard(at);
	const { card: next } = scheduler.next(card, at, rating as Grade);
	return { ...next, wordId };
}
