/**
 * Lessons are cut from the decks, not written by hand: each deck, in its order, is split into
 * lessons of 5–7 words (a five-minute lesson), as even as the deck allows. Adding words to a deck
 * therefore never needs a lesson file edited.
 */
import type { Deck, Glosses } from './schema';

export const LESSON_MIN_WORDS = 5;
export const LESSON_MAX_WORDS = 7;

export interface DerivedLesson {
	id: string;
	deck: string;
	title: Glosses;
	words: string[];
}

/**
 * Splits `wordIds` into the fewest runs of at most LESSON_MAX_WORDS, sizes differing by one at
 * most. Every deck of ten words or more gives runs of 5–7; a smaller deck gives what it can.
 */
export function chunkWords(wordIds: readonly string[]): string[][] {
	const count = Math.ceil(wordIds.length / LESSON_MAX_WORDS);
	const chunks: string[][] = [];
	let at = 0;
	for (let i = 0; i < count; i++) {
		// The first (length mod count) chunks take one word more.
		const size = Math.floor(wordIds.length / count) + (i < wordIds.length % count ? 1 : 0);
		chunks.push(wordIds.slice(at, at + size));
		at += size;
	}
	return chunks;
}

/** Every deck's lessons, decks in order: `<deck>-1`, `<deck>-2`, … titled "<deck title> 1". */
export function deckLessons(decks: readonly Deck[]): DerivedLesson[] {
	return decks.flatMap((deck) =>
		chunkWords(deck.wordIds).map((words, i) => ({
			id: `${deck.id}-${i + 1}`,
			deck: deck.id,
			title: Object.fromEntries(
				Object.entries(deck.title).map(([locale, title]) => [locale, `${title} ${i + 1}`])
			) as Glosses,
			words
		}))
	);
}
