import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import type { TaskType } from '$lib/labeling/types';
import {
	KNOWN_STABILITY_DAYS,
	learnerReport,
	type LearnerReportOptions,
	type ReportEvent
} from '$lib/progress/learner-report';
import { cardFromReviews } from '$lib/srs/cards';
import {
	annotationEvent,
	lessonDoneEvent,
	reviewEvent,
	scheduleEvent,
	settingsEvent,
	skipEvent,
	undoEvent
} from '../factories';

// 2025-03-10 is a Monday. 03:00 UTC is noon in Seoul (UTC+9).
const now = new Date('2025-03-10T03:00:00.000Z');

const review = (wordId: string, createdAt: string, rating = 3) =>
	reviewEvent({ createdAt, payload: { wordId, rating } });

const types: Record<string, TaskType> = {
	'project-1': 'image_classification',
	'project-2': 'text_classification'
};
/** Gold of project-1's tasks; project-2 and the rest have none. */
const gold: Record<string, string> = { 'task-1': 'cat', 'task-2': 'dog', 'task-3': 'cat' };

const options = (timeZone: string): LearnerReportOptions => ({
	now,
	timeZone,
	projectType: (projectId) => types[projectId] ?? null,
	judge: ({ projectId, taskId, answer }) => {
		const want = projectId === 'project-1' ? gold[taskId] : undefined;
		if (want === undefined) return null;
		return (answer as { labels: string[] }).labels[0] === want;
	}
});

/** The report's day counts that are not 0. */
const activeDays = (perDay: { day: string; count: number }[]) =>
	Object.fromEntries(perDay.filter((d) => d.count > 0).map((d) => [d.day, d.count]));

describe('learnerReport: reviews and days', () => {
	// Two reviews either side of midnight in Seoul: 23:30 on the 9th and 00:30 on the 10th,
	// both on the 9th in UTC. One more at 01:00 on the 4th in Seoul, still the 3rd in UTC: inside
	// the last 7 days in Seoul, outside in UTC.
	const late = review('word-1', '2025-03-09T14:30:00.000Z');
	const afterMidnight = review('word-2', '2025-03-09T15:30:00.000Z');
	const earlier = review('word-3', '2025-03-03T16:00:00.000Z');
	const mistap = review('word-4', '2025-03-10T01:00:00.000Z');
	const events: ReportEvent[] = [late, afterMidnight, earlier, mistap, undoEvent(mistap)];

	it('puts reviews on the learner’s local days', () => {
		const seoul = learnerReport(events, options('Asia/Seoul')).reviews;
		expect(activeDays(seoul.perDay)).toEqual({
			'2025-03-04': 1,
			'2025-03-09': 1,
			'2025-03-10': 1
		});
		expect(seoul.last7Days).toBe(3);

		const utc = learnerReport(events, options('UTC')).reviews;
		expect(activeDays(utc.perDay)).toEqual({ '2025-03-03': 1, '2025-03-09': 2 });
		expect(utc.last7Days).toBe(2);
	});

	it('lists the last 14 days oldest first, today last, empty days at 0', () => {
		const { perDay } = learnerReport(events, options('Asia/Seoul')).reviews;
		expect(perDay).toHaveLength(14);
		expect(perDay[0]).toEqual({ day: '2025-02-25', count: 0 });
		expect(perDay.at(-1)).toEqual({ day: '2025-03-10', count: 1 });
		expect(perDay.map((d) => d.day)).toEqual([...perDay.map((d) => d.day)].sort());
	});

	it('leaves an undone review out of the counts and the words', () => {
		const report = learnerReport(events, options('Asia/Seoul'));
		expect(report.reviews.total).toBe(3);
		expect(report.wordsStudied).toBe(3);
		const withoutUndo = learnerReport(events.slice(0, 4), options('Asia/Seoul'));
		expect(withoutUndo.reviews.total).toBe(4);
		expect(withoutUndo.wordsStudied).toBe(4);
	});

	it('gives the same report whatever order the events arrive in', () => {
		const forward = learnerReport(events, options('Asia/Seoul'));
		expect(learnerReport([...events].reverse(), options('Asia/Seoul'))).toEqual(forward);
		// The undo first, and Date objects instead of strings: still the same.
		const dated = events.map((e) => ({ ...e, createdAt: new Date(e.createdAt) }));
		expect(learnerReport([dated[4]!, ...dated.slice(0, 4)], options('Asia/Seoul'))).toEqual(
			forward
		);
	});
});

describe('learnerReport: words known', () => {
	// known: Easy, then Easy four days later. learning: Good, Good the same day, Good three days
	// on — in Review, but less stable. fresh: one Good, still Learning. scheduled: never reviewed.
	const known = [
		review('known', '2025-02-01T00:00:00.000Z', 4),
		review('known', '2025-02-05T00:00:00.000Z', 4)
	];
	const learning = [
		review('learning', '2025-02-01T00:00:00.000Z', 3),
		review('learning', '2025-02-01T00:10:00.000Z', 3),
		review('learning', '2025-02-04T00:10:00.000Z', 3)
	];
	const fresh = [review('fresh', '2025-02-01T00:00:00.000Z', 3)];
	const scheduled = scheduleEvent({
		createdAt: '2025-02-01T00:00:00.000Z',
		payload: { wordId: 'scheduled', reason: 'missed_gold' }
	});

	it('the cards are what the test claims', () => {
		const card = (id: string, evs: ReturnType<typeof review>[]) => cardFromReviews(id, evs)!;
		expect(card('known', known)).toMatchObject({ state: State.Review });
		expect(card('known', known).stability).toBeGreaterThanOrEqual(KNOWN_STABILITY_DAYS);
		expect(card('learning', learning)).toMatchObject({ state: State.Review });
		expect(card('learning', learning).stability).toBeLessThan(KNOWN_STABILITY_DAYS);
		expect(card('fresh', fresh)).toMatchObject({ state: State.Learning });
	});

	it('counts Review cards with stability ≥ 21 days as known, every reviewed word as studied', () => {
		const report = learnerReport(
			[...known, ...learning, ...fresh, scheduled],
			options('Asia/Seoul')
		);
		expect(report.wordsKnown).toBe(1);
		expect(report.wordsStudied).toBe(3);
	});

	it('a known word whose last review is undone is known no more', () => {
		const report = learnerReport([...known, undoEvent(known[1])], options('Asia/Seoul'));
		expect(report.wordsKnown).toBe(0);
		expect(report.wordsStudied).toBe(1);
	});
});

describe('learnerReport: streak', () => {
	/** `count` reviews on a Seoul day, at noon. */
	const onDay = (day: string, count: number) =>
		Array.from({ length: count }, (_, i) =>
			review(`word-${i}`, `${day}T03:00:${String(i).padStart(2, '0')}.000Z`)
		);
	const week = [
		...onDay('2025-03-07', 5),
		...onDay('2025-03-08', 5),
		...onDay('2025-03-09', 5),
		...onDay('2025-03-10', 4)
	];

	it('counts days that met the default goal of 10 reviews', () => {
		const { streak } = learnerReport(week, options('Asia/Seoul'));
		expect(streak).toMatchObject({ current: 0, longest: 0, todayDone: false });
	});

	it('uses the learner’s latest daily goal', () => {
		const goal = (dailyGoal: 5 | 20, createdAt: string) =>
			settingsEvent({ createdAt, payload: { dailyGoal } });
		const { streak } = learnerReport(
			[
				...week,
				goal(5, '2025-03-01T00:00:00.000Z'),
				goal(20, '2025-02-01T00:00:00.000Z') // older: replaced by the 5 above
			],
			options('Asia/Seoul')
		);
		// Today has 4 of 5: not done, but the day is not over.
		expect(streak).toMatchObject({ current: 3, longest: 3, todayDone: false });
	});
});

describe('learnerReport: lessons, tasks and accuracy', () => {
	const at = (minute: number) => new Date(Date.UTC(2025, 2, 9, 1, minute)).toISOString();
	const answer = (projectId: string, taskId: string, label: string, minute: number) =>
		annotationEvent({
			createdAt: at(minute),
			payload: { projectId, taskId, answer: { labels: [label] } }
		});
	const skip = (projectId: string, taskId: string, minute: number) =>
		skipEvent({ createdAt: at(minute), payload: { projectId, taskId, reason: 'cannot_see' } });

	const events: ReportEvent[] = [
		lessonDoneEvent({ createdAt: at(0), payload: { lessonId: 'safety-1' } }),
		lessonDoneEvent({ createdAt: at(1), payload: { lessonId: 'safety-1' } }),
		lessonDoneEvent({ createdAt: at(2), payload: { lessonId: 'bank-1' } }),
		// task-1: wrong, then answered again right; only the later answer counts.
		answer('project-1', 'task-1', 'dog', 3),
		answer('project-1', 'task-1', 'cat', 4),
		// task-2: wrong. task-3: skipped, then answered wrong.
		answer('project-1', 'task-2', 'cat', 5),
		skip('project-1', 'task-3', 6),
		answer('project-1', 'task-3', 'dog', 7),
		// task-4 has no gold; task-5 answered, then skipped: it counts as skipped.
		answer('project-1', 'task-4', 'cat', 8),
		answer('project-1', 'task-5', 'cat', 9),
		skip('project-1', 'task-5', 10),
		skip('project-1', 'task-6', 11),
		// Another type without gold, and a project nobody knows.
		answer('project-2', 'task-1', 'safety', 12),
		answer('project-x', 'task-1', 'safety', 13),
		// Later but not activity.
		settingsEvent({ createdAt: at(40), payload: { locale: 'vi' } })
	];

	it('counts distinct lessons', () => {
		expect(learnerReport(events, options('Asia/Seoul')).lessonsDone).toBe(2);
	});

	it('counts each task once, by its latest answer or skip', () => {
		expect(learnerReport(events, options('Asia/Seoul')).tasks).toEqual([
			{ projectId: 'project-1', answered: 4, skipped: 2 },
			{ projectId: 'project-2', answered: 1, skipped: 0 },
			{ projectId: 'project-x', answered: 1, skipped: 0 }
		]);
	});

	it('scores the latest answer of each gold task, per task type', () => {
		expect(learnerReport(events, options('Asia/Seoul')).accuracy).toEqual([
			// task-1 right (second try), task-2 and task-3 wrong; task-4 has no gold.
			{ type: 'image_classification', scored: 3, correct: 1, accuracy: 1 / 3 },
			{ type: 'text_classification', scored: 0, correct: 0, accuracy: null }
		]);
	});

	it('the last activity is the last answer, not the settings change', () => {
		expect(learnerReport(events, options('Asia/Seoul')).lastActivityAt).toBe(at(13));
		expect(learnerReport([], options('Asia/Seoul'))).toMatchObject({
			lessonsDone: 0,
			wordsStudied: 0,
			wordsKnown: 0,
			reviews: { total: 0, last7Days: 0 },
			streak: { current: 0, longest: 0 },
			tasks: [],
			accuracy: [],
			lastActivityAt: null
		});
	});

	it('ignores events whose payload does not parse', () => {
		const broken: ReportEvent = {
			id: crypto.randomUUID(),
			type: 'lesson_done',
			createdAt: at(50),
			payload: { lessonId: 'Not An Id!' }
		};
		const report = learnerReport([...events, broken], options('Asia/Seoul'));
		expect(report.lessonsDone).toBe(2);
		expect(report.lastActivityAt).toBe(at(13));
	});
});
