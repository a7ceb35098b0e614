/**
 * Task data, gold and earlier answers reach the task view as `unknown` (from IndexedDB or the
 * network), so the view parses them once with the labeling schemas and hands each component
 * typed values. A task whose data does not parse is not shown rather than half-shown.
 */
import * as v from 'valibot';
import {
	TaskAnswerSchema,
	TaskDataSchema,
	TaskGoldSchema,
	type TaskAnswer,
	type TaskData
} from '$lib/labeling/task-types';
import type { TaskType } from '$lib/labeling/types';
import type { TaskFeedback, TaskLabel } from './types';

export type PreparedTask = {
	[T in TaskType]: {
		type: T;
		data: TaskData<T>;
		feedback: TaskFeedback<T> | null;
		initial: TaskAnswer<T> | undefined;
	};
}[TaskType];

function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | null {
	const result = v.safeParse(schema, value);
	return result.success ? result.output : null;
}

/** The task ready to show, or null when its data does not fit its type. */
export function prepareTask(
	type: TaskType,
	data: unknown,
	feedback: { answer: unknown; gold: unknown } | null | undefined,
	initial: unknown
): PreparedTask | null {
	const parsedData = parse(TaskDataSchema[type], data);
	if (parsedData === null) return null;
	const answer = feedback ? parse(TaskAnswerSchema[type], feedback.answer) : null;
	const gold = feedback ? parse(TaskGoldSchema[type], feedback.gold) : null;
	return {
		type,
		data: parsedData,
		feedback: answer !== null && gold !== null ? { answer, gold } : null,
		initial:
			initial === undefined ? undefined : (parse(TaskAnswerSchema[type], initial) ?? undefined)
	} as PreparedTask;
}

/** The labels a task offers, in its own order, with their words when the page has them. */
export function labelsFor(ids: readonly string[], labels: readonly TaskLabel[]): TaskLabel[] {
	return ids.map((id) => labels.find((label) => label.id === id) ?? { id, word: undefined });
}
