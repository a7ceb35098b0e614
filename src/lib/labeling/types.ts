/** The task type names alone, so content schemas can name them without the scoring code. */
export const TASK_TYPES = [
	'image_classification',
	'bounding_boxes',
	'text_classification',
	'named_entities',
	'transcription',
	'translation_check'
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** The three parts of a project, in the order a learner meets them. */
export const TASK_KINDS = ['training', 'qualification', 'work'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The image or audio a task shows, to cache with its batch and count in its size. */
export function mediaOf(type: TaskType, data: Record<string, unknown>): string | null {
	const path = type === 'transcription' ? data.src : data.image;
	return typeof path === 'string' ? path : null;
}
