/**
 * An undo history for a task being answered (boxes drawn, spans marked). Immutable, so a
 * component keeps one `$state` value and every edit is a single assignment.
 */

export interface History<T> {
	/** Earlier states, oldest first. */
	past: readonly T[];
	present: T;
}

/**
 * How many edits Undo can take back. Enough for any one task; the cap keeps a long session of
 * nudging a box with the arrow keys from holding hundreds of copies on a cheap phone.
 */
export const UNDO_LIMIT = 100;

export function startHistory<T>(present: T): History<T> {
	return { past: [], present };
}

/** `next` becomes the present; the old present can be undone back to. */
export function record<T>(history: History<T>, next: T, limit = UNDO_LIMIT): History<T> {
	const past = [...history.past, history.present];
	return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next };
}

export function canUndo<T>(history: History<T>): boolean {
	return history.past.length > 0;
}

/** The state before the last edit; the same history when there is nothing to undo. */
export function undo<T>(history: History<T>): History<T> {
	const previous = history.past.at(-1);
	if (previous === undefined) return history;
	return { past: history.past.slice(0, -1), present: previous };
}
