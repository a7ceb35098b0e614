/** What every task component takes: its task's data and answers, typed by task type. */
import type { PackWord } from '$lib/api/packs';
import type { Locale } from '$lib/i18n/locales';
import type { TaskAnswer, TaskData, TaskGold } from '$lib/labeling/task-types';
import type { TaskType } from '$lib/labeling/types';

/** A project label (or entity type): an id and the vocabulary word it is. */
export interface TaskLabel {
	id: string;
	word: PackWord | undefined;
}

/** After an answer in training: the learner's answer and gold, shown read-only. */
export interface TaskFeedback<T extends TaskType> {
	answer: TaskAnswer<T>;
	gold: TaskGold<T>;
}

export interface TaskProps<T extends TaskType> {
	data: TaskData<T>;
	/** The project's labels in order; `data`'s label ids decide which are offered. */
	labels: TaskLabel[];
	locale: Locale;
	/** Saving, or showing feedback: nothing can be changed. */
	disabled: boolean;
	feedback?: TaskFeedback<T> | null;
	/** A previous answer to start from, when the learner undoes an answer to change it. */
	initial?: TaskAnswer<T>;
	onsubmit: (answer: TaskAnswer<T>) => void;
	/** The learner asked to see a label's word card. */
	onword?: (wordId: string) => void;
}
