import { describe, expect, it } from 'vitest';
import {
	characterErrorRate,
	isCorrectTranscription,
	jamoUnits,
	levenshtein,
	scoreTranscription
} from '$lib/labeling/transcription';

describe('jamoUnits', () => {
	it('splits syllables into jamo', () => {
		expect(jamoUnits('안전모')).toEqual(['ㅇ', 'ㅏ', 'ㄴ', 'ㅈ', 'ㅓ', 'ㄴ', 'ㅁ', 'ㅗ']);
		// Compound vowel and compound final are two jamo each.
		expect(jamoUnits('와')).toEqual(['ㅇ', 'ㅗ', 'ㅏ']);
		expect(jamoUnits('값')).toEqual(['ㄱ', 'ㅏ', 'ㅂ', 'ㅅ']);
	});

	it('drops whitespace and punctuation, keeps symbols, folds Latin case', () => {
		expect(jamoUnits('출입 금지!')).toEqual(jamoUnits('출입금지'));
		expect(jamoUnits('CCTV 작동 중')).toEqual(jamoUnits('cctv작동중'));
		expect(jamoUnits('₩5,000')).toEqual(['₩', '5', '0', '0', '0']);
	});

	it('reads NFD text and loose jamo as the same text', () => {
		expect(jamoUnits('안전모'.normalize('NFD'))).toEqual(jamoUnits('안전모'));
		expect(jamoUnits('ㅇㅏㄴ')).toEqual(jamoUnits('안'));
	});
});

describe('levenshtein', () => {
	it('counts insertions, deletions and substitutions', () => {
		expect(levenshtein([...'kitten'], [...'sitting'])).toBe(3);
		expect(levenshtein([], [...'abc'])).toBe(3);
		expect(levenshtein([...'abc'], [])).toBe(3);
		expect(levenshtein([...'abc'], [...'abc'])).toBe(0);
		expect(levenshtein([...'ab'], [...'ba'])).toBe(2);
	});
});

describe('characterErrorRate', () => {
	it('안전모 vs 안전머: one jamo substituted out of 8', () => {
		expect(characterErrorRate('안전모', '안전머')).toBe(0.125);
		expect(scoreTranscription('안전모', '안전머')).toBe(0.875);
		expect(isCorrectTranscription('안전모', '안전머')).toBe(false);
	});

	it('is 0 for the same text written differently', () => {
		expect(characterErrorRate('출입 금지!', '출입금지')).toBe(0);
		expect(characterErrorRate('안전모', '안전모'.normalize('NFD'))).toBe(0);
	});

	it('counts a missing 받침 and an extra syllable', () => {
		// 안전모 → 아전모: ㄴ deleted, 1/8.
		expect(characterErrorRate('안전모', '아전모')).toBe(0.125);
		// 안전모 → 안전모자: ㅈ and ㅏ inserted, 2/8.
		expect(characterErrorRate('안전모', '안전모자')).toBe(0.25);
	});

	it('correct at CER ≤ 0.1, inclusive', () => {
		// 비상 출구 has 10 jamo; ㅜ → ㅡ once is exactly 0.1, twice is 0.2.
		expect(characterErrorRate('비상 출구', '비상 츨구')).toBe(0.1);
		expect(isCorrectTranscription('비상 출구', '비상 츨구')).toBe(true);
		expect(isCorrectTranscription('비상 출구', '비성 츨구')).toBe(false);
	});

	it('can exceed 1, but the score stays at 0', () => {
		expect(characterErrorRate('안', '안녕하세요')).toBeGreaterThan(1);
		expect(scoreTranscription('안', '안녕하세요')).toBe(0);
	});

	it('handles an empty gold', () => {
		expect(characterErrorRate('', '')).toBe(0);
		expect(characterErrorRate('!', '안')).toBe(1);
	});
});
