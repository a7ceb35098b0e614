/**
 * Drawing and adjusting boxes by finger, mouse or keyboard, on top of the geometry in boxes.ts.
 * A gesture remembers where it started and the box as it was, so each pointer move recomputes
 * the box from the start: rounding never accumulates and a cancelled gesture just drops it.
 */
import {
	clampBox,
	moveBox,
	normalizeBox,
	resizeBox,
	type Box,
	type Point,
	type ResizeHandle
} from './boxes';

export type BoxGesture =
	| { kind: 'draw'; start: Point; label: string }
	| { kind: 'move'; index: number; start: Point; box: Box }
	| { kind: 'resize'; index: number; handle: ResizeHandle; start: Point; box: Box };

/**
 * How far (in CSS pixels) a pointer may wander and still count as a tap: a finger on a cheap
 * touchscreen jitters by a few pixels even when the learner means to tap.
 */
export const TAP_SLOP_PX = 8;

/** Side of the box Enter adds for keyboard users, in %. */
export const KEYBOARD_BOX_SIZE = 30;

/** Where a pointer is, in % of the element's box; not clamped, the box helpers do that. */
export function toPercent(
	clientX: number,
	clientY: number,
	rect: { left: number; top: number; width: number; height: number }
): Point {
	return {
		x: rect.width > 0 ? ((clientX - rect.left) / rect.width) * 100 : 0,
		y: rect.height > 0 ? ((clientY - rect.top) / rect.height) * 100 : 0
	};
}

/** The box a gesture gives with the pointer at `at` (in %). */
export function gestureBox(gesture: BoxGesture, at: Point): Box {
	switch (gesture.kind) {
		case 'draw':
			return normalizeBox(gesture.start, at, gesture.label);
		case 'move':
			return moveBox(gesture.box, at.x - gesture.start.x, at.y - gesture.start.y);
		case 'resize':
			return resizeBox(gesture.box, gesture.handle, at.x - gesture.start.x, at.y - gesture.start.y);
	}
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The box with its edges rounded to 0.01 %, far finer than a finger, so answers stay short.
 * Edges rather than sizes are rounded so the right edge cannot pass 100.
 */
export function roundBox<B extends Box>(box: B): B {
	const left = round2(box.x);
	const top = round2(box.y);
	return {
		...box,
		x: left,
		y: top,
		width: round2(round2(box.x + box.width) - left),
		height: round2(round2(box.y + box.height) - top)
	};
}

const ARROWS: Record<string, Point> = {
	ArrowLeft: { x: -1, y: 0 },
	ArrowRight: { x: 1, y: 0 },
	ArrowUp: { x: 0, y: -1 },
	ArrowDown: { x: 0, y: 1 }
};

/**
 * The box after an arrow key: moved by `step` %, or with `resize` (Shift held) its bottom-right
 * corner moved, so a keyboard user can both place and size a box. Null for any other key.
 */
export function nudgeBox<B extends Box>(box: B, key: string, resize: boolean, step = 1): B | null {
	const arrow = ARROWS[key];
	if (!arrow) return null;
	const dx = arrow.x * step;
	const dy = arrow.y * step;
	return roundBox(resize ? resizeBox(box, 'se', dx, dy) : moveBox(box, dx, dy));
}

/** A box in the middle of the image, for a keyboard user to move and size with the arrows. */
export function centredBox(label: string, size = KEYBOARD_BOX_SIZE): Box {
	const start = (100 - size) / 2;
	return clampBox({ x: start, y: start, width: size, height: size, label });
}
