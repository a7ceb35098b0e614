/**
 * Learner events: the one record of everything a learner does. The phone builds them, the
 * server validates them with these schemas and stores each id once.
 */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n/locales';

export const EVENT_TYPES = ['review', 'lesson_done', 'annotation', 'skip', 'settings'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(80), v.regex(/^[a-z0-9-]+$/));
const DurationMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600_000));

export const EXERCISES = [
	'intro',
	'meaning_choice',
	'reverse_choice',
	'listening',
	'typing',
	'matching'
] as const;
export const SKIP_REASONS = ['unclear', 'cannot_see', 'dont_know', 'other'] as const;

export const ReviewPayload = v.strictObject({
	wordId: Id,
	correct: v.boolean(),
	/** FSRS rating 1 (again) … 4 (easy), from src/lib/srs/rating.ts. */
	rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
	exercise: v.picklist(EXERCISES),
	durationMs: DurationMs,
	lessonId: v.optional(Id)
});

export const LessonDonePayload = v.strictObject({
	lessonId: Id,
	correct: v.pipe(v.number(), v.integer(), v.minValue(0)),
	total: v.pipe(v.number(), v.integer(), v.minValue(0)),
	durationMs: DurationMs
});

export const AnnotationPayload = v.strictObject({
	projectId: Id,
	taskId: Id,
	answer: v.strictObject({
		labels: v.pipe(v.array(Id), v.minLength(1), v.maxLength(20))
	}),
	durationMs: DurationMs
});

export const SkipPayload = v.strictObject({
	projectId: Id,
	taskId: Id,
	reason: v.picklist(SKIP_REASONS)
});

export const SettingsPayload = v.strictObject({
	locale: v.optional(v.picklist(LOCALES)),
	wifiOnly: v.optional(v.boolean())
});

const envelope = {
	id: v.pipe(v.string(), v.uuid()),
	createdAt: v.pipe(v.string(), v.isoTimestamp())
};

export const LearnerEvent = v.variant('type', [
	v.strictObject({ ...envelope, type: v.literal('review'), payload: ReviewPayload }),
	v.strictObject({ ...envelope, type: v.literal('lesson_done'), payload: LessonDonePayload }),
	v.strictObject({ ...envelope, type: v.literal('annotation'), payload: AnnotationPayload }),
	v.strictObject({ ...envelope, type: v.literal('skip'), payload: SkipPayload }),
	v.strictObject({ ...envelope, type: v.literal('settings'), payload: SettingsPayload })
]);
export type LearnerEvent = v.InferOutput<typeof LearnerEvent>;
export type EventOf<T extends EventType> = Extract<LearnerEvent, { type: T }>;
export type PayloadOf<T extends EventType> = EventOf<T>['payload'];

/** One message in words for a failed parse: the path and what was wrong. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	if (!issue) return 'invalid';
	const path = v.getDotPath(issue);
	return path ? `${path}: ${issue.message}` : issue.message;
}
