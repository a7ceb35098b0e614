/**
 * One run through a lesson: each word is introduced, then asked (Korean → the learner's
 * language, four choices) until answered right; a miss comes back a few steps later.
 * Plain data in, plain data out, so a half-done run is saved as a draft and resumed.
 */
import { random, shuffle } from './random';

export interface RunWord {
	id: string;
}

export type Step =
	{ kind: 'intro'; wordId: string } | { kind: 'choice'; wordId: string; options: string[] };

export interface LessonRun {
	lessonId: string;
	steps: Step[];
	position: number;
	/** Words answered right at least once. */
	learned: string[];
	answers: number;
	correct: number;
	seed: number;
	startedAt: number;
}

/** How many steps later a missed word is asked again. */
export const RETRY_GAP = 3;
const CHOICES = 4;

function choiceStep(wordId: string, wordIds: string[], next: () => number): Step {
	const others = shuffle(
		wordIds.filter((id) => id !== wordId),
		next
	).slice(0, CHOICES - 1);
	return { kind: 'choice', wordId, options: shuffle([wordId, ...others], next) };
}

/** Introduces words in pairs, each pair then asked, so a learner never faces many new words at once. */
export function startRun(
	lessonId: string,
	wordIds: string[],
	seed: number,
	now: number
): LessonRun {
	const next = random(seed);
	const steps: Step[] = [];
	for (let i = 0; i < wordIds.length; i += 2) {
		const pair = wordIds.slice(i, i + 2);
		for (const id of pair) steps.push({ kind: 'intro', wordId: id });
		for (const id of pair) steps.push(choiceStep(id, wordIds, next));
	}
	return {
		lessonId,
		steps,
		position: 0,
		learned: [],
		answers: 0,
		correct: 0,
		seed,
		startedAt: now
	};
}

export function currentStep(run: LessonRun): Step | null {
	return run.steps[run.position] ?? null;
}

export function isFinished(run: LessonRun): boolean {
	return run.position >= run.steps.length;
}

/** Moves past an intro card. */
export function continueRun(run: LessonRun): LessonRun {
	return { ...run, position: run.position + 1 };
}

/** Records a choice; a wrong one puts the word back RETRY_GAP steps later with new options. */
export function answerRun(
	run: LessonRun,
	chosenWordId: string
): { run: LessonRun; correct: boolean } {
	const step = currentStep(run);
	if (!step || step.kind !== 'choice') throw new Error('no question to answer');
	const correct = chosenWordId === step.wordId;
	const steps = [...run.steps];
	if (!correct) {
		const wordIds = [...new Set(run.steps.map((s) => s.wordId))];
		const next = random(run.seed + run.answers + 1);
		const at = Math.min(steps.length, run.position + 1 + RETRY_GAP);
		steps.splice(at, 0, choiceStep(step.wordId, wordIds, next));
	}
	const learned =
		correct && !run.learned.includes(step.wordId) ? [...run.learned, step.wordId] : run.learned;
	return {
		correct,
		run: {
			...run,
			steps,
			learned,
			position: run.position + 1,
			answers: run.answers + 1,
			correct: run.correct + (correct ? 1 : 0)
		}
	};
}
