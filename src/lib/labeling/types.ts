import type { Locale } from '$lib/i18n/locales';

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

/**
 * The language a learner checks translations into: their own. A Korean-speaking learner (or a
 * learner using the Korean UI) checks English ones.
 */
export function translationTarget(locale: Locale): Locale {
	return locale === 'ko' ? 'en' : locale;
}

/**
 * Whether a task is for a learner with this UI language. Only translation checks depend on it:
 * a pair is Korean and the learner's own language. Every other task is for everyone.
 */
export function fitsLanguage(
	type: TaskType,
	data: Record<string, unknown>,
	locale: Locale
): boolean {
	if (type !== 'translation_check') return true;
	return data.targetLanguage === translationTarget(locale);
}
