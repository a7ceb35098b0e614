import { describe, expect, it } from 'vitest';
import { isCorrectClassification, scoreClassification } from '$lib/labeling/classification';
import {
	answerRun,
	continueRun,
	currentStep,
	isFinished,
	RETRY_GAP,
	startRun,
	type LessonRun,
	type Step
} from '$lib/lessons/lesson-run';
import { ratingFor, SLOW_ANSWER_MS } from '$lib/srs/rating';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word-${i + 1}`);

function choices(run: LessonRun): Extract<Step, { kind: 'choice' }>[] {
	return run.steps.filter((s): s is Extract<Step, { kind: 'choice' }> => s.kind === 'choice');
}

function expectGoodOptions(step: Step, wordIds: string[]) {
	if (step.kind !== 'choice') return;
	expect(step.options).toContain(step.wordId);
	expect(new Set(step.options).size).toBe(step.options.length);
	expect(step.options).toHaveLength(Math.min(4, wordIds.length));
	for (const option of step.options) expect(wordIds).toContain(option);
}

/**
 * A learner who misses each word in `misses` the given number of times before getting it.
 * Checks the run's promises after every move and returns the run and what happened.
 */
function play(start: LessonRun, misses: Map<string, number>, stopAfterAnswers = Infinity) {
	const maxMoves = 1_000;
	const wordIds = [...new Set(start.steps.map((s) => s.wordId))];
	const left = new Map(misses);
	const missedAt: { position: number; wordId: string; stepsBefore: number; retryAt: number }[] = [];
	const asked: string[] = [];
	const right = new Set(start.learned);
	let run = start;
	for (let moves = 0; !isFinished(run) && asked.length < stopAfterAnswers; moves++) {
		if (moves > maxMoves) throw new Error('the run never finishes');
		// Every word not yet answered right is still to be asked.
		for (const id of wordIds) {
			if (run.learned.includes(id)) continue;
			const ahead = run.steps.slice(run.position);
			expect(ahead.some((s) => s.kind === 'choice' && s.wordId === id)).toBe(true);
		}
		const step = currentStep(run)!;
		if (step.kind === 'intro') {
			run = continueRun(run);
			continue;
		}
		expectGoodOptions(step, wordIds);
		asked.push(step.wordId);
		const toMiss = left.get(step.wordId) ?? 0;
		const wrong = step.options.find((o) => o !== step.wordId);
		const choice = toMiss > 0 && wrong ? wrong : step.wordId;
		if (choice !== step.wordId) left.set(step.wordId, toMiss - 1);
		const before = run;
		const result = answerRun(run, choice);
		expect(result.correct).toBe(choice === step.wordId);
		if (!result.correct) {
			const retryAt = result.run.steps.findIndex(
				(s, i) => i > before.position && s.kind === 'choice' && s.wordId === step.wordId
			);
			missedAt.push({
				position: before.position,
				wordId: step.wordId,
				stepsBefore: before.steps.length,
				retryAt
			});
			expect(result.run.steps).toHaveLength(before.steps.length + 1);
		} else {
			expect(result.run.steps).toEqual(before.steps);
		}
		if (result.correct) right.add(step.wordId);
		// `learned` is exactly the words answered right so far, each once.
		expect([...result.run.learned].sort()).toEqual([...right].sort());
		run = result.run;
	}
	return { run, missedAt, asked, left };
}

describe('startRun', () => {
	it('introduces every word once, before asking it', () => {
		for (const n of [1, 2, 3, 5, 8]) {
			const ids = words(n);
			const run = startRun('lesson-01', ids, 42, 1_000);
			expect(run).toMatchObject({
				lessonId: 'lesson-01',
				position: 0,
				learned: [],
				answers: 0,
				correct: 0,
				seed: 42,
				startedAt: 1_000
			});
			const intros = run.steps.filter((s) => s.kind === 'intro').map((s) => s.wordId);
			expect([...intros].sort()).toEqual([...ids].sort());
			expect(
				choices(run)
					.map((s) => s.wordId)
					.sort()
			).toEqual([...ids].sort());
			run.steps.forEach((step, i) => {
				if (step.kind !== 'choice') return;
				const introAt = run.steps.findIndex((s) => s.kind === 'intro' && s.wordId === step.wordId);
				expect(introAt).toBeGreaterThanOrEqual(0);
				expect(introAt).toBeLessThan(i);
			});
		}
	});

	it('never has more than two words introduced and not yet asked', () => {
		const run = startRun('lesson-01', words(9), 7, 0);
		const waiting = new Set<string>();
		for (const step of run.steps) {
			if (step.kind === 'intro') waiting.add(step.wordId);
			else waiting.delete(step.wordId);
			expect(waiting.size).toBeLessThanOrEqual(2);
		}
	});

	it('gives options with the right word, no duplicates, and 4 of them when there are ≥ 4 words', () => {
		for (const n of [1, 2, 3, 4, 5, 12]) {
			for (const seed of [1, 2, 3, 99, 123_456]) {
				const ids = words(n);
				const run = startRun('lesson', ids, seed, 0);
				for (const step of choices(run)) expectGoodOptions(step, ids);
			}
		}
	});

	it('does not always put the right word in the same place', () => {
		const run = startRun('lesson', words(12), 5, 0);
		const places = new Set(choices(run).map((s) => s.options.indexOf(s.wordId)));
		expect(places.size).toBeGreaterThan(1);
	});

	it('same seed → same run; another seed → other options', () => {
		const ids = words(8);
		expect(startRun('l', ids, 31, 0)).toEqual(startRun('l', ids, 31, 0));
		expect(startRun('l', ids, 31, 0).steps).not.toEqual(startRun('l', ids, 32, 0).steps);
	});
});

describe('answering', () => {
	it('finishes only when every word was answered right at least once', () => {
		const ids = words(6);
		const misses = new Map([
			['word-1', 1],
			['word-4', 1],
			['word-6', 1]
		]);
		const { run, missedAt, asked } = play(startRun('lesson-01', ids, 9, 0), misses);

		expect([...run.learned].sort()).toEqual([...ids].sort());
		expect(missedAt.map((m) => m.wordId).sort()).toEqual(['word-1', 'word-4', 'word-6']);
		expect(run.answers).toBe(ids.length + 3);
		expect(run.correct).toBe(ids.length);
		expect(asked.filter((id) => id === 'word-1')).toHaveLength(2);
		expect(asked.filter((id) => id === 'word-2')).toHaveLength(1);
		expect(currentStep(run)).toBeNull();
	});

	it('keeps asking a word missed several times until it is right', () => {
		const ids = words(4);
		const { run, asked } = play(startRun('l', ids, 3, 0), new Map([['word-2', 3]]));
		expect(asked.filter((id) => id === 'word-2')).toHaveLength(4);
		expect([...run.learned].sort()).toEqual(ids);
		expect(run.correct).toBe(4);
		expect(run.answers).toBe(7);
	});

	it('a missed word comes back after RETRY_GAP other steps (or at the end)', () => {
		const ids = words(8);
		const { missedAt } = play(
			startRun('l', ids, 11, 0),
			new Map(ids.map((id) => [id, 1] as const))
		);
		expect(missedAt.length).toBeGreaterThanOrEqual(ids.length);
		let inMiddle = 0;
		for (const miss of missedAt) {
			const expected = Math.min(miss.stepsBefore, miss.position + 1 + RETRY_GAP);
			expect(miss.retryAt).toBe(expected);
			if (expected === miss.position + 1 + RETRY_GAP) inMiddle++;
		}
		expect(inMiddle).toBeGreaterThan(0);
	});

	it('a miss near the end puts the word at the end', () => {
		const ids = words(2);
		let run = startRun('l', ids, 1, 0);
		run = continueRun(continueRun(run));
		run = answerRun(run, run.steps[2]!.wordId).run;
		const step = currentStep(run)!;
		expect(step.kind).toBe('choice');
		const wrong = step.kind === 'choice' ? step.options.find((o) => o !== step.wordId)! : '';
		const { run: after, correct } = answerRun(run, wrong);
		expect(correct).toBe(false);
		expect(after.steps.at(-1)).toMatchObject({ kind: 'choice', wordId: step.wordId });
		expect(isFinished(after)).toBe(false);
	});

	it('refuses an answer on an intro card or after the end', () => {
		const run = startRun('l', words(3), 1, 0);
		expect(currentStep(run)?.kind).toBe('intro');
		expect(() => answerRun(run, 'word-1')).toThrow();
		const done = play(run, new Map()).run;
		expect(isFinished(done)).toBe(true);
		expect(() => answerRun(done, 'word-1')).toThrow();
	});

	it('survives a JSON round trip (draft) and continues identically', () => {
		const ids = words(7);
		const misses = new Map([
			['word-2', 2],
			['word-5', 1],
			['word-7', 1]
		]);
		const start = startRun('lesson-04', ids, 2024, 1_700_000_000_000);
		// Play part of the lesson, with misses already made, then save it as a draft.
		const partial = play(start, misses, 6);
		expect(isFinished(partial.run)).toBe(false);
		expect(partial.missedAt.length).toBeGreaterThan(0);
		const draft = JSON.parse(JSON.stringify(partial.run)) as LessonRun;
		expect(draft).toEqual(partial.run);

		const original = play(partial.run, partial.left);
		const resumed = play(draft, partial.left);

		// The whole lesson played without a break ends the same way too.
		expect(play(start, misses).run).toEqual(original.run);
		expect(resumed.run).toEqual(original.run);
		expect(resumed.asked).toEqual(original.asked);
		expect([...resumed.run.learned].sort()).toEqual(ids);
	});
});

describe('ratingFor', () => {
	it('a wrong answer is Again, however fast', () => {
		for (const ms of [0, 500, SLOW_ANSWER_MS, SLOW_ANSWER_MS + 1, 60_000]) {
			expect(ratingFor(false, ms)).toBe(1);
		}
	});

	it('a right answer is Good, or Hard when slower than SLOW_ANSWER_MS', () => {
		expect(ratingFor(true, 0)).toBe(3);
		expect(ratingFor(true, 2_000)).toBe(3);
		expect(ratingFor(true, SLOW_ANSWER_MS)).toBe(3);
		expect(ratingFor(true, SLOW_ANSWER_MS + 1)).toBe(2);
		expect(ratingFor(true, 120_000)).toBe(2);
	});

	it('never gives Easy', () => {
		for (const correct of [true, false]) {
			for (let ms = 0; ms <= 30_000; ms += 1_250) expect(ratingFor(correct, ms)).not.toBe(4);
		}
	});
});

describe('scoreClassification', () => {
	it('single label: 1 when right, 0 when wrong', () => {
		expect(scoreClassification({ labels: ['cat'] }, { labels: ['cat'] })).toBe(1);
		expect(scoreClassification({ labels: ['cat'] }, { labels: ['dog'] })).toBe(0);
		expect(scoreClassification({ labels: ['cat'] }, { labels: [] })).toBe(0);
		expect(isCorrectClassification({ labels: ['cat'] }, { labels: ['cat'] })).toBe(true);
		expect(isCorrectClassification({ labels: ['cat'] }, { labels: ['dog'] })).toBe(false);
	});

	it('multi label: set F1', () => {
		const gold = { labels: ['car', 'bus', 'bike'] };
		expect(scoreClassification(gold, { labels: ['bike', 'car', 'bus'] })).toBe(1);
		// precision 1, recall 2/3 → F1 0.8
		expect(scoreClassification(gold, { labels: ['car', 'bus'] })).toBeCloseTo(0.8, 10);
		// precision 2/4, recall 2/3 → F1 4/7
		expect(scoreClassification(gold, { labels: ['car', 'bus', 'tree', 'sky'] })).toBeCloseTo(
			4 / 7,
			10
		);
		// precision 1/2, recall 1/3 → F1 0.4
		expect(scoreClassification(gold, { labels: ['car', 'tree'] })).toBeCloseTo(0.4, 10);
		expect(scoreClassification(gold, { labels: ['tree'] })).toBe(0);
		expect(isCorrectClassification(gold, { labels: ['car', 'bus'] })).toBe(false);
		expect(isCorrectClassification(gold, { labels: ['bus', 'bike', 'car'] })).toBe(true);
	});

	it('is symmetric, ignores repeats, and scores empty against empty as 1', () => {
		const a = { labels: ['x', 'y'] };
		const b = { labels: ['y', 'z', 'w'] };
		expect(scoreClassification(a, b)).toBe(scoreClassification(b, a));
		expect(scoreClassification({ labels: ['x'] }, { labels: ['x', 'x'] })).toBe(1);
		expect(scoreClassification({ labels: [] }, { labels: [] })).toBe(1);
		expect(scoreClassification({ labels: [] }, { labels: ['x'] })).toBe(0);
	});
});
