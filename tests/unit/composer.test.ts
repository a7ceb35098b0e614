import { describe, expect, it } from 'vitest';
import {
	advance,
	answer,
	composeLesson,
	composeReview,
	isComposedRun,
	reviewRoom,
	MAX_REVIEW_SESSION,
	currentStep,
	isFinished,
	progress,
	RETRY_GAP,
	stepWordIds,
	type ComposedRun,
	type LessonStep,
	type LessonWord
} from '$lib/lessons/composer';
import { firstConsonants } from '$lib/lessons/hangul-check';

const HANGUL = ['안전모', '장갑', '출입 금지', '괜찮아요', '닭', '빨리', '병원', '사과', '우유'];

function words(n: number, prefix = 'w'): LessonWord[] {
	return Array.from({ length: n }, (_, i) => ({
		id: `${prefix}${i + 1}`,
		hangul: prefix === 'w' ? (HANGUL[i] ?? `단어${i}`) : `복습${i}`
	}));
}

/** w3 → "i3" intro, "m3" meaning_choice, "r3"/"t3"/"l3" reverse/typing/listening, "M(…)" matching. */
function shape(steps: LessonStep[]): string[] {
	const letter = { meaning_choice: 'm', reverse_choice: 'r', typing: 't', listening: 'l' };
	return steps.map((s) => {
		if (s.kind === 'intro') return `i${s.wordId.slice(1)}`;
		if (s.kind === 'matching') return `M(${[...s.wordIds].sort().join(',')})`;
		return `${letter[s.kind]}${s.wordId.slice(1)}`;
	});
}

/** Structural promises of every composed lesson. */
function expectWellFormed(run: ComposedRun, given: LessonWord[], review: LessonWord[] = []) {
	const { steps } = run;
	const hangul = new Map([...given, ...review].map((w) => [w.id, w.hangul]));
	const wordCount = run.newWordIds.length + run.reviewWordIds.length;
	const introAt = new Map<string, number>();
	steps.forEach((s, i) => {
		if (s.kind === 'intro') {
			expect(introAt.has(s.wordId), `intro twice: ${s.wordId}`).toBe(false);
			introAt.set(s.wordId, i);
		}
	});
	// Every new word is introduced, review words never are.
	expect([...introAt.keys()].sort()).toEqual([...run.newWordIds].sort());

	const waiting = new Set<string>();
	steps.forEach((step, i) => {
		for (const id of stepWordIds(step)) {
			if (run.newWordIds.includes(id)) {
				expect(introAt.get(id), `${id} asked before its intro`).toBeLessThan(i);
			} else {
				expect(run.reviewWordIds).toContain(id);
			}
		}
		if (step.kind === 'intro') waiting.add(step.wordId);
		for (const id of stepWordIds(step)) waiting.delete(id);
		expect(waiting.size).toBeLessThanOrEqual(2);
		// Not the same word twice in a row (a matching of all the lesson's words cannot help it).
		const coversAll = (s: LessonStep | undefined) =>
			s?.kind === 'matching' && s.wordIds.length === wordCount;
		if (i > 0 && wordCount >= 3 && !coversAll(step) && !coversAll(steps[i - 1])) {
			const before = stepWordIds(steps[i - 1]!);
			expect(
				stepWordIds(step).filter((id) => before.includes(id)),
				`steps ${i - 1} and ${i}`
			).toEqual([]);
		}
		if (
			step.kind === 'meaning_choice' ||
			step.kind === 'reverse_choice' ||
			step.kind === 'listening'
		) {
			expect(step.options).toContain(step.wordId);
			expect(new Set(step.options).size).toBe(step.options.length);
			expect(step.options).toHaveLength(Math.min(4, wordCount));
			const same = step.options.filter((id) => hangul.get(id) === hangul.get(step.wordId));
			expect(same).toEqual([step.wordId]);
		}
		if (step.kind === 'typing') {
			expect(step.hint).toBe(firstConsonants(hangul.get(step.wordId)!));
		}
		if (step.kind === 'listening') expect(run.listening).toBe(true);
		if (step.kind === 'matching') {
			expect(step.wordIds.length).toBeGreaterThanOrEqual(4);
			expect(step.wordIds.length).toBeLessThanOrEqual(5);
			expect([...step.meanings].sort()).toEqual([...step.wordIds].sort());
			expect(step.meanings).not.toEqual(step.wordIds);
			const spellings = step.wordIds.map((id) => hangul.get(id));
			expect(new Set(spellings).size).toBe(spellings.length);
		}
	});

	// Each new word: its first question is meaning_choice, and it has a second one after.
	for (const id of run.newWordIds) {
		const asks = steps.filter(
			(s) => s.kind !== 'intro' && s.kind !== 'matching' && s.wordId === id
		);
		expect(asks[0]?.kind, id).toBe('meaning_choice');
		expect(asks.length, id).toBeGreaterThanOrEqual(2);
	}
	for (const id of run.reviewWordIds) {
		expect(steps.filter((s) => stepWordIds(s).includes(id) && s.kind !== 'matching')).toHaveLength(
			1
		);
	}
}

describe('composeLesson', () => {
	it('5 new words: pairs introduced then asked, second exercises interleaved, matching last', () => {
		const run = composeLesson(words(5), { seed: 1, listening: false });
		expect(run.newWordIds).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
		// Word n's second exercise: reverse_choice (rn) or typing (tn), never listening here.
		const s = shape(run.steps);
		const second = (n: number) => s[[7, 9, 12, 13, 14][n - 1]!]!;
		for (const n of [1, 2, 3, 4, 5]) expect(second(n)).toMatch(new RegExp(`^[rt]${n}$`));
		// prettier-ignore
		expect(s).toEqual([
			'i1', 'i2', 'm1', 'm2',
			'i3', 'i4', 'm3', second(1), 'm4', second(2),
			'i5', 'm5', second(3), second(4), second(5),
			// w5 was asked just before: the matching leaves it out.
			'M(w1,w2,w3,w4)'
		]);
		// Second exercises take turns between reverse_choice and typing.
		const kinds = [1, 2, 3, 4, 5].map((n) => second(n).slice(0, 1));
		expect(kinds.every((k, i) => i === 0 || k !== kinds[i - 1])).toBe(true);
		expect(new Set(kinds)).toEqual(new Set(['r', 't']));
		expectWellFormed(run, words(5));
	});

	it('7 new words with listening: all three second kinds in turn', () => {
		const run = composeLesson(words(7), { seed: 2, listening: true });
		const s = shape(run.steps);
		expect(s.filter((x) => x.startsWith('i'))).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7']);
		const seconds = s.filter((x) => /^[rtl]/.test(x));
		expect(seconds.map((x) => x.slice(1))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
		const kinds = seconds.map((x) => x[0]);
		for (let i = 3; i < kinds.length; i++) expect(kinds[i]).toBe(kinds[i - 3]);
		expect(new Set(kinds)).toEqual(new Set(['r', 't', 'l']));
		expect(s.at(-1)).toMatch(/^M\(/);
		expect(s.at(-1)).not.toContain('w7');
		expectWellFormed(run, words(7));
	});

	it('takes 7 new words at most, in the order given; fewer when review words are many', () => {
		const many = words(9);
		expect(composeLesson(many, { seed: 1, listening: false }).newWordIds).toEqual(
			many.slice(0, 7).map((w) => w.id)
		);
		const counts = [0, 1, 2, 3, 4, 6].map(
			(r) =>
				composeLesson(many, { seed: 1, listening: false, reviewWords: words(r, 'r') }).newWordIds
					.length
		);
		expect(counts).toEqual([7, 7, 6, 6, 5, 5]);
		const withSix = composeLesson(many, { seed: 1, listening: false, reviewWords: words(6, 'r') });
		expect(withSix.reviewWordIds).toEqual(['r1', 'r2', 'r3', 'r4']);
		expect(composeLesson(words(3), { seed: 1, listening: false }).newWordIds).toEqual([
			'w1',
			'w2',
			'w3'
		]);
	});

	it('review words: no intro, one exercise each, spread over the lesson', () => {
		const review = words(3, 'r');
		const run = composeLesson(words(9), { seed: 4, listening: true, reviewWords: review });
		expectWellFormed(run, words(9), review);
		const at = run.steps
			.map((s, i) =>
				stepWordIds(s).some((id) => id.startsWith('r')) && s.kind !== 'matching' ? i : -1
			)
			.filter((i) => i >= 0);
		expect(at).toHaveLength(3);
		expect(at[0]).toBeLessThan(run.steps.length / 2);
		for (const i of at) expect(run.steps[i]!.kind).not.toBe('meaning_choice');
	});

	it('keeps its promises for every size, seed and option', () => {
		for (let n = 1; n <= 9; n++) {
			for (const reviews of [0, 1, 2, 4]) {
				for (const listening of [false, true]) {
					for (const seed of [1, 2, 3, 77, 2024]) {
						const review = words(reviews, 'r');
						const run = composeLesson(words(n), { seed, listening, reviewWords: review });
						expectWellFormed(run, words(n), review);
						const total = run.newWordIds.length + run.reviewWordIds.length;
						expect(run.steps.some((s) => s.kind === 'matching')).toBe(total >= 4);
						if (listening && run.newWordIds.length >= 3) {
							expect(run.steps.some((s) => s.kind === 'listening')).toBe(true);
						}
					}
				}
			}
		}
	});

	it('same-spelt words are never options of each other', () => {
		const homonyms: LessonWord[] = [
			{ id: 'pear', hangul: '배' },
			{ id: 'boat', hangul: '배' },
			{ id: 'belly', hangul: '배' },
			...words(4)
		];
		for (const seed of [1, 2, 3, 4, 5]) {
			expectWellFormed(composeLesson(homonyms, { seed, listening: true }), homonyms);
		}
	});

	it('a tiny lesson borrows wrong options from its deck', () => {
		const tiny: LessonWord[] = [
			{ id: 'w1', hangul: '안전모', deckWordIds: ['d1', 'd2', 'w2'] },
			{ id: 'w2', hangul: '장갑', deckWordIds: ['d3', 'w1'] }
		];
		const run = composeLesson(tiny, { seed: 3, listening: false });
		expect(run.deckWordIds.sort()).toEqual(['d1', 'd2', 'd3']);
		for (const step of run.steps) {
			if (step.kind !== 'meaning_choice' && step.kind !== 'reverse_choice') continue;
			expect(step.options).toHaveLength(4);
			expect(step.options).toContain(step.wordId);
			// The other lesson word first, then deck words.
			expect(step.options).toContain(step.wordId === 'w1' ? 'w2' : 'w1');
		}
		// With enough lesson words the deck is not needed.
		const full = words(5).map((w) => ({ ...w, deckWordIds: ['d1', 'd2', 'd3'] }));
		const big = composeLesson(full, { seed: 3, listening: false });
		for (const step of big.steps) {
			if ('options' in step) expect(step.options.filter((id) => id.startsWith('d'))).toEqual([]);
		}
	});

	it('is deterministic for a seed', () => {
		const a = composeLesson(words(7), { seed: 31, listening: true, reviewWords: words(2, 'r') });
		const b = composeLesson(words(7), { seed: 31, listening: true, reviewWords: words(2, 'r') });
		const c = composeLesson(words(7), { seed: 32, listening: true, reviewWords: words(2, 'r') });
		expect(a).toEqual(b);
		expect(c.steps).not.toEqual(a.steps);
	});

	it('refuses a lesson without words', () => {
		expect(() => composeLesson([], { seed: 1, listening: false })).toThrow();
	});
});

/**
 * A learner who gets each word in `misses` wrong that many times, then right. Checks the run's
 * promises after every move; returns the played steps in order.
 */
function play(start: ComposedRun, misses: Map<string, number>, stopAfter = Infinity) {
	const left = new Map(misses);
	const played: LessonStep[] = [];
	const retries: {
		missedAt: number;
		placedAt: number;
		stepsAfter: number;
		kind: string;
		was: string;
	}[] = [];
	/** Retries of a missed last step: nothing else is left to put between. */
	const forced = new Set<LessonStep>();
	let run = start;
	for (let moves = 0; !isFinished(run) && run.answers < stopAfter; moves++) {
		if (moves > 500) throw new Error('the run never finishes');
		// Every word asked and not yet right is still to be asked.
		const ahead = run.steps.slice(run.position);
		for (const id of [...run.newWordIds, ...run.reviewWordIds]) {
			if (run.learned.includes(id)) continue;
			expect(
				ahead.some((s) => stepWordIds(s).includes(id)),
				`${id} is lost`
			).toBe(true);
		}
		const step = currentStep(run)!;
		if (step.kind === 'intro') {
			played.push(step);
			run = advance(run);
			continue;
		}
		const wordId =
			step.kind === 'matching'
				? step.wordIds.find((id) => !run.matched.includes(id))!
				: step.wordId;
		const miss = (left.get(wordId) ?? 0) > 0;
		if (miss) left.set(wordId, left.get(wordId)! - 1);
		const before = run;
		run = answer(run, { wordId, correct: !miss });
		if (run.position !== before.position || step.kind !== 'matching') {
			if (played.at(-1) !== step) played.push(step);
		}
		const added = run.steps.length - before.steps.length;
		if (miss && added === 1) {
			const placedAt = run.steps.findIndex(
				(s, i) => i > before.position && !before.steps.includes(s)
			);
			const retry = run.steps[placedAt]!;
			expect(stepWordIds(retry)).toEqual([wordId]);
			if (before.position === before.steps.length - 1) forced.add(retry);
			retries.push({
				missedAt: before.position,
				placedAt,
				stepsAfter: before.steps.length,
				kind: retry.kind,
				was: step.kind
			});
		} else {
			expect(added).toBe(0);
		}
		expect(run.answers).toBe(before.answers + 1);
		expect(run.correct).toBe(before.correct + (miss ? 0 : 1));
	}
	return { run, played, retries, left, forced };
}

describe('answer', () => {
	it('a run without misses asks each planned step once and finishes', () => {
		const start = composeLesson(words(6), { seed: 5, listening: true });
		const { run, played } = play(start, new Map());
		expect(isFinished(run)).toBe(true);
		expect(played).toEqual(start.steps);
		expect(run.steps).toEqual(start.steps);
		expect([...run.learned].sort()).toEqual([...start.newWordIds].sort());
		const matching = start.steps.find((s) => s.kind === 'matching');
		const questions = start.steps.filter((s) => s.kind !== 'intro' && s.kind !== 'matching');
		expect(run.answers).toBe(questions.length + (matching ? stepWordIds(matching).length : 0));
		expect(run.correct).toBe(run.answers);
		expect(progress(run)).toEqual({ learned: 6, total: 6 });
	});

	it('a miss comes back RETRY_GAP steps later as another kind', () => {
		let run = composeLesson(words(5), { seed: 1, listening: false });
		run = advance(advance(run));
		expect(currentStep(run)).toMatchObject({ kind: 'meaning_choice', wordId: 'w1' });
		const after = answer(run, { wordId: 'w1', correct: false });
		expect(after.position).toBe(3);
		expect(after.steps).toHaveLength(run.steps.length + 1);
		// Steps 3 (m2), 4 (i3), 5 (i4) come first, then w1 again, as reverse_choice.
		expect(after.steps[2 + 1 + RETRY_GAP]).toMatchObject({
			kind: 'reverse_choice',
			wordId: 'w1',
			retry: true
		});
		expect(after.learned).toEqual([]);
		expect(progress(after)).toEqual({ learned: 0, total: 5 });
	});

	it('finishes only when every word was answered right, whatever was missed', () => {
		for (const seed of [1, 2, 3, 4]) {
			for (const listening of [false, true]) {
				const start = composeLesson(words(7), {
					seed,
					listening,
					reviewWords: words(2, 'r')
				});
				const misses = new Map([
					['w1', 2],
					['w4', 1],
					['w6', 3],
					['r2', 1]
				]);
				const { run, played, retries, left, forced } = play(start, misses);
				expect([...left.values()].every((n) => n === 0)).toBe(true);
				expect([...run.learned].sort()).toEqual([...run.newWordIds, ...run.reviewWordIds].sort());
				expect(run.answers - run.correct).toBe(7);
				// Every miss brought its word back, as another kind of exercise.
				expect(retries.length).toBeGreaterThan(0);
				for (const retry of retries) {
					expect(retry.kind).not.toBe(retry.was);
					if (!listening) expect(retry.kind).not.toBe('listening');
					// RETRY_GAP steps later, or a little later/earlier to keep words apart.
					const preferred = Math.min(retry.stepsAfter, retry.missedAt + 1 + RETRY_GAP);
					expect(Math.abs(retry.placedAt - preferred)).toBeLessThanOrEqual(2);
					// Not right after the miss, unless the miss was the last step.
					if (retry.missedAt < retry.stepsAfter - 1) {
						expect(retry.placedAt).toBeGreaterThan(retry.missedAt + 1);
					}
				}
				// Played in order, the same word was never asked twice in a row (but a miss on the
				// last step can only be asked again at once).
				for (let i = 1; i < played.length; i++) {
					if (forced.has(played[i]!)) continue;
					const a = stepWordIds(played[i - 1]!);
					expect(stepWordIds(played[i]!).filter((id) => a.includes(id))).toEqual([]);
				}
			}
		}
	});

	it('any size, any misses: ends with every word right, words kept apart where they can be', () => {
		let seed = 1;
		for (let n = 1; n <= 8; n++) {
			for (const reviews of [0, 2]) {
				for (const listening of [false, true]) {
					seed++;
					const start = composeLesson(words(n), {
						seed,
						listening,
						reviewWords: words(reviews, 'r')
					});
					const ids = [...start.newWordIds, ...start.reviewWordIds];
					const misses = new Map(ids.map((id, i) => [id, (i * seed) % 3] as const));
					const { run, played, forced } = play(start, misses);
					expect(isFinished(run)).toBe(true);
					expect([...run.learned].sort()).toEqual([...ids].sort());
					expect(run.answers - run.correct).toBe([...misses.values()].reduce((a, b) => a + b, 0));
					if (ids.length < 3) continue;
					for (let i = 1; i < played.length; i++) {
						const [a, b] = [played[i - 1]!, played[i]!];
						if (forced.has(b)) continue;
						if ([a, b].some((s) => s.kind === 'matching' && s.wordIds.length === ids.length))
							continue;
						expect(
							stepWordIds(b).filter((id) => stepWordIds(a).includes(id)),
							`n=${n} #${i}`
						).toEqual([]);
					}
				}
			}
		}
	});

	it('matching: one answer per pair, a wrong pair comes back later, the step ends when all match', () => {
		const start = composeLesson(words(5), { seed: 1, listening: false });
		const matchingAt = start.steps.findIndex((s) => s.kind === 'matching');
		expect(matchingAt).toBe(start.steps.length - 1);
		// Answer everything right up to the matching step.
		const questions = start.steps.filter((s) => s.kind !== 'intro').length - 1;
		let run = play(start, new Map(), questions).run;
		expect(run.position).toBe(matchingAt);
		const step = currentStep(run)!;
		if (step.kind !== 'matching') throw new Error('expected matching');
		const [a, b, ...others] = step.wordIds as [string, string, ...string[]];
		const at = run.position;

		run = answer(run, { wordId: a, correct: true });
		expect(run.position).toBe(at);
		expect(run.matched).toEqual([a]);
		expect(() => answer(run, { wordId: a, correct: true })).toThrow(/already matched/);
		expect(() => answer(run, { wordId: 'w5', correct: true })).toThrow(/not asked/);

		run = answer(run, { wordId: b, correct: false });
		expect(run.position).toBe(at);
		expect(run.matched).toEqual([a]);
		// The retry goes after the matching step: it is the last step of the lesson.
		expect(run.steps.at(-1)).toMatchObject({ kind: 'meaning_choice', wordId: b, retry: true });
		// Another wrong try on the same pair does not add a second retry.
		const steps = run.steps.length;
		run = answer(run, { wordId: b, correct: false });
		expect(run.steps).toHaveLength(steps);

		for (const id of [b, ...others]) run = answer(run, { wordId: id, correct: true });
		expect(run.position).toBe(at + 1);
		expect(run.matched).toEqual([]);
		expect(isFinished(run)).toBe(false);
		expect(currentStep(run)).toMatchObject({ wordId: b, retry: true });
		run = answer(run, { wordId: b, correct: true });
		expect(isFinished(run)).toBe(true);
	});

	it('refuses answers on an intro, for another word, or after the end; advance only on intros', () => {
		const run = composeLesson(words(5), { seed: 1, listening: false });
		expect(() => answer(run, { wordId: 'w1', correct: true })).toThrow();
		const asking = advance(advance(run));
		expect(() => advance(asking)).toThrow();
		expect(() => answer(asking, { wordId: 'w2', correct: true })).toThrow(/not asked/);
		const done = play(run, new Map()).run;
		expect(() => answer(done, { wordId: 'w1', correct: true })).toThrow();
	});

	it('survives a JSON round trip (draft) and continues identically', () => {
		const start = composeLesson(words(7), {
			seed: 99,
			listening: true,
			reviewWords: words(2, 'r'),
			startedAt: 1_700_000_000_000
		});
		const misses = new Map([
			['w2', 2],
			['w5', 1],
			['r1', 1]
		]);
		const partial = play(start, misses, 9);
		expect(isFinished(partial.run)).toBe(false);
		expect(partial.retries.length).toBeGreaterThan(0);
		const draft = JSON.parse(JSON.stringify(partial.run)) as ComposedRun;
		expect(draft).toEqual(partial.run);
		const resumed = play(draft, partial.left);
		const original = play(partial.run, partial.left);
		expect(resumed.run).toEqual(original.run);
		expect(resumed.played).toEqual(original.played);
		expect(play(start, misses).run).toEqual(original.run);
		expect(original.run.startedAt).toBe(1_700_000_000_000);
	});
});

describe('composeReview', () => {
	const due = (n: number) => words(n, 'r');

	it('asks each due word once, kinds in turn, matching the last words when there are five or more', () => {
		const run = composeReview(due(8), { seed: 3, listening: true });
		expect(run.steps.some((s) => s.kind === 'intro')).toBe(false);
		const singles = run.steps.filter((s) => s.kind !== 'matching');
		const matching = run.steps.filter((s) => s.kind === 'matching');
		expect(singles).toHaveLength(3);
		expect(matching).toHaveLength(1);
		const asked = run.steps.flatMap(stepWordIds).sort();
		expect(asked).toEqual(
			due(8)
				.map((w) => w.id)
				.sort()
		);
		expect(new Set(singles.map((s) => s.kind)).size).toBe(3);
	});

	it('without listening never asks listening; few words get no matching', () => {
		for (let seed = 0; seed < 20; seed++) {
			const run = composeReview(due(4), { seed, listening: false });
			expect(run.steps.map((s) => s.kind)).not.toContain('listening');
			expect(run.steps.map((s) => s.kind)).not.toContain('matching');
			expect(run.steps).toHaveLength(4);
		}
	});

	it(`takes at most ${MAX_REVIEW_SESSION} words, the most urgent (first given)`, () => {
		const run = composeReview(due(30), { seed: 1, listening: false });
		expect(run.reviewWordIds).toEqual(
			due(30)
				.slice(0, MAX_REVIEW_SESSION)
				.map((w) => w.id)
		);
	});

	it('ends only when every word was answered right, misses coming back', () => {
		const start = composeReview(due(9), { seed: 5, listening: true });
		const misses = new Map([
			['r1', 2],
			['r9', 1]
		]);
		const { run, retries } = play(start, misses);
		expect(isFinished(run)).toBe(true);
		expect([...run.learned].sort()).toEqual(
			due(9)
				.map((w) => w.id)
				.sort()
		);
		expect(retries.length).toBeGreaterThan(0);
	});

	it('refuses a review without words', () => {
		expect(() => composeReview([], { seed: 1, listening: false })).toThrow(RangeError);
	});
});

describe('reviewRoom and isComposedRun', () => {
	it('never makes a lesson drop one of its new words', () => {
		for (let n = 5; n <= 7; n++) {
			const run = composeLesson(words(n), {
				seed: n,
				listening: false,
				reviewWords: words(reviewRoom(n), 'r')
			});
			expect(run.newWordIds).toHaveLength(n);
			expect(run.reviewWordIds).toHaveLength(reviewRoom(n));
		}
		expect([reviewRoom(5), reviewRoom(6), reviewRoom(7)]).toEqual([4, 3, 1]);
	});

	it('tells a resumable draft from an old or broken one', () => {
		const run = composeLesson(words(5), { seed: 1, listening: false });
		expect(isComposedRun(JSON.parse(JSON.stringify(run)))).toBe(true);
		expect(isComposedRun({ lessonId: 'x', steps: [], position: 0, learned: [] })).toBe(false);
		expect(isComposedRun(null)).toBe(false);
	});
});
