/**
 * What a project adds to its tasks. A project keeps its options (label set, entity types,
 * multiple) once; a task as the annotator sees it, and as `validateAnswer` checks it, has them
 * spread in. Phone and server both build task data with `taskData`, so they check answers
 * against the same thing.
 */
import { matchBoxes } from './boxes';
import {
	isCorrect,
	validateAnswer,
	type TaskAnswer,
	type TaskData,
	type TaskGold
} from './task-types';
import { fitsLanguage, mediaOf, translationTarget, type TaskType } from './types';

export { fitsLanguage, mediaOf, translationTarget };

export interface ProjectOptions {
	type: TaskType;
	labels: readonly { id: string }[];
	multiple: boolean;
}

/** The task's data with the project's options spread in, ready for `TaskDataSchema[type]`. */
export function taskData(project: ProjectOptions, data: Record<string, unknown>): unknown {
	const ids = project.labels.map((label) => label.id);
	switch (project.type) {
		case 'image_classification':
		case 'text_classification':
			return { ...data, labels: ids, multiple: project.multiple };
		case 'bounding_boxes':
			return { ...data, labels: ids };
		case 'named_entities':
			return { ...data, types: ids };
		case 'transcription':
		case 'translation_check':
			return data;
	}
}

/**
 * Labels of gold the answer missed: classification labels not chosen (in verify mode, on a wrong
 * yes/no, the proposed label and the right ones), box labels of gold boxes left unmatched, entity
 * types of gold spans not found exactly. Labels are vocabulary words, so a miss can schedule its
 * word for review.
 */
export function missedLabels<T extends TaskType>(
	type: T,
	gold: TaskGold<T>,
	answer: TaskAnswer<T>
): string[] {
	switch (type) {
		case 'image_classification':
		case 'text_classification': {
			const g = gold as TaskGold<'image_classification'>;
			const a = answer as TaskAnswer<'image_classification'>;
			if ('accept' in a) {
				const right = a.accept === g.labels.includes(a.proposed);
				return right ? [] : unique([a.proposed, ...g.labels]);
			}
			return g.labels.filter((label) => !a.labels.includes(label));
		}
		case 'bounding_boxes': {
			const g = (gold as TaskGold<'bounding_boxes'>).boxes;
			const { missed } = matchBoxes(g, (answer as TaskAnswer<'bounding_boxes'>).boxes);
			return unique(missed.map((index) => g[index]?.label ?? '').filter(Boolean));
		}
		case 'named_entities': {
			const spans = (answer as TaskAnswer<'named_entities'>).spans;
			const found = (span: { start: number; end: number; type: string }) =>
				spans.some((s) => s.start === span.start && s.end === span.end && s.type === span.type);
			const g = (gold as TaskGold<'named_entities'>).spans;
			return unique(g.filter((span) => !found(span)).map((span) => span.type));
		}
		case 'transcription':
		case 'translation_check':
			return [];
	}
	return [];
}

function unique(values: readonly string[]): string[] {
	return [...new Set(values)];
}

export type { TaskAnswer, TaskData, TaskGold };

export interface Judged<T extends TaskType> {
	/** The answer as parsed (trimmed) by `validateAnswer`. */
	answer: TaskAnswer<T>;
	correct: boolean;
}

/**
 * An answer checked against its task and scored against gold, in one step: null when it does
 * not fit the task (such an answer is never stored, so it is never scored either). The phone
 * (training feedback) and the server (qualification, hidden gold) both judge with this.
 */
export function judge<T extends TaskType>(
	type: T,
	data: unknown,
	gold: unknown,
	answer: unknown
): Judged<T> | null {
	const checked = validateAnswer(type, data as TaskData<T>, answer);
	if (!checked.ok) return null;
	return { answer: checked.answer, correct: isCorrect(type, gold as TaskGold<T>, checked.answer) };
}

/**
 * A training answer scored at once on the phone: right or wrong against the item's gold, or
 * null when the item is not training or the answer does not fit the task.
 */
export function scoreTraining(
	type: TaskType,
	task: { kind: string; data: unknown; gold?: unknown },
	answer: unknown
): boolean | null {
	if (task.kind !== 'training' || task.gold === undefined) return null;
	return judge(type, task.data, task.gold, answer)?.correct ?? null;
}

/**
 * Gold checked as if it were an answer, where the two have one shape; shared by the content
 * loader and imports. `data` has the project's options spread in.
 */
export function goldProblem(type: TaskType, data: unknown, gold: unknown): string | null {
	if (type === 'transcription' || type === 'translation_check') return null;
	// A yes/no task keeps ordinary gold labels: check them as a pick from the label set.
	const asPick =
		type === 'image_classification' ? { ...(data as object), proposed: undefined } : data;
	const result = validateAnswer(type, asPick as never, gold);
	return result.ok ? null : result.reason;
}
