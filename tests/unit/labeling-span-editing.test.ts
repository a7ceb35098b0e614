import { describe, expect, it } from 'vitest';
import {
	extendSelection,
	graphemes,
	placeSpan,
	rangeBetween,
	spanIndexAt,
	tapSelection,
	trimRange
} from '$lib/labeling/span-editing';
import { validateAnswer } from '$lib/labeling/task-types';

// 0 김 1 민 2 수 3 씨 4 ␠ 5 서 6 울 7 역 8 에 9 서 10 ␠ 11 일 12 해 13 요 14 .
const TEXT = '김민수씨 서울역에서 일해요.';
const NFD = '서울역에서'.normalize('NFD'); // 서 0..2, 울 2..5, 역 5..8, 에 8..10, 서 10..12

describe('graphemes', () => {
	it('cuts the text into whole characters with their offsets', () => {
		expect(graphemes('서울 역').map((g) => [g.start, g.end, g.text])).toEqual([
			[0, 1, '서'],
			[1, 2, '울'],
			[2, 3, ' '],
			[3, 4, '역']
		]);
		expect(graphemes(NFD).map((g) => g.start)).toEqual([0, 2, 5, 8, 10]);
	});
});

describe('tapSelection', () => {
	it('selects the word under the finger, without punctuation', () => {
		expect(tapSelection(TEXT, 7)).toEqual({ start: 5, end: 10 });
		expect(tapSelection(TEXT, 12)).toEqual({ start: 11, end: 14 });
	});

	it('selects a lone punctuation mark by itself, and nothing on a space', () => {
		expect(tapSelection('가 - 나', 2)).toEqual({ start: 2, end: 3 });
		expect(tapSelection(TEXT, 4)).toBeNull();
		expect(tapSelection(TEXT, 99)).toBeNull();
	});
});

describe('extendSelection', () => {
	it('trims the end when the tap is inside the selection (a particle off a name)', () => {
		expect(extendSelection(TEXT, { start: 5, end: 10 }, 7)).toEqual({ start: 5, end: 8 });
	});

	it('extends forwards and backwards across words, never ending on a space', () => {
		expect(extendSelection(TEXT, { start: 5, end: 10 }, 13)).toEqual({ start: 5, end: 14 });
		expect(extendSelection(TEXT, { start: 5, end: 10 }, 1)).toEqual({ start: 1, end: 10 });
		expect(extendSelection(TEXT, { start: 5, end: 10 }, 10)).toEqual({ start: 5, end: 10 });
	});

	it('covers whole characters in text spelt in jamo', () => {
		expect(extendSelection(NFD, { start: 0, end: 12 }, 6)).toEqual({ start: 0, end: 8 });
		expect(rangeBetween(NFD, 3, 1)).toEqual({ start: 0, end: 5 });
	});
});

describe('trimRange', () => {
	it('drops spaces at the ends, and gives null for blanks only', () => {
		expect(trimRange(TEXT, { start: 3, end: 5 })).toEqual({ start: 3, end: 4 });
		expect(trimRange(TEXT, { start: 4, end: 7 })).toEqual({ start: 5, end: 7 });
		expect(trimRange(TEXT, { start: 4, end: 5 })).toBeNull();
	});
});

describe('placeSpan', () => {
	it('keeps spans in text order and replaces the ones a new span overlaps', () => {
		let spans = placeSpan([], { start: 5, end: 10, type: 'place' });
		spans = placeSpan(spans, { start: 0, end: 3, type: 'person' });
		expect(spans.map((s) => s.start)).toEqual([0, 5]);
		spans = placeSpan(spans, { start: 5, end: 8, type: 'place' });
		expect(spans).toEqual([
			{ start: 0, end: 3, type: 'person' },
			{ start: 5, end: 8, type: 'place' }
		]);
		const data = { text: TEXT, types: ['person', 'place'] };
		expect(validateAnswer('named_entities', data, { spans }).ok).toBe(true);
	});

	it('finds the span under an offset', () => {
		const spans = [{ start: 5, end: 8, type: 'place' }];
		expect(spanIndexAt(spans, 7)).toBe(0);
		expect(spanIndexAt(spans, 8)).toBe(-1);
	});
});
