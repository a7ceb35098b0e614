import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	findOverlap,
	graphemeBoundaries,
	scoreSpans,
	snapToSyllables,
	spansOverlap,
	wordRangeAt
} from '$lib/labeling/entities';

// 서울역에서 spelt in conjoining jamo (as macOS or a copy-paste may deliver it):
// 서 = 0..2, 울 = 2..5, 역 = 5..8, 에 = 8..10, 서 = 10..12.
const NFD_STATION = '서울역에서'.normalize('NFD');
const WORKER = '👷‍♀️'; // U+1F477 ZWJ U+2640 U+FE0F: 5 code units, one character

describe('graphemeBoundaries', () => {
	it('puts one boundary per syllable block, also when spelt in jamo', () => {
		expect(NFD_STATION).toHaveLength(12);
		expect(graphemeBoundaries(NFD_STATION)).toEqual([0, 2, 5, 8, 10, 12]);
		expect(graphemeBoundaries('서울역')).toEqual([0, 1, 2, 3]);
		expect(graphemeBoundaries(`a${WORKER}b`)).toEqual([0, 1, 6, 7]);
	});

	describe('without Intl.Segmenter (older Firefox)', () => {
		afterEach(() => {
			vi.unstubAllGlobals();
		});

		it('falls back to rules that agree on Korean, surrogates and emoji', () => {
			const samples = [
				NFD_STATION,
				'서울역에서 일해요.',
				`a${WORKER}b`,
				'𠜎 한자',
				'cafe\u0301 커피'
			];
			const withSegmenter = samples.map(graphemeBoundaries);
			vi.stubGlobal('Intl', {});
			expect(typeof Intl.Segmenter).toBe('undefined');
			expect(samples.map(graphemeBoundaries)).toEqual(withSegmenter);
		});
	});
});

describe('snapToSyllables', () => {
	it('widens half a syllable block to the whole block', () => {
		// 3..4 is the vowel ᅮ of 울 (2..5).
		expect(snapToSyllables(NFD_STATION, 3, 4)).toEqual({ start: 2, end: 5 });
		// From inside 울 to inside 에: 울역에.
		const snapped = snapToSyllables(NFD_STATION, 4, 9);
		expect(snapped).toEqual({ start: 2, end: 10 });
		expect(NFD_STATION.slice(snapped.start, snapped.end).normalize('NFC')).toBe('울역에');
	});

	it('leaves a selection on whole syllables alone', () => {
		expect(snapToSyllables('서울역에서', 0, 3)).toEqual({ start: 0, end: 3 });
		expect(snapToSyllables(NFD_STATION, 2, 8)).toEqual({ start: 2, end: 8 });
	});

	it('never splits a surrogate pair or an emoji sequence', () => {
		expect(snapToSyllables('a😀b', 1, 2)).toEqual({ start: 1, end: 3 });
		expect(snapToSyllables('a😀b', 2, 4)).toEqual({ start: 1, end: 4 });
		expect(snapToSyllables(`${WORKER}안전`, 0, 2)).toEqual({ start: 0, end: 5 });
	});

	it('accepts the ends in either order and clamps them to the text', () => {
		expect(snapToSyllables(NFD_STATION, 4, 3)).toEqual({ start: 2, end: 5 });
		expect(snapToSyllables('서울', -5, 100)).toEqual({ start: 0, end: 2 });
	});

	it('keeps an empty selection empty, at the start of its character', () => {
		expect(snapToSyllables(NFD_STATION, 3, 3)).toEqual({ start: 2, end: 2 });
	});
});

describe('wordRangeAt', () => {
	// 저는 0..2, 서울역에서 3..8, 일해요 9..12, '.' 12..13
	const text = '저는 서울역에서 일해요.';

	it('returns the word around a tap', () => {
		expect(wordRangeAt(text, 5)).toEqual({ start: 3, end: 8 });
		expect(wordRangeAt(text, 3)).toEqual({ start: 3, end: 8 });
		expect(wordRangeAt(text, 7)).toEqual({ start: 3, end: 8 });
		expect(wordRangeAt(text, 0)).toEqual({ start: 0, end: 2 });
	});

	it('leaves out punctuation at the ends, also when the tap is on it', () => {
		expect(wordRangeAt(text, 10)).toEqual({ start: 9, end: 12 });
		expect(wordRangeAt(text, 12)).toEqual({ start: 9, end: 12 });
		const quoted = '표지판에 ("안전모") 라고 써 있어요';
		const range = wordRangeAt(quoted, 8);
		expect(range && quoted.slice(range.start, range.end)).toBe('안전모');
	});

	it('keeps punctuation inside a word', () => {
		const text = '전화 010-1234-5678 으로';
		const range = wordRangeAt(text, 5);
		expect(range && text.slice(range.start, range.end)).toBe('010-1234-5678');
	});

	it('is null on a space, on punctuation alone and outside the text', () => {
		expect(wordRangeAt(text, 2)).toBeNull();
		expect(wordRangeAt('네 !! 좋아요', 2)).toBeNull();
		expect(wordRangeAt(text, -1)).toBeNull();
		expect(wordRangeAt(text, text.length)).toBeNull();
	});

	it('works on jamo-spelt text, returning whole syllables', () => {
		const nfd = `저는 ${NFD_STATION} 일해요`.normalize('NFD');
		const range = wordRangeAt(nfd, nfd.indexOf(NFD_STATION) + 4);
		expect(range && nfd.slice(range.start, range.end)).toBe(NFD_STATION);
	});
});

describe('overlap', () => {
	it('spansOverlap is true for shared characters, false for touching spans', () => {
		expect(spansOverlap({ start: 0, end: 3 }, { start: 2, end: 5 })).toBe(true);
		expect(spansOverlap({ start: 0, end: 3 }, { start: 3, end: 5 })).toBe(false);
		expect(spansOverlap({ start: 1, end: 2 }, { start: 0, end: 5 })).toBe(true);
	});

	it('findOverlap reports the first overlapping pair in text order', () => {
		const spans = [
			{ start: 5, end: 8, type: 'location' },
			{ start: 0, end: 3, type: 'person' },
			{ start: 2, end: 4, type: 'person' }
		];
		expect(findOverlap(spans)).toEqual([spans[1], spans[2]]);
		expect(
			findOverlap([
				{ start: 0, end: 3 },
				{ start: 3, end: 5 }
			])
		).toBeNull();
	});
});

describe('scoreSpans', () => {
	const gold = [
		{ start: 0, end: 3, type: 'person' },
		{ start: 7, end: 10, type: 'location' }
	];

	it('counts a span only when start, end and type all match', () => {
		expect(scoreSpans(gold, gold)).toBe(1);
		// Right type, one character too long (the particle 에): no credit.
		expect(scoreSpans(gold, [gold[0]!, { start: 7, end: 11, type: 'location' }])).toBeCloseTo(
			0.5,
			12
		);
		// Right place, wrong type.
		expect(scoreSpans(gold, [{ start: 0, end: 3, type: 'location' }])).toBe(0);
		// One of two found and nothing extra: 2·1 / (2 + 1).
		expect(scoreSpans(gold, [gold[1]!])).toBeCloseTo(2 / 3, 12);
	});

	it('is 1 when neither side has spans', () => {
		expect(scoreSpans([], [])).toBe(1);
		expect(scoreSpans([], gold)).toBe(0);
	});
});
