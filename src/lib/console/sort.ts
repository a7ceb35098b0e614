/**
 * Sorting a console table from the URL (`?sort=column&dir=asc|desc`), so the header links work
 * without JavaScript: the server sorts and each header is a plain link to the next order.
 */

export type SortDir = 'asc' | 'desc';

export interface Sort {
	column: string;
	dir: SortDir;
}

/** A cell's sort key; null (no value yet) always goes last, whichever the direction. */
export type SortValue = string | number | null;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The order the URL asks for, or `fallback` when it names no known column or direction. */
export function readSort(
	params: URLSearchParams,
	columns: readonly string[],
	fallback: Sort
): Sort {
	const column = params.get('sort');
	if (!column || !columns.includes(column)) return fallback;
	const dir = params.get('dir');
	return { column, dir: dir === 'asc' || dir === 'desc' ? dir : fallback.dir };
}

function compareValues(a: SortValue, b: SortValue): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return collator.compare(String(a), String(b));
}

/**
 * A sorted copy. Rows with equal keys keep their order (the sort is stable), so passing rows
 * already ordered by name gives a by-name tie-break.
 */
export function sortRows<T>(rows: readonly T[], key: (row: T) => SortValue, dir: SortDir): T[] {
	const sign = dir === 'asc' ? 1 : -1;
	return rows
		.map((row) => ({ row, value: key(row) }))
		.sort((a, b) => {
			if (a.value === null || b.value === null) {
				return a.value === b.value ? 0 : a.value === null ? 1 : -1;
			}
			return sign * compareValues(a.value, b.value);
		})
		.map(({ row }) => row);
}

/**
 * The order a click on `column`'s header asks for: the other direction on the sorted column,
 * else the column's own first direction (names A→Z, counts most first).
 */
export function nextSort(current: Sort, column: string, firstDir: SortDir): Sort {
	if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
	return { column, dir: firstDir };
}

/** The query string for `sort`, keeping the page's other parameters. */
export function sortSearch(sort: Sort, params: URLSearchParams = new URLSearchParams()): string {
	const next = new URLSearchParams(params);
	next.set('sort', sort.column);
	next.set('dir', sort.dir);
	return `?${next}`;
}

/** `aria-sort` of a header: set on the sorted column only. */
export function ariaSort(current: Sort, column: string): 'ascending' | 'descending' | undefined {
	if (current.column !== column) return undefined;
	return current.dir === 'asc' ? 'ascending' : 'descending';
}
