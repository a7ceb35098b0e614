/**
 * One learner's progress, from their event log alone: what the coordinator's trainee page shows
 * and what the phone can show offline from the same log.
 *
 * Rules, so the numbers mean the same on every device and on the server:
 * - Events are taken oldest first by `createdAt`, then `id`, whatever order they came in.
 *   An event whose payload does not parse (valibot schemas of `$lib/api/events`) is ignored.
 * - An `undo` takes back the event it names, as the card fold does: the undone event is left
 *   out of everything (cards, review counts, streak, tasks, accuracy). An undo is never undone.
 * - Days are calendar days in `timeZone`; `now` fixes "today".
 * - A task counts once per project with its latest annotation or skip: answered when that is an
 *   annotation, skipped when it is a skip (as on the phone, where a later one replaces the
 *   earlier). Training, qualification and work tasks all count.
 * - Accuracy uses the latest answer of each task that `judge` can score (it has gold).
 */
import * as v from 'valibot';
import { State } from 'ts-fsrs';
import {
	AnnotationPayload,
	DAILY_GOALS,
	LessonDonePayload,
	ReviewPayload,
	SchedulePayload,
	SettingsPayload,
	SkipPayload,
	UndoPayload
} from '$lib/api/events';
import { TASK_TYPES, type TaskType } from '$lib/labeling/types';
import type { CardEvent } from '$lib/srs/cards';
import { buildCards } from '$lib/srs/queue';
import { addDays, goalDays, localDay, streak, type Streak } from '$lib/srs/streak';

export interface ReportEvent {
	id: string;
	type: string;
	payload: unknown;
	createdAt: Date | string;
}

export interface LearnerReport {
	/** Distinct lessons with a lesson_done. */
	lessonsDone: number;
	/** Words with at least one review (not undone). A word only scheduled is not studied yet. */
	wordsStudied: number;
	/** Words whose card is in the Review state with stability ≥ `KNOWN_STABILITY_DAYS`. */
	wordsKnown: number;
	reviews: {
		total: number;
		/** Today and the 6 days before. */
		last7Days: number;
		/** The last `REPORT_DAYS` local days, today included, oldest first; days without reviews at 0. */
		perDay: { day: string; count: number }[];
	};
	/**
	 * From `srs/streak`: a goal day is a day with at least the learner's daily goal of reviews
	 * (their latest `settings.dailyGoal`, else the app's default), as on the phone.
	 */
	streak: Streak;
	/** Per project, by project id. */
	tasks: { projectId: string; answered: number; skipped: number }[];
	/** Per task type the learner answered any task of, in `TASK_TYPES` order. */
	accuracy: { type: TaskType; scored: number; correct: number; accuracy: number | null }[];
	/** ISO time of the latest review, undo, lesson, annotation or skip; null before any. */
	lastActivityAt: string | null;
}

export interface LearnerReportOptions {
	now: Date;
	/** IANA zone of the learner, e.g. 'Asia/Seoul'. */
	timeZone: string;
	/** The project's task type; null for a project not known (its tasks still count). */
	projectType: (projectId: string) => TaskType | null;
	/** Whether an answer is right against its task's gold; null when the task has no gold. */
	judge: (annotation: { projectId: string; taskId: string; answer: unknown }) => boolean | null;
}

/**
 * A word is *known* when FSRS has it in the Review state with a stability of at least three
 * weeks: stability is the interval over which recall falls to 90 %, so the learner would most
 * likely still recall it three weeks after the last review. Learning and relearning cards are
 * never known, however stable.
 */
export const KNOWN_STABILITY_DAYS = 21;

/** Days in `reviews.perDay`. */
export const REPORT_DAYS = 14;

const ACTIVITY = new Set(['review', 'undo', 'lesson_done', 'annotation', 'skip']);

const PAYLOADS = {
	review: ReviewPayload,
	undo: UndoPayload,
	lesson_done: LessonDonePayload,
	annotation: AnnotationPayload,
	skip: SkipPayload,
	settings: SettingsPayload,
	schedule: SchedulePayload
} as const;

type Parsed = {
	[T in keyof typeof PAYLOADS]: {
		id: string;
		type: T;
		createdAt: string;
		at: number;
		payload: v.InferOutput<(typeof PAYLOADS)[T]>;
	};
}[keyof typeof PAYLOADS];

function parse(event: ReportEvent): Parsed | null {
	const at = new Date(event.createdAt).getTime();
	if (!Number.isFinite(at) || !(event.type in PAYLOADS)) return null;
	const schema = PAYLOADS[event.type as keyof typeof PAYLOADS];
	const payload = v.safeParse(schema, event.payload);
	if (!payload.success) return null;
	// One timestamp format, so the card fold's string comparison orders them correctly.
	const createdAt = new Date(at).toISOString();
	return { id: event.id, type: event.type, createdAt, at, payload: payload.output } as Parsed;
}

export function learnerReport(
	events: readonly ReportEvent[],
	options: LearnerReportOptions
): LearnerReport {
	const { now, timeZone } = options;
	const parsed = events
		.map(parse)
		.filter((e): e is Parsed => e !== null)
		.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

	const undone = new Set<string>();
	for (const e of parsed) if (e.type === 'undo') undone.add(e.payload.eventId);
	const kept = parsed.filter((e) => e.type === 'undo' || !undone.has(e.id));

	const lessons = new Set<string>();
	const cardEvents: CardEvent[] = [];
	const reviewDays = new Map<string, number>();
	let reviewTotal = 0;
	let dailyGoal: number = DAILY_GOALS[0];
	// Per project, per task: the latest annotation or skip.
	const latest = new Map<string, Map<string, Parsed & { type: 'annotation' | 'skip' }>>();
	let lastActivity: number | null = null;

	for (const e of kept) {
		if (ACTIVITY.has(e.type)) lastActivity = e.at;
		switch (e.type) {
			case 'review': {
				cardEvents.push(cardEvent(e));
				reviewTotal++;
				const day = localDay(new Date(e.at), timeZone);
				reviewDays.set(day, (reviewDays.get(day) ?? 0) + 1);
				break;
			}
			case 'undo':
			case 'schedule':
				cardEvents.push(cardEvent(e));
				break;
			case 'lesson_done':
				lessons.add(e.payload.lessonId);
				break;
			case 'settings':
				if (e.payload.dailyGoal !== undefined) dailyGoal = e.payload.dailyGoal;
				break;
			case 'annotation':
			case 'skip': {
				const { projectId, taskId } = e.payload;
				let tasks = latest.get(projectId);
				if (!tasks) latest.set(projectId, (tasks = new Map()));
				tasks.set(taskId, e);
				break;
			}
		}
	}

	const cards = [...buildCards(cardEvents).values()];
	const today = localDay(now, timeZone);
	const perDay = Array.from({ length: REPORT_DAYS }, (_, i) => {
		const day = addDays(today, i - (REPORT_DAYS - 1));
		return { day, count: reviewDays.get(day) ?? 0 };
	});

	const tasks: LearnerReport['tasks'] = [];
	const scores = new Map<TaskType, { scored: number; correct: number; answered: number }>();
	for (const projectId of [...latest.keys()].sort()) {
		const entry = { projectId, answered: 0, skipped: 0 };
		const type = options.projectType(projectId);
		for (const e of latest.get(projectId)!.values()) {
			if (e.type === 'skip') {
				entry.skipped++;
				continue;
			}
			entry.answered++;
			if (type === null) continue;
			const score = scores.get(type) ?? { scored: 0, correct: 0, answered: 0 };
			score.answered++;
			const { taskId, answer } = e.payload;
			const correct = options.judge({ projectId, taskId, answer });
			if (correct !== null) {
				score.scored++;
				if (correct) score.correct++;
			}
			scores.set(type, score);
		}
		tasks.push(entry);
	}

	return {
		lessonsDone: lessons.size,
		wordsStudied: cards.filter((card) => card.reps > 0).length,
		wordsKnown: cards.filter(
			(card) => card.state === State.Review && card.stability >= KNOWN_STABILITY_DAYS
		).length,
		reviews: {
			total: reviewTotal,
			last7Days: perDay.slice(-7).reduce((sum, { count }) => sum + count, 0),
			perDay
		},
		streak: streak(goalDays(reviewDays, dailyGoal), today),
		tasks,
		accuracy: TASK_TYPES.flatMap((type) => {
			const score = scores.get(type);
			if (!score) return [];
			const { scored, correct } = score;
			return [{ type, scored, correct, accuracy: scored > 0 ? correct / scored : null }];
		}),
		lastActivityAt: lastActivity === null ? null : new Date(lastActivity).toISOString()
	};
}

function cardEvent(e: Parsed & { type: 'review' | 'undo' | 'schedule' }): CardEvent {
	return { id: e.id, type: e.type, createdAt: e.createdAt, payload: e.payload } as CardEvent;
}
