/**
 * Named-entity spans over Korean text. Offsets are UTF-16 code units into the task's text
 * exactly as stored (never re-normalised), because that is what `String.prototype.slice` and a
 * browser selection give and what CoNLL/Label Studio exports expect back.
 */

export interface Span {
	/** First code unit of the span. */
	start: number;
	/** One past the last code unit. */
	end: number;
	type: string;
}

export interface Range {
	start: number;
	end: number;
}

let segmenter: Intl.Segmenter | null = null;

function graphemeSegmenter(): Intl.Segmenter | null {
	// Checked on every call, not once at load: Firefox before 125 has no Intl.Segmenter.
	if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return null;
	segmenter ??= new Intl.Segmenter('ko', { granularity: 'grapheme' });
	return segmenter;
}

// Code points that never start a character of their own: combining marks (which include
// variation selectors), zero-width joiners, and the vowel and final jamo of a syllable spelt out
// in conjoining jamo (NFD text, old Hangul).
const CONTINUES = /^[\p{M}\u200d\u1160-\u11ff\ud7b0-\ud7ff]$/u;
const LEADING_JAMO = /^[\u1100-\u115f\ua960-\ua97f]$/u;

/**
 * Offsets where a user-perceived character starts, plus `text.length`. Uses `Intl.Segmenter`
 * when the browser has it, else a rougher rule that still never splits a surrogate pair, a
 * syllable spelt in jamo, or a base letter from its combining marks.
 */
export function graphemeBoundaries(text: string): number[] {
	const found = graphemeSegmenter();
	if (found) {
		const out = [...found.segment(text)].map((s) => s.index);
		out.push(text.length);
		return out;
	}
	const out: number[] = [];
	let at = 0;
	let previous = '';
	for (const char of text) {
		const joined =
			previous !== '' &&
			(CONTINUES.test(char) ||
				previous === '\u200d' ||
				(LEADING_JAMO.test(previous) && LEADING_JAMO.test(char)));
		if (!joined) out.push(at);
		at += char.length;
		previous = char;
	}
	out.push(text.length);
	return out;
}

/**
 * Widens a selection to whole characters, so it never ends inside a syllable block, a surrogate
 * pair or an emoji sequence. The ends may come in either order and are clamped to the text. An
 * empty selection stays empty, moved to the start of the character it was in.
 */
export function snapToSyllables(text: string, start: number, end: number): Range {
	const lo = Math.max(0, Math.min(start, end, text.length));
	const hi = Math.min(text.length, Math.max(start, end, 0));
	const bounds = graphemeBoundaries(text);
	let snappedStart = 0;
	for (const b of bounds) if (b <= lo) snappedStart = b;
	if (hi === lo) return { start: snappedStart, end: snappedStart };
	const snappedEnd = bounds.find((b) => b >= hi) ?? text.length;
	return { start: snappedStart, end: snappedEnd };
}

const SPACE = /\s/u;
// Quotes and brackets wrap a word and full stops end it; none of them is part of a name.
const EDGE_PUNCTUATION = /\p{P}/u;

/**
 * The whitespace-delimited word containing the code unit at `index`, without punctuation at
 * its ends ("(서울역에서)." → "서울역에서"), or null on a space or a lone punctuation mark.
 * Korean particles stay on the word (서울역에서); the learner trims them by hand.
 */
export function wordRangeAt(text: string, index: number): Range | null {
	if (index < 0 || index >= text.length) return null;
	const bounds = graphemeBoundaries(text);
	const chars: { start: number; end: number; text: string }[] = [];
	for (let i = 0; i + 1 < bounds.length; i++) {
		const start = bounds[i] as number;
		const end = bounds[i + 1] as number;
		chars.push({ start, end, text: text.slice(start, end) });
	}
	const at = chars.findIndex((c) => c.start <= index && index < c.end);
	const isSpace = (i: number) => SPACE.test(chars[i]?.text ?? ' ');
	if (at < 0 || isSpace(at)) return null;
	let first = at;
	while (first > 0 && !isSpace(first - 1)) first--;
	let last = at;
	while (last + 1 < chars.length && !isSpace(last + 1)) last++;
	const isEdge = (i: number) => EDGE_PUNCTUATION.test(chars[i]?.text ?? '');
	while (first <= last && isEdge(first)) first++;
	while (last >= first && isEdge(last)) last--;
	if (first > last) return null;
	return {
		start: (chars[first] as (typeof chars)[number]).start,
		end: (chars[last] as (typeof chars)[number]).end
	};
}

/** True when the two spans share at least one code unit (touching ends do not overlap). */
export function spansOverlap(a: Range, b: Range): boolean {
	return a.start < b.end && b.start < a.end;
}

/** The first two spans (in text order) that overlap, or null when none do. */
export function findOverlap<S extends Range>(spans: readonly S[]): [S, S] | null {
	const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
	for (let i = 1; i < sorted.length; i++) {
		const a = sorted[i - 1] as S;
		const b = sorted[i] as S;
		if (spansOverlap(a, b)) return [a, b];
	}
	return null;
}

const spanKey = (s: Span) => `${s.start}:${s.end}:${s.type}`;

/**
 * Span F1: a span counts only when start, end and type all equal a gold span, as in CoNLL
 * evaluation. 1 when both are empty (the text has no entities and none were marked).
 */
export function scoreSpans(gold: readonly Span[], answer: readonly Span[]): number {
	const want = new Set(gold.map(spanKey));
	const got = new Set(answer.map(spanKey));
	if (want.size === 0 && got.size === 0) return 1;
	let hits = 0;
	for (const key of got) if (want.has(key)) hits++;
	return (2 * hits) / (want.size + got.size);
}
