import { describe, expect, it } from 'vitest';
import { DEFAULT_LEARNER_SORT, learnerColumns, type LearnerLine } from '$lib/console/learner-table';
import { ariaSort, nextSort, readSort, sortRows, sortSearch } from '$lib/console/sort';
import type { LearnerReport } from '$lib/progress/learner-report';

function report(overrides: Partial<LearnerReport> = {}): LearnerReport {
	return {
		lessonsDone: 0,
		wordsStudied: 0,
		wordsKnown: 0,
		reviews: { total: 0, last7Days: 0, perDay: [] },
		streak: { current: 0, longest: 0, forgivenThisWeek: false, todayDone: false },
		tasks: [],
		accuracy: [],
		lastActivityAt: null,
		...overrides
	};
}

let nextId = 0;
function line(displayName: string, overrides: Partial<LearnerLine> = {}): LearnerLine {
	return {
		id: `learner-${nextId++}`,
		displayName,
		lastSyncAt: null,
		report: report(),
		...overrides
	};
}

describe('readSort', () => {
	const columns = ['name', 'lessons'];
	it('takes a known column and direction', () => {
		const params = new URLSearchParams('sort=lessons&dir=desc');
		expect(readSort(params, columns, DEFAULT_LEARNER_SORT)).toEqual({
			column: 'lessons',
			dir: 'desc'
		});
	});
	it('falls back on an unknown column, keeps the column on a bad direction', () => {
		expect(readSort(new URLSearchParams('sort=password'), columns, DEFAULT_LEARNER_SORT)).toEqual(
			DEFAULT_LEARNER_SORT
		);
		expect(
			readSort(new URLSearchParams('sort=lessons&dir=up'), columns, DEFAULT_LEARNER_SORT)
		).toEqual({
			column: 'lessons',
			dir: 'asc'
		});
	});
});

describe('sortRows', () => {
	it('sorts numbers both ways, keeping equal rows in their order', () => {
		const rows = [
			{ n: 'a', v: 2 },
			{ n: 'b', v: 1 },
			{ n: 'c', v: 2 }
		];
		expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.n)).toEqual(['b', 'a', 'c']);
		expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.n)).toEqual(['a', 'c', 'b']);
	});

	it('puts missing values last in both directions', () => {
		const rows = [{ v: null }, { v: 3 }, { v: 1 }];
		expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([1, 3, null]);
		expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([3, 1, null]);
	});

	it('sorts names without regard to case, numbers inside names by value', () => {
		const names = ['minh', 'Anh', 'learner 10', 'learner 9'];
		expect(sortRows(names, (n) => n, 'asc')).toEqual(['Anh', 'learner 9', 'learner 10', 'minh']);
	});

	it('does not change its input', () => {
		const rows = [3, 1, 2];
		sortRows(rows, (r) => r, 'asc');
		expect(rows).toEqual([3, 1, 2]);
	});
});

describe('header links', () => {
	it('toggles the sorted column and starts another at its own direction', () => {
		const current = { column: 'name', dir: 'asc' as const };
		expect(nextSort(current, 'name', 'asc')).toEqual({ column: 'name', dir: 'desc' });
		expect(nextSort(current, 'tasks', 'desc')).toEqual({ column: 'tasks', dir: 'desc' });
	});

	it('keeps other parameters in the link', () => {
		const href = sortSearch({ column: 'tasks', dir: 'desc' }, new URLSearchParams('sort=name&x=1'));
		expect(new URLSearchParams(href.slice(1)).toString()).toBe('sort=tasks&x=1&dir=desc');
	});

	it('marks only the sorted column', () => {
		const current = { column: 'tasks', dir: 'desc' as const };
		expect(ariaSort(current, 'tasks')).toBe('descending');
		expect(ariaSort(current, 'name')).toBeUndefined();
	});
});

describe('learner columns', () => {
	const ana = line('Ana', {
		lastSyncAt: new Date('2025-03-01T10:00:00Z'),
		report: report({
			lessonsDone: 4,
			tasks: [
				{ projectId: 'p1', answered: 5, skipped: 1 },
				{ projectId: 'p2', answered: 2, skipped: 0 }
			],
			accuracy: [{ type: 'image_classification', scored: 4, correct: 3, accuracy: 0.75 }]
		})
	});
	const binh = line('Binh', {
		lastSyncAt: new Date('2025-03-02T10:00:00Z'),
		report: report({
			lessonsDone: 9,
			tasks: [{ projectId: 'p1', answered: 3, skipped: 0 }],
			accuracy: [{ type: 'image_classification', scored: 0, correct: 0, accuracy: null }]
		})
	});
	const chi = line('Chi');
	const lines = [ana, binh, chi];
	const columns = learnerColumns(lines);
	const sorted = (key: string, dir: 'asc' | 'desc') => {
		const column = columns.find((c) => c.key === key);
		if (!column) throw new Error(`no column ${key}`);
		return sortRows(lines, column.value, dir).map((l) => l.displayName);
	};

	it('has an accuracy column per answered task type only', () => {
		expect(columns.filter((c) => c.type).map((c) => c.key)).toEqual([
			'accuracy-image_classification'
		]);
	});

	it('sorts by every column', () => {
		expect(sorted('name', 'desc')).toEqual(['Chi', 'Binh', 'Ana']);
		expect(sorted('lessons', 'desc')).toEqual(['Binh', 'Ana', 'Chi']);
		expect(sorted('tasks', 'desc')).toEqual(['Ana', 'Binh', 'Chi']);
		expect(sorted('accuracy-image_classification', 'asc')).toEqual(['Ana', 'Binh', 'Chi']);
		expect(sorted('sync', 'desc')).toEqual(['Binh', 'Ana', 'Chi']);
		expect(sorted('sync', 'asc')).toEqual(['Ana', 'Binh', 'Chi']);
	});
});
