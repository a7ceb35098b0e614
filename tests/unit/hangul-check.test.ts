import { describe, expect, it } from 'vitest';
import { checkTyped, firstConsonants, type JamoDiff } from '$lib/lessons/hangul-check';

/** The diff in short: one "status" per expected syllable, wrong ones with their jamo. */
function summary(diff: JamoDiff[]): string[] {
	return diff.map((d) =>
		d.status === 'wrong'
			? `${d.expected}≠${d.typed}:` +
				d.jamo.map((j) => `${j.slot}(${j.expected || '∅'}→${j.typed || '∅'})`).join(',')
			: d.status === 'ok'
				? d.expected
				: `-${d.expected}`
	);
}

describe('checkTyped', () => {
	it('accepts the exact word', () => {
		const result = checkTyped('안전모', '안전모');
		expect(result.correct).toBe(true);
		expect(result.onTrack).toBe(true);
		expect(result.extra).toEqual([]);
		expect(summary(result.diff)).toEqual(['안', '전', '모']);
	});

	it('안전모 vs 안전머: the vowel of the 3rd syllable, ㅗ typed as ㅓ', () => {
		const result = checkTyped('안전모', '안전머');
		expect(result.correct).toBe(false);
		expect(result.diff[2]).toEqual({
			index: 2,
			at: 2,
			expected: '모',
			status: 'wrong',
			typed: '머',
			jamo: [{ slot: 'medial', expected: 'ㅗ', typed: 'ㅓ' }]
		});
		expect(result.diff.slice(0, 2).map((d) => d.status)).toEqual(['ok', 'ok']);
		// ㅁㅓ is not on the way to ㅁㅗ.
		expect(result.onTrack).toBe(false);
	});

	it('안전화 vs 안전하: the compound vowel ㅘ is one jamo', () => {
		const result = checkTyped('안전화', '안전하');
		expect(result.correct).toBe(false);
		expect(summary(result.diff)).toEqual(['안', '전', '화≠하:medial(ㅘ→ㅏ)']);
		expect(result.onTrack).toBe(false);
	});

	it('빨리 vs 발리: the double consonant ㅃ typed as ㅂ', () => {
		const result = checkTyped('빨리', '발리');
		expect(summary(result.diff)).toEqual(['빨≠발:initial(ㅃ→ㅂ)', '리']);
		expect(result.correct).toBe(false);
	});

	it('괜찮아요 vs 괜찬아요: the compound 받침 ㄶ typed as ㄴ', () => {
		const result = checkTyped('괜찮아요', '괜찬아요');
		expect(summary(result.diff)).toEqual(['괜', '찮≠찬:final(ㄶ→ㄴ)', '아', '요']);
		expect(result.correct).toBe(false);
	});

	it('닭 vs 달: ㄺ typed as ㄹ, though 달 is on the way to 닭', () => {
		const result = checkTyped('닭', '달');
		expect(summary(result.diff)).toEqual(['닭≠달:final(ㄺ→ㄹ)']);
		expect(result.correct).toBe(false);
		expect(result.onTrack).toBe(true);
	});

	it('reports ㄲ, ㅆ, ㄳ and a missing or extra 받침', () => {
		expect(summary(checkTyped('까치', '가치').diff)).toEqual(['까≠가:initial(ㄲ→ㄱ)', '치']);
		expect(summary(checkTyped('있어요', '잇어요').diff)).toEqual([
			'있≠잇:final(ㅆ→ㅅ)',
			'어',
			'요'
		]);
		expect(summary(checkTyped('몫', '목').diff)).toEqual(['몫≠목:final(ㄳ→ㄱ)']);
		expect(summary(checkTyped('병원', '병우').diff)).toEqual([
			'병',
			'원≠우:medial(ㅝ→ㅜ),final(ㄴ→∅)'
		]);
		expect(summary(checkTyped('사과', '삭과').diff)).toEqual(['사≠삭:final(∅→ㄱ)', '과']);
		expect(summary(checkTyped('과', '괘').diff)).toEqual(['과≠괘:medial(ㅘ→ㅙ)']);
	});

	it('ignores spaces and punctuation on both sides', () => {
		for (const [expected, typed] of [
			['출입 금지!', '출입금지'],
			['출입금지', '출입 금지'],
			['출입 금지!', ' 출입, 금지. '],
			['괜찮아요?', '괜찮아요']
		] as const) {
			const result = checkTyped(expected, typed);
			expect(result.correct, `${expected} / ${typed}`).toBe(true);
			expect(result.extra).toEqual([]);
		}
		const spaced = checkTyped('출입 금지!', '출입금지');
		expect(spaced.diff.map((d) => d.expected)).toEqual(['출', '입', '금', '지']);
		// `at` points into the expected text as written, past the space.
		expect(spaced.diff.map((d) => d.at)).toEqual([0, 1, 3, 4]);
		expect(checkTyped('출입 금지!', '출입 금자!').correct).toBe(false);
	});

	it('treats NFD and NFC text, and jamo typed one by one, as the same', () => {
		const nfd = '안전모'.normalize('NFD');
		expect(nfd).not.toBe('안전모');
		expect(checkTyped(nfd, '안전모').correct).toBe(true);
		expect(checkTyped('안전모', nfd).correct).toBe(true);
		expect(checkTyped('안전모', 'ㅇㅏㄴㅈㅓㄴㅁㅗ').correct).toBe(true);
		expect(checkTyped('닭', 'ㄷㅏㄹㄱ').correct).toBe(true);
		const wrong = checkTyped(nfd, '안전머'.normalize('NFD'));
		expect(summary(wrong.diff)).toEqual(['안', '전', '모≠머:medial(ㅗ→ㅓ)']);
	});

	it('a missing syllable is reported as missing, not as a shift of every later one', () => {
		const result = checkTyped('안전모', '안모');
		expect(summary(result.diff)).toEqual(['안', '-전', '모']);
		expect(result.extra).toEqual([]);
		expect(result.correct).toBe(false);
		expect(result.onTrack).toBe(false);

		expect(summary(checkTyped('안전모', '전모').diff)).toEqual(['-안', '전', '모']);
		expect(summary(checkTyped('괜찮아요', '괜찮요').diff)).toEqual(['괜', '찮', '-아', '요']);
	});

	it('a missing syllable next to a wrong one', () => {
		expect(summary(checkTyped('안전모', '안머').diff)).toEqual([
			'안',
			'-전',
			'모≠머:medial(ㅗ→ㅓ)'
		]);
	});

	it('an extra syllable is reported with where it stands', () => {
		const atEnd = checkTyped('안전모', '안전모요');
		expect(summary(atEnd.diff)).toEqual(['안', '전', '모']);
		expect(atEnd.extra).toEqual([{ before: 3, typed: '요' }]);
		expect(atEnd.correct).toBe(false);
		expect(atEnd.onTrack).toBe(false);

		const inside = checkTyped('안전모', '안전전모');
		expect(summary(inside.diff)).toEqual(['안', '전', '모']);
		expect(inside.extra).toHaveLength(1);
		expect(inside.extra[0]?.typed).toBe('전');
		expect([1, 2]).toContain(inside.extra[0]?.before);

		const first = checkTyped('모자', '안모자');
		expect(first.extra).toEqual([{ before: 0, typed: '안' }]);
		expect(summary(first.diff)).toEqual(['모', '자']);
	});

	it('typing in progress: complete syllables ok, the rest missing, still on track', () => {
		const half = checkTyped('안전모', '안전');
		expect(summary(half.diff)).toEqual(['안', '전', '-모']);
		expect(half.onTrack).toBe(true);
		expect(half.correct).toBe(false);

		// A trailing lone consonant: the 3rd syllable has its initial but no vowel yet.
		const lone = checkTyped('안전모', '안전ㅁ');
		expect(summary(lone.diff)).toEqual(['안', '전', '모≠ㅁ:medial(ㅗ→∅)']);
		expect(lone.onTrack).toBe(true);

		// The IME shows 모 + ㅈ as 몾 until the vowel of 자 comes.
		const ime = checkTyped('모자', '몾');
		expect(ime.onTrack).toBe(true);
		expect(summary(ime.diff)).toEqual(['모≠몾:final(∅→ㅈ)', '-자']);

		// ㅗ is on the way to ㅘ.
		expect(checkTyped('안전화', '안전호').onTrack).toBe(true);
		expect(checkTyped('안전화', '안전허').onTrack).toBe(false);

		const empty = checkTyped('안전모', '');
		expect(summary(empty.diff)).toEqual(['-안', '-전', '-모']);
		expect(empty.onTrack).toBe(true);
		expect(empty.correct).toBe(false);
		expect(checkTyped('안전모', '  ').onTrack).toBe(true);
	});

	it('compares Latin letters and digits without case, as whole characters', () => {
		expect(checkTyped('CCTV 확인', 'cctv확인').correct).toBe(true);
		expect(checkTyped('119', '119').correct).toBe(true);
		const wrong = checkTyped('119', '112');
		expect(wrong.diff[2]).toMatchObject({
			status: 'wrong',
			jamo: [{ slot: 'character', expected: '9', typed: '2' }]
		});
		// The expected side is shown as written.
		expect(checkTyped('CCTV', 'ccty').diff.map((d) => d.expected)).toEqual(['C', 'C', 'T', 'V']);
	});
});

describe('firstConsonants', () => {
	it('gives the first consonant of each syllable', () => {
		expect(firstConsonants('안전모')).toBe('ㅇㅈㅁ');
		expect(firstConsonants('괜찮아요')).toBe('ㄱㅊㅇㅇ');
		expect(firstConsonants('빨리')).toBe('ㅃㄹ');
		expect(firstConsonants('닭')).toBe('ㄷ');
	});

	it('keeps words apart, drops punctuation, keeps other letters', () => {
		expect(firstConsonants('출입 금지!')).toBe('ㅊㅇ ㄱㅈ');
		expect(firstConsonants('  출입   금지  ')).toBe('ㅊㅇ ㄱㅈ');
		expect(firstConsonants('CCTV 확인')).toBe('CCTV ㅎㅇ');
		expect(firstConsonants('안전모'.normalize('NFD'))).toBe('ㅇㅈㅁ');
	});
});
