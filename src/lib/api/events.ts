/**
 * Learner events: the one record of everything a learner does. The phone builds them, the
 * server validates them with these schemas and stores each id once.
 */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n/locales';

export const EVENT_TYPES = [
	'review',
	'undo',
	'lesson_done',
	'annotation',
	'skip',
	'settings',
	'schedule'
] as const;
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
/** The choices the settings page offers; the first of each is the default. */
export const NEW_WORDS_PER_DAY = [14, 7, 21, 28] as const;
export const DAILY_GOALS = [10, 20, 30, 5] as const;
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

/**
 * Takes back one review (a mis-tap): the review stays in the append-only log, and every device
 * leaves it out when it rebuilds the word's card. `wordId` is the review's, so the word's
 * events are found together.
 */
export const UndoPayload = v.strictObject({
	eventId: v.pipe(v.string(), v.uuid()),
	wordId: Id
});

export const LessonDonePayload = v.strictObject({
	lessonId: Id,
	correct: v.pipe(v.number(), v.integer(), v.minValue(0)),
	total: v.pipe(v.number(), v.integer(), v.minValue(0)),
	durationMs: DurationMs
});

/**
 * An answer to a labeling task. Its shape depends on the project's task type, so the server
 * checks `answer` against the task with `validateAnswer` (src/lib/labeling/task-types.ts). A
 * later answer to the same task (an undo, then a new answer) replaces the earlier one.
 */
export const AnnotationPayload = v.strictObject({
	projectId: Id,
	taskId: Id,
	answer: v.record(v.string(), v.unknown()),
	durationMs: DurationMs,
	/** Qualification items only: which try at the qualification set this answer belongs to. */
	attempt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)))
});

export const SCHEDULE_REASONS = ['added', 'missed_gold'] as const;

/**
 * Puts a word into the learner's reviews, due now: the learner tapped "add to my reviews" on a
 * label, or missed a gold item whose label is the word (the server records those).
 */
export const SchedulePayload = v.strictObject({
	wordId: Id,
	reason: v.picklist(SCHEDULE_REASONS),
	taskId: v.optional(Id)
});

export const SkipPayload = v.strictObject({
	projectId: Id,
	taskId: Id,
	reason: v.picklist(SKIP_REASONS)
});

export const SettingsPayload = v.strictObject({
	locale: v.optional(v.picklist(LOCALES)),
	wifiOnly: v.optional(v.boolean()),
	newWordsPerDay: v.optional(v.picklist(NEW_WORDS_PER_DAY)),
	dailyGoal: v.optional(v.picklist(DAILY_GOALS))
});

const envelope = {
	id: v.pipe(v.string(), v.uuid()),
	createdAt: v.pipe(v.string(), v.isoTimestamp())
};

export const LearnerEvent = v.variant('type', [
	v.strictObject({ ...envelope, type: v.literal('review'), payload: ReviewPayload }),
	v.strictObject({ ...envelope, type: v.literal('undo'), payload: UndoPayload }),
	v.strictObject({ ...envelope, type: v.literal('lesson_done'), payload: LessonDonePayload }),
	v.strictObject({ ...envelope, type: v.literal('annotation'), payload: AnnotationPayload }),
	v.strictObject({ ...envelope, type: v.literal('skip'), payload: SkipPayload }),
	v.strictObject({ ...envelope, type: v.literal('settings'), payload: SettingsPayload }),
	v.strictObject({ ...envelope, type: v.literal('schedule'), payload: SchedulePayload })
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
