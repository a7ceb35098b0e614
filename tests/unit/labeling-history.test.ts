import { describe, expect, it } from 'vitest';
import { canUndo, record, startHistory, undo } from '$lib/labeling/history';

describe('undo history', () => {
	it('undoes edits in reverse order, back to the start and no further', () => {
		let history = startHistory<string[]>([]);
		expect(canUndo(history)).toBe(false);
		history = record(history, ['a']);
		history = record(history, ['a', 'b']);
		expect(history.present).toEqual(['a', 'b']);
		history = undo(history);
		expect(history.present).toEqual(['a']);
		history = undo(history);
		expect(history.present).toEqual([]);
		expect(canUndo(history)).toBe(false);
		expect(undo(history)).toBe(history);
	});

	it('keeps only the last `limit` states to undo to', () => {
		let history = startHistory(0);
		for (let i = 1; i <= 5; i++) history = record(history, i, 3);
		expect(history.past).toEqual([2, 3, 4]);
		history = undo(undo(undo(history)));
		expect(history.present).toBe(2);
		expect(canUndo(history)).toBe(false);
	});
});
