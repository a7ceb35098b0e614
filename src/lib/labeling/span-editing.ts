/**
 * Marking named-entity spans by tapping characters, on top of entities.ts. Every selection is
 * made of whole characters (grapheme clusters) and never starts or ends with a space, so
 * whatever the learner taps is a span `validateAnswer` accepts.
 */
import {
	graphemeBoundaries,
	snapToSyllables,
	spansOverlap,
	wordRangeAt,
	type Range,
	type Span
} from './entities';

export interface Grapheme {
	start: number;
	end: number;
	text: string;
}

/** The text cut into user-perceived characters, with their offsets. */
export function graphemes(text: string): Grapheme[] {
	const bounds = graphemeBoundaries(text);
	const out: Grapheme[] = [];
	for (let i = 0; i + 1 < bounds.length; i++) {
		const start = bounds[i] as number;
		const end = bounds[i + 1] as number;
		out.push({ start, end, text: text.slice(start, end) });
	}
	return out;
}

const SPACE = /^\s+$/u;

/** The range without whitespace at its ends, or null when nothing else is left. */
export function trimRange(text: string, range: Range): Range | null {
	const covered = text.slice(range.start, range.end);
	const lead = covered.length - covered.trimStart().length;
	const trimmed = covered.trim();
	if (trimmed === '') return null;
	return { start: range.start + lead, end: range.start + lead + trimmed.length };
}

/** The whole characters from the one at `a` to the one at `b` (either order), trimmed. */
export function rangeBetween(text: string, a: number, b: number): Range | null {
	const lo = Math.min(a, b);
	const hi = Math.max(a, b);
	// `hi + 1` so the character at `hi` is included; snapping widens it to the whole character.
	return trimRange(text, snapToSyllables(text, lo, Math.min(hi + 1, text.length)));
}

/**
 * What a first tap selects: the word under the finger (without punctuation at its ends), or the
 * character alone when it is a lone punctuation mark; null on a space.
 */
export function tapSelection(text: string, offset: number): Range | null {
	const word = wordRangeAt(text, offset);
	if (word) return word;
	if (offset < 0 || offset >= text.length) return null;
	return rangeBetween(text, offset, offset);
}

/**
 * A tap while a selection exists: the selection now runs from its start to the tapped character,
 * or from the tapped character to its end when the tap is before it. Tapping inside the
 * selection therefore trims its end: 서울역에서 → tap 역 → 서울역.
 */
export function extendSelection(text: string, selection: Range, offset: number): Range | null {
	if (offset < selection.start) return rangeBetween(text, offset, selection.end - 1);
	return rangeBetween(text, selection.start, offset);
}

const byStart = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

/** The spans with `span` added, in text order; spans it overlaps are replaced by it. */
export function placeSpan(spans: readonly Span[], span: Span): Span[] {
	return [...spans.filter((s) => !spansOverlap(s, span)), span].sort(byStart);
}

/** The index of the span covering `offset`, or -1. */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
	return spans.findIndex((s) => s.start <= offset && offset < s.end);
}

/** Whether `text` is blank (a space or line break) at this character. */
export function isBlank(text: string): boolean {
	return SPACE.test(text);
}
