/**
 * The columns of a class's progress table: what each sorts by. The accuracy columns are the
 * task types some learner of the class has answered, so a class that only classifies images
 * does not carry five empty columns.
 */
import { TASK_TYPES, type TaskType } from '$lib/labeling/types';
import type { LearnerReport } from '$lib/progress/learner-report';
import type { Sort, SortDir, SortValue } from './sort';

export interface LearnerLine {
	id: string;
	displayName: string;
	lastSyncAt: Date | null;
	report: LearnerReport;
}

export interface LearnerColumn {
	/** In the URL: `?sort=<key>`. */
	key: string;
	/** The direction of the first click. */
	firstDir: SortDir;
	value: (line: LearnerLine) => SortValue;
	/** For accuracy columns. */
	type?: TaskType;
}

export const DEFAULT_LEARNER_SORT: Sort = { column: 'name', dir: 'asc' };

export function tasksDone(report: LearnerReport): number {
	return report.tasks.reduce((sum, project) => sum + project.answered, 0);
}

export function accuracyOf(report: LearnerReport, type: TaskType) {
	return report.accuracy.find((row) => row.type === type) ?? null;
}

const accuracyKey = (type: TaskType) => `accuracy-${type}`;

/** The task types any of `lines` has answered, in `TASK_TYPES` order. */
export function answeredTypes(lines: readonly LearnerLine[]): TaskType[] {
	const seen = new Set(lines.flatMap((line) => line.report.accuracy.map((row) => row.type)));
	return TASK_TYPES.filter((type) => seen.has(type));
}

export function learnerColumns(lines: readonly LearnerLine[]): LearnerColumn[] {
	return [
		{ key: 'name', firstDir: 'asc', value: (l) => l.displayName },
		{ key: 'lessons', firstDir: 'desc', value: (l) => l.report.lessonsDone },
		{ key: 'words', firstDir: 'desc', value: (l) => l.report.wordsKnown },
		{ key: 'reviews', firstDir: 'desc', value: (l) => l.report.reviews.last7Days },
		{ key: 'streak', firstDir: 'desc', value: (l) => l.report.streak.current },
		{ key: 'tasks', firstDir: 'desc', value: (l) => tasksDone(l.report) },
		...answeredTypes(lines).map((type): LearnerColumn => ({
			key: accuracyKey(type),
			firstDir: 'desc',
			type,
			value: (l) => accuracyOf(l.report, type)?.accuracy ?? null
		})),
		{ key: 'sync', firstDir: 'desc', value: (l) => l.lastSyncAt?.getTime() ?? null }
	];
}
