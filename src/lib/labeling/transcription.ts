/**
 * Transcriptions scored by character error rate over jamo rather than syllables: 안전머 for
 * 안전모 is one wrong vowel, not one wrong character in three, and a learner's typo should
 * cost what it is. Decomposition is es-hangul's.
 */
import { disassemble } from 'es-hangul';

/**
 * A transcription is correct at CER ≤ 0.1: about one slip in a short sign (안전모 has 8 jamo),
 * while a wrong word of a longer text is not waved through.
 */
export const MAX_CORRECT_CER = 0.1;

// Whitespace and punctuation are layout on a sign or form, not what the learner is asked to
// read. Symbols (₩, %, +) are kept: on a price tag they are the content.
const IGNORED = /[\s\p{P}]/u;

/**
 * The units compared: the text NFC-normalised (so NFD input from a copy-paste is the same
 * text), without whitespace and punctuation, Latin letters lower-cased, every Hangul syllable
 * split into its jamo (compound vowels and finals into their parts: 와 → ㅇㅗㅏ).
 */
export function jamoUnits(text: string): string[] {
	const kept = [...text.normalize('NFC')].filter((c) => !IGNORED.test(c)).join('');
	return [...disassemble(kept.toLowerCase())];
}

/** Edits (insert, delete, substitute; each costs 1) that turn `a` into `b`. */
export function levenshtein(a: readonly string[], b: readonly string[]): number {
	if (a.length === 0) return b.length;
	if (b.length === 0) return a.length;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(
				Math.min(substitute, (previous[j] as number) + 1, (current[j - 1] as number) + 1)
			);
		}
		previous = current;
	}
	return previous[b.length] as number;
}

/**
 * Jamo edit distance over the gold's jamo count. Can exceed 1 when the answer is much longer
 * than the gold. An empty gold gives 0 for an empty answer and 1 otherwise.
 */
export function characterErrorRate(gold: string, answer: string): number {
	const want = jamoUnits(gold);
	const got = jamoUnits(answer);
	if (want.length === 0) return got.length === 0 ? 0 : 1;
	return levenshtein(want, got) / want.length;
}

/** 1 − CER, floored at 0, for averaging into accuracy estimates. */
export function scoreTranscription(gold: string, answer: string): number {
	return Math.max(0, 1 - characterErrorRate(gold, answer));
}

/** Correct at CER ≤ `MAX_CORRECT_CER`. */
export function isCorrectTranscription(gold: string, answer: string): boolean {
	return characterErrorRate(gold, answer) <= MAX_CORRECT_CER;
}
