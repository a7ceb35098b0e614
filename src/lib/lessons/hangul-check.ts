/**
 * Checks a typed Korean answer against the expected word at the level of jamo, so feedback can
 * say "the 3rd syllable: ㅗ, not ㅓ" instead of just "wrong". Decomposition is es-hangul's; this
 * module only aligns and compares.
 *
 * What counts as the same answer: spaces, punctuation and symbols are ignored ("출입 금지!" =
 * "출입금지"), both sides are NFC-normalised (an NFD string from a copy-paste or a macOS
 * keyboard is the same text), loose jamo typed one by one are assembled as an IME would
 * ("ㅇㅏㄴ" = "안"), and Latin letters compare without case ("cctv" = "CCTV").
 */
import { assemble, disassemble, getChoseong, getJongseong, getJungseong } from 'es-hangul';

/**
 * Where a jamo sits in its syllable. Double consonants (ㄲ, ㅆ), compound vowels (ㅘ) and
 * compound finals (ㄳ, ㄺ) are one jamo each, as the learner sees them. `character` is a
 * whole non-Hangul character (a digit, a Latin letter).
 */
export type JamoSlot = 'initial' | 'medial' | 'final' | 'character';

export interface JamoMismatch {
	slot: JamoSlot;
	/** The jamo that should be there; '' when there should be none (e.g. an extra 받침). */
	expected: string;
	/** What was typed there; '' when nothing was (e.g. a missing 받침, or not typed yet). */
	typed: string;
}

interface SyllableBase {
	/** Position among the expected syllables (spaces and punctuation not counted). */
	index: number;
	/** Offset of this syllable in the expected string as given (after NFC), for highlighting. */
	at: number;
	expected: string;
}

/** One expected syllable and what the learner typed for it. */
export type JamoDiff =
	| (SyllableBase & { status: 'ok'; typed: string })
	| (SyllableBase & { status: 'wrong'; typed: string; jamo: JamoMismatch[] })
	| (SyllableBase & { status: 'missing' });

/** A typed syllable that matches no expected one. */
export interface ExtraSyllable {
	/** The index of the expected syllable it stands before; the expected length if after the end. */
	before: number;
	typed: string;
}

export interface TypedCheck {
	correct: boolean;
	/** One entry per expected syllable, in order. */
	diff: JamoDiff[];
	extra: ExtraSyllable[];
	/**
	 * The typed text is the start of the expected text, keystroke by keystroke (jamo level): the
	 * learner may just not be done. True for an empty answer and for a right one. Note that a
	 * trailing incomplete syllable often *looks* wrong on its own (모 + ㅈ shows as 몾 on the way
	 * to 모자, 달 on the way to 닭), so live feedback should not go red while this is true.
	 */
	onTrack: boolean;
}

const IGNORED = /[\s\p{P}\p{S}]/u;

interface Unit {
	/** As written, for display. */
	char: string;
	/** What is compared: the character, lower-cased when it is not Hangul. */
	key: string;
	/** Offset in the NFC string it came from. */
	at: number;
	/** [initial, medial, final] for Hangul; null for anything else. */
	slots: [string, string, string] | null;
}

function toUnit(char: string, at: number): Unit {
	const slots: [string, string, string] = [
		getChoseong(char),
		getJungseong(char),
		getJongseong(char)
	];
	const hangul = slots[0] !== '' || slots[1] !== '';
	return { char, key: hangul ? char : char.toLowerCase(), at, slots: hangul ? slots : null };
}

function expectedUnits(text: string): Unit[] {
	const units: Unit[] = [];
	let at = 0;
	for (const char of text.normalize('NFC')) {
		if (!IGNORED.test(char)) units.push(toUnit(char, at));
		at += char.length;
	}
	return units;
}

function typedUnits(text: string): Unit[] {
	const kept = [...text.normalize('NFC')].filter((c) => !IGNORED.test(c)).join('');
	// es-hangul's assemble throws on an empty string.
	const assembled = kept === '' ? '' : assemble([kept]);
	const units: Unit[] = [];
	let at = 0;
	for (const char of assembled) {
		units.push(toUnit(char, at));
		at += char.length;
	}
	return units;
}

const SLOT_NAMES = ['initial', 'medial', 'final'] as const;

function mismatches(expected: Unit, typed: Unit): JamoMismatch[] {
	if (!expected.slots || !typed.slots) {
		return expected.key === typed.key
			? []
			: [{ slot: 'character', expected: expected.char, typed: typed.char }];
	}
	const out: JamoMismatch[] = [];
	for (let i = 0; i < 3; i++) {
		const e = expected.slots[i] as string;
		const t = typed.slots[i] as string;
		if (e !== t) out.push({ slot: SLOT_NAMES[i] as JamoSlot, expected: e, typed: t });
	}
	return out;
}

/** Cost of reading `typed` as an attempt at `expected`: 0 … 1, always below a skip plus an extra (2). */
function substitutionCost(expected: Unit, typed: Unit): number {
	if (expected.key === typed.key) return 0;
	if (!expected.slots || !typed.slots) return 1;
	return mismatches(expected, typed).length / 3;
}

type Move = 'pair' | 'missing' | 'extra';

/**
 * Aligns syllables by edit distance, so one missing or extra syllable does not make every later
 * syllable "wrong". Ties go to skipping at the end, so a half-typed answer lines up from the start.
 */
function align(expected: Unit[], typed: Unit[]): Move[] {
	const n = expected.length;
	const m = typed.length;
	const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
	for (let i = 0; i <= n; i++) (cost[i] as number[])[0] = i;
	for (let j = 0; j <= m; j++) (cost[0] as number[])[j] = j;
	for (let i = 1; i <= n; i++) {
		const row = cost[i] as number[];
		const above = cost[i - 1] as number[];
		for (let j = 1; j <= m; j++) {
			row[j] = Math.min(
				(above[j - 1] as number) + substitutionCost(expected[i - 1] as Unit, typed[j - 1] as Unit),
				(above[j] as number) + 1,
				(row[j - 1] as number) + 1
			);
		}
	}
	const moves: Move[] = [];
	const at = (i: number, j: number) => (cost[i] as number[])[j] as number;
	const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
	let i = n;
	let j = m;
	while (i > 0 || j > 0) {
		const here = at(i, j);
		if (i > 0 && same(here, at(i - 1, j) + 1)) {
			moves.push('missing');
			i--;
		} else if (j > 0 && same(here, at(i, j - 1) + 1)) {
			moves.push('extra');
			j--;
		} else {
			moves.push('pair');
			i--;
			j--;
		}
	}
	return moves.reverse();
}

/** Compares what the learner typed with the expected Korean. */
export function checkTyped(expected: string, typed: string): TypedCheck {
	const want = expectedUnits(expected);
	const got = typedUnits(typed);
	const diff: JamoDiff[] = [];
	const extra: ExtraSyllable[] = [];
	let i = 0;
	let j = 0;
	for (const move of align(want, got)) {
		if (move === 'extra') {
			extra.push({ before: i, typed: (got[j++] as Unit).char });
			continue;
		}
		const e = want[i] as Unit;
		const base = { index: i++, at: e.at, expected: e.char };
		if (move === 'missing') {
			diff.push({ ...base, status: 'missing' });
			continue;
		}
		const t = got[j++] as Unit;
		const jamo = mismatches(e, t);
		diff.push(
			jamo.length === 0
				? { ...base, status: 'ok', typed: t.char }
				: { ...base, status: 'wrong', typed: t.char, jamo }
		);
	}
	const wantJamo = disassemble(want.map((u) => u.key).join(''));
	const gotJamo = disassemble(got.map((u) => u.key).join(''));
	return {
		correct: extra.length === 0 && diff.every((d) => d.status === 'ok'),
		diff,
		extra,
		onTrack: wantJamo.startsWith(gotJamo)
	};
}

/**
 * The 초성 hint: the first consonant of each syllable, words kept apart (안전모 → ㅇㅈㅁ,
 * "출입 금지" → "ㅊㅇ ㄱㅈ"). Non-Hangul letters and digits stay as they are (CCTV 확인 →
 * CCTV ㅎㅇ); punctuation is dropped.
 */
export function firstConsonants(word: string): string {
	const text = [...word.normalize('NFC')]
		.map((c) => (/\s/u.test(c) ? ' ' : IGNORED.test(c) ? '' : c))
		.join('')
		.replace(/ +/g, ' ')
		.trim();
	return getChoseong(text, { keepNonHangul: true });
}
