/**
 * The five-minute lesson: 5–7 new words, each introduced and then practised in a mix of
 * exercises, with a few due words from earlier lessons mixed in. Like lesson-run.ts, a run is
 * plain serializable data: the page saves it as a draft after every step and resumes it, and
 * the same seed always gives the same lesson.
 *
 * Shape of a lesson:
 * - New words come in pairs: both are introduced, then each is asked Korean → meaning
 *   (`meaning_choice`), interleaved with the second exercise of the pair before, so a word
 *   comes back after a few other steps. Never more than two words wait between their intro
 *   and their first question.
 * - Each new word's second exercise is `reverse_choice` (meaning → Korean), `typing` (type the
 *   Hangul, 초성 hint) or, when audio can be played, `listening` (hear it, choose its meaning),
 *   taken in turn so every kind appears.
 * - Review words (already learned, no intro) get one exercise each, spread over the lesson.
 * - The lesson ends with `matching`: 4–5 words to pair with their meanings at once.
 * - No word is asked in two steps in a row, where the lesson has other words to put between
 *   (a matching step of all of a four-word lesson's words always borders one of them).
 *
 * Answers: every asked word must be answered right at least once. A wrong answer brings the
 * word back RETRY_GAP steps later as a different kind of exercise; in `matching`, each pair is
 * answered on its own and the step is done when every pair is matched.
 */
import { firstConsonants } from './hangul-check';
import { random, shuffle } from './random';

export interface LessonWord {
	id: string;
	hangul: string;
	/**
	 * Other words of the word's deck: wrong options for choice questions when the lesson's own
	 * words are too few (a lesson of fewer than four words). The page must be able to show them.
	 */
	deckWordIds?: string[];
}

export type ChoiceKind = 'meaning_choice' | 'reverse_choice' | 'listening';
export type ExerciseKind = ChoiceKind | 'typing' | 'matching';

export type LessonStep =
	/** Show the word: Hangul, sound, meaning, example. Not a question. */
	| { kind: 'intro'; wordId: string }
	/**
	 * Four options (fewer in a tiny lesson), all word ids, one of them `wordId`.
	 * meaning_choice: show the Korean, options are meanings. reverse_choice: show the meaning,
	 * options are Korean. listening: play the word, options are meanings.
	 */
	| { kind: ChoiceKind; wordId: string; options: string[]; retry?: true }
	/** Type the Hangul of `wordId` shown by its meaning; `hint` is its first consonants. */
	| { kind: 'typing'; wordId: string; hint: string; retry?: true }
	/** Pair each Korean word (in `wordIds` order) with its meaning (shown in `meanings` order). */
	| { kind: 'matching'; wordIds: string[]; meanings: string[] };

export type QuestionStep = Exclude<LessonStep, { kind: 'intro' }>;

export interface ComposedRun {
	seed: number;
	listening: boolean;
	/** The new words of this lesson, in the order they are introduced. */
	newWordIds: string[];
	reviewWordIds: string[];
	/** Hangul of every new and review word (typing hints; same-spelling words never compete). */
	hangul: Record<string, string>;
	/** Deck words that may serve as wrong options. */
	deckWordIds: string[];
	steps: LessonStep[];
	position: number;
	/** Words already paired right in the current matching step. */
	matched: string[];
	/** New and review words answered right at least once. */
	learned: string[];
	answers: number;
	correct: number;
	startedAt: number;
}

export interface ComposeOptions {
	seed: number;
	/** Whether the phone can play the words' audio now (a voice, sound on). */
	listening: boolean;
	/** Due words from earlier lessons to mix in, most urgent first; at most MAX_REVIEW_WORDS. */
	reviewWords?: LessonWord[];
	/** Stored in the run for the lesson_done event's duration. */
	startedAt?: number;
}

export const MIN_NEW_WORDS = 5;
export const MAX_NEW_WORDS = 7;
export const MAX_REVIEW_WORDS = 4;
/** How many steps later a missed word is asked again. */
export const RETRY_GAP = 3;
const CHOICES = 4;
const MATCHING_MAX = 5;
const MATCHING_MIN = 4;

/** After a miss, the word comes back as another kind: easier (recognition) where it can. */
const RETRY_KIND: Record<ExerciseKind, ChoiceKind> = {
	meaning_choice: 'reverse_choice',
	reverse_choice: 'meaning_choice',
	listening: 'meaning_choice',
	typing: 'reverse_choice',
	matching: 'meaning_choice'
};

/** The words a step asks (none for an intro). */
export function stepWordIds(step: LessonStep): string[] {
	if (step.kind === 'intro') return [];
	return step.kind === 'matching' ? step.wordIds : [step.wordId];
}

function shareWord(a: LessonStep | undefined, b: LessonStep | undefined): boolean {
	if (!a || !b) return false;
	const words = stepWordIds(a);
	return stepWordIds(b).some((id) => words.includes(id));
}

interface Pool {
	newWordIds: string[];
	reviewWordIds: string[];
	hangul: Record<string, string>;
	deckWordIds: string[];
}

/** The answer and up to three wrong options: lesson words first, deck words if too few. */
function choiceOptions(wordId: string, pool: Pool, next: () => number): string[] {
	const spelling = pool.hangul[wordId];
	// A word spelt the same (배: pear, boat, belly) would be a second right answer.
	const own = [...pool.newWordIds, ...pool.reviewWordIds].filter(
		(id) => id !== wordId && pool.hangul[id] !== spelling
	);
	const deck = pool.deckWordIds.filter((id) => id !== wordId);
	const wrong = [...shuffle(own, next), ...shuffle(deck, next)].slice(0, CHOICES - 1);
	return shuffle([wordId, ...wrong], next);
}

function question(
	kind: Exclude<ExerciseKind, 'matching'>,
	wordId: string,
	pool: Pool,
	next: () => number
): QuestionStep {
	if (kind === 'typing') return { kind, wordId, hint: firstConsonants(pool.hangul[wordId] ?? '') };
	return { kind, wordId, options: choiceOptions(wordId, pool, next) };
}

function matchingStep(wordIds: string[], next: () => number): LessonStep {
	const order = shuffle(wordIds, next);
	let meanings = shuffle(wordIds, next);
	// Meanings in the same order as the words would pair themselves.
	if (meanings.every((id, i) => id === order[i])) meanings = [...meanings.slice(1), meanings[0]!];
	return { kind: 'matching', wordIds: order, meanings };
}

/** a, b, a, b, … then the rest of the longer one. */
function interleave<T>(a: T[], b: T[]): T[] {
	const out: T[] = [];
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		if (i < a.length) out.push(a[i] as T);
		if (i < b.length) out.push(b[i] as T);
	}
	return out;
}

/**
 * Puts the planned steps in order, keeping to the plan where it can: a step is taken only once
 * its new words were introduced, and never right after a step asking one of the same words
 * unless nothing else is left.
 */
function arrange(plan: LessonStep[], needsIntro: ReadonlySet<string>): LessonStep[] {
	const out: LessonStep[] = [];
	const introduced = new Set<string>();
	const rest = [...plan];
	const ready = (step: LessonStep) =>
		stepWordIds(step).every((id) => !needsIntro.has(id) || introduced.has(id));
	while (rest.length > 0) {
		const previous = out[out.length - 1];
		let index = rest.findIndex((step) => ready(step) && !shareWord(previous, step));
		if (index < 0) index = rest.findIndex(ready);
		const [step] = rest.splice(Math.max(index, 0), 1) as [LessonStep];
		out.push(step);
		if (step.kind === 'intro') introduced.add(step.wordId);
	}
	return out;
}

/**
 * Where to put `step` among `steps`, at or after `from`: as near `preferred` as it can (later
 * first), not next to a step asking the same word, and after the intros of its words. `apart`
 * is false when every place borders such a step (then `at` is the preferred place).
 */
function placeFor(
	steps: LessonStep[],
	step: LessonStep,
	from: number,
	preferred: number
): { at: number; apart: boolean } {
	const words = stepWordIds(step);
	const lastIntro = steps.reduce(
		(last, s, i) => (s.kind === 'intro' && words.includes(s.wordId) ? i : last),
		-1
	);
	const lowest = Math.max(from, lastIntro + 1);
	const target = Math.min(Math.max(preferred, lowest), steps.length);
	const fits = (at: number) => !shareWord(steps[at - 1], step) && !shareWord(steps[at], step);
	for (let at = target; at <= steps.length; at++) if (fits(at)) return { at, apart: true };
	for (let at = target - 1; at >= lowest; at--) if (fits(at)) return { at, apart: true };
	return { at: target, apart: false };
}

function uniqueById(words: readonly LessonWord[]): LessonWord[] {
	const seen = new Set<string>();
	return words.filter((w) => !seen.has(w.id) && seen.add(w.id));
}

/** A run at its first step, nothing answered yet. */
function startRun(pool: Pool, steps: LessonStep[], options: ComposeOptions): ComposedRun {
	return {
		seed: options.seed,
		listening: options.listening,
		...pool,
		steps,
		position: 0,
		matched: [],
		learned: [],
		answers: 0,
		correct: 0,
		startedAt: options.startedAt ?? 0
	};
}

/** How many review words a lesson of `newCount` new words can take without dropping any. */
export function reviewRoom(newCount: number): number {
	// composeLesson keeps max(MIN, MAX - floor(reviews / 2)) new words.
	return Math.max(0, Math.min(MAX_REVIEW_WORDS, 2 * (MAX_NEW_WORDS - newCount) + 1));
}

/** Whether a saved draft is a run this version can resume (an older shape is started afresh). */
export function isComposedRun(value: unknown): value is ComposedRun {
	const run = value as Partial<ComposedRun> | null;
	return (
		typeof run === 'object' &&
		run !== null &&
		Array.isArray(run.steps) &&
		Array.isArray(run.newWordIds) &&
		Array.isArray(run.reviewWordIds) &&
		Array.isArray(run.learned) &&
		Array.isArray(run.matched) &&
		typeof run.position === 'number'
	);
}

/**
 * Composes a lesson from the next new words (in the order given: the first 5–7 are taken,
 * fewer when review words are many) and, optionally, due review words.
 */
export function composeLesson(newWords: LessonWord[], options: ComposeOptions): ComposedRun {
	const next = random(options.seed);
	const allReview = uniqueById(options.reviewWords ?? []);
	const fresh = uniqueById(newWords);
	const newIds = new Set(fresh.map((w) => w.id));
	const review = allReview.filter((w) => !newIds.has(w.id)).slice(0, MAX_REVIEW_WORDS);
	// Two review words take the place of one new word, down to MIN_NEW_WORDS.
	const newCount = Math.max(MIN_NEW_WORDS, MAX_NEW_WORDS - Math.floor(review.length / 2));
	const chosen = fresh.slice(0, newCount);
	if (chosen.length === 0 && review.length === 0) throw new RangeError('a lesson needs words');

	const pool: Pool = {
		newWordIds: chosen.map((w) => w.id),
		reviewWordIds: review.map((w) => w.id),
		hangul: Object.fromEntries([...chosen, ...review].map((w) => [w.id, w.hangul])),
		deckWordIds: []
	};
	const own = new Set([...pool.newWordIds, ...pool.reviewWordIds]);
	pool.deckWordIds = [
		...new Set(
			[...chosen, ...review].flatMap((w) => w.deckWordIds ?? []).filter((id) => !own.has(id))
		)
	];

	// Second exercises in turn, from a seeded start, so each kind appears in every lesson.
	const kinds: Exclude<ExerciseKind, 'matching' | 'meaning_choice'>[] = options.listening
		? ['reverse_choice', 'typing', 'listening']
		: ['reverse_choice', 'typing'];
	const offset = Math.floor(next() * kinds.length);
	const kindFor = (i: number) => kinds[(offset + i) % kinds.length]!;

	const reviewSteps = review.map((w, i) => question(kindFor(i + 1), w.id, pool, next));
	const plan: LessonStep[] = [];
	let pending: LessonStep[] = [];
	for (let g = 0; g < chosen.length; g += 2) {
		const pair = chosen.slice(g, g + 2);
		for (const w of pair) plan.push({ kind: 'intro', wordId: w.id });
		const firsts = pair.map((w) => question('meaning_choice', w.id, pool, next));
		plan.push(...interleave(firsts, pending));
		pending = pair.map((w, i) => question(kindFor(g + i), w.id, pool, next));
		const spacer = reviewSteps.shift();
		if (spacer) plan.push(spacer);
	}
	plan.push(...interleave(pending, reviewSteps));
	const steps = arrange(plan, new Set(pool.newWordIds));

	// Matching: up to five new words, topped up with review words, leaving out the words asked
	// just before it when there are enough others. One word per spelling: two cards reading 배
	// could not be told apart.
	const justAsked = stepWordIds(steps[steps.length - 1] ?? { kind: 'intro', wordId: '' });
	const spellings = new Set<string | undefined>();
	const candidates = [
		...shuffle(pool.newWordIds, next),
		...shuffle(pool.reviewWordIds, next)
	].filter((id) => !spellings.has(pool.hangul[id]) && spellings.add(pool.hangul[id]));
	const apart = candidates.filter((id) => !justAsked.includes(id)).slice(0, MATCHING_MAX);
	const matchWords = apart.length >= MATCHING_MIN ? apart : candidates.slice(0, MATCHING_MAX);
	if (matchWords.length >= MATCHING_MIN) {
		const matching = matchingStep(matchWords, next);
		steps.splice(placeFor(steps, matching, 0, steps.length).at, 0, matching);
	}

	return startRun(pool, steps, options);
}

/** At most this many due words in one review session: about five minutes. */
export const MAX_REVIEW_SESSION = 20;

/**
 * A review session of due words (most urgent first, at most MAX_REVIEW_SESSION): no intros,
 * each word asked once in the lesson's exercise kinds taken in turn, a matching step closing the
 * session when it has four words or more. It is a ComposedRun, so `answer` brings missed words
 * back the same way a lesson does.
 */
export function composeReview(dueWords: LessonWord[], options: ComposeOptions): ComposedRun {
	const next = random(options.seed);
	const words = uniqueById(dueWords).slice(0, MAX_REVIEW_SESSION);
	if (words.length === 0) throw new RangeError('a review needs words');
	const pool: Pool = {
		newWordIds: [],
		reviewWordIds: words.map((w) => w.id),
		hangul: Object.fromEntries(words.map((w) => [w.id, w.hangul])),
		deckWordIds: []
	};
	const own = new Set(pool.reviewWordIds);
	pool.deckWordIds = [
		...new Set(words.flatMap((w) => w.deckWordIds ?? []).filter((id) => !own.has(id)))
	];
	const kinds: Exclude<ExerciseKind, 'matching'>[] = options.listening
		? ['meaning_choice', 'reverse_choice', 'typing', 'listening']
		: ['meaning_choice', 'reverse_choice', 'typing'];
	const offset = Math.floor(next() * kinds.length);
	// Matching takes up to five words at the end; the rest get one question each.
	const spellings = new Set<string>();
	const matchable = words.filter((w) => !spellings.has(w.hangul) && spellings.add(w.hangul));
	const matchWords =
		words.length >= MATCHING_MIN + 1 ? matchable.slice(-MATCHING_MAX).map((w) => w.id) : [];
	const asked = words.filter((w) => !matchWords.includes(w.id));
	const steps: LessonStep[] = asked.map((w, i) =>
		question(kinds[(offset + i) % kinds.length]!, w.id, pool, next)
	);
	if (matchWords.length >= MATCHING_MIN) steps.push(matchingStep(matchWords, next));
	else steps.push(...matchWords.map((id) => question('meaning_choice', id, pool, next)));
	return startRun(pool, steps, options);
}

export function currentStep(run: ComposedRun): LessonStep | null {
	return run.steps[run.position] ?? null;
}

export function isFinished(run: ComposedRun): boolean {
	return run.position >= run.steps.length;
}

/** New words answered right so far, of all the lesson's new words. */
export function progress(run: ComposedRun): { learned: number; total: number } {
	return {
		learned: run.newWordIds.filter((id) => run.learned.includes(id)).length,
		total: run.newWordIds.length
	};
}

/** Moves past an intro card. */
export function advance(run: ComposedRun): ComposedRun {
	if (currentStep(run)?.kind !== 'intro') throw new Error('not on an intro card');
	return { ...run, position: run.position + 1 };
}

/**
 * Records one answer to the current question: for `matching`, one pair (the word whose pair
 * was tried). Right: the word counts as learned. Wrong: the word comes back RETRY_GAP steps
 * later (or the nearest place not next to a step asking it) as another kind of exercise —
 * unless a retry of it is already ahead, or no place is free and a later step (the final
 * matching) asks it anyway. The run moves on after a single question, or after a matching
 * step's last pair is matched.
 */
export function answer(
	run: ComposedRun,
	result: { wordId: string; correct: boolean }
): ComposedRun {
	const step = currentStep(run);
	if (!step || step.kind === 'intro') throw new Error('no question to answer');
	const words = stepWordIds(step);
	if (!words.includes(result.wordId)) throw new Error(`${result.wordId} is not asked here`);
	if (step.kind === 'matching' && run.matched.includes(result.wordId)) {
		throw new Error(`${result.wordId} is already matched`);
	}

	const steps = [...run.steps];
	if (!result.correct) {
		const ahead = steps.slice(run.position + 1);
		const retryAhead = ahead.some(
			(s) => s.kind !== 'intro' && s.kind !== 'matching' && s.retry && s.wordId === result.wordId
		);
		if (!retryAhead) {
			const next = random(run.seed + run.answers + 1);
			let kind: Exclude<ExerciseKind, 'matching'> = RETRY_KIND[step.kind];
			if (kind === 'listening' && !run.listening) kind = 'meaning_choice';
			const retry = { ...question(kind, result.wordId, run, next), retry: true as const };
			const { at, apart } = placeFor(steps, retry, run.position + 1, run.position + 1 + RETRY_GAP);
			// Near the end a retry may fit only beside a step that asks the word anyway (the
			// final matching): that step is the retry then.
			const askedAhead = ahead.some((s) => stepWordIds(s).includes(result.wordId));
			if (apart || !askedAhead) steps.splice(at, 0, retry);
		}
	}

	let position = run.position + 1;
	let matched: string[] = [];
	if (step.kind === 'matching') {
		matched = result.correct ? [...run.matched, result.wordId] : run.matched;
		if (matched.length < words.length) position = run.position;
		else matched = [];
	}
	const learned =
		result.correct && !run.learned.includes(result.wordId)
			? [...run.learned, result.wordId]
			: run.learned;
	return {
		...run,
		steps,
		position,
		matched,
		learned,
		answers: run.answers + 1,
		correct: run.correct + (result.correct ? 1 : 0)
	};
}
