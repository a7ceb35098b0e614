import { describe, expect, it } from 'vitest';
import {
	centredBox,
	gestureBox,
	nudgeBox,
	roundBox,
	toPercent,
	type BoxGesture
} from '$lib/labeling/box-editing';
import { MIN_BOX_SIZE, type Box } from '$lib/labeling/boxes';
import { validateAnswer } from '$lib/labeling/task-types';

const box = (overrides: Partial<Box> = {}): Box => ({
	x: 10,
	y: 20,
	width: 30,
	height: 40,
	label: 'helmet',
	...overrides
});

const rect = { left: 20, top: 100, width: 300, height: 200 };

describe('toPercent', () => {
	it('turns client pixels into % of the element', () => {
		expect(toPercent(20, 100, rect)).toEqual({ x: 0, y: 0 });
		expect(toPercent(170, 150, rect)).toEqual({ x: 50, y: 25 });
		expect(toPercent(320, 300, rect)).toEqual({ x: 100, y: 100 });
	});

	it('gives 0 rather than NaN for an element with no size yet', () => {
		expect(toPercent(5, 5, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 });
	});
});

describe('gestureBox', () => {
	it('draws from the start corner to the pointer, in any direction, cut to the image', () => {
		const draw: BoxGesture = { kind: 'draw', start: { x: 60, y: 50 }, label: 'vest' };
		expect(gestureBox(draw, { x: 20, y: 10 })).toEqual({
			x: 20,
			y: 10,
			width: 40,
			height: 40,
			label: 'vest'
		});
		expect(gestureBox(draw, { x: 130, y: -20 })).toEqual({
			x: 60,
			y: 0,
			width: 40,
			height: 50,
			label: 'vest'
		});
	});

	it('moves from where the box was when the drag began, stopping at the edges', () => {
		const move: BoxGesture = { kind: 'move', index: 0, start: { x: 20, y: 30 }, box: box() };
		expect(gestureBox(move, { x: 25, y: 20 })).toMatchObject({ x: 15, y: 10, width: 30 });
		expect(gestureBox(move, { x: 200, y: 200 })).toMatchObject({ x: 70, y: 60 });
	});

	it('resizes by the dragged handle and never below the minimum size', () => {
		const resize: BoxGesture = {
			kind: 'resize',
			index: 0,
			handle: 'nw',
			start: { x: 10, y: 20 },
			box: box()
		};
		expect(gestureBox(resize, { x: 5, y: 10 })).toMatchObject({
			x: 5,
			y: 10,
			width: 35,
			height: 50
		});
		const inverted = gestureBox(resize, { x: 90, y: 90 });
		expect(inverted.width).toBe(MIN_BOX_SIZE);
		expect(inverted.height).toBe(MIN_BOX_SIZE);
		expect(inverted.x + inverted.width).toBe(40);
	});
});

describe('roundBox', () => {
	it('rounds edges to 0.01 % and keeps the box inside the image', () => {
		const rounded = roundBox(box({ x: 33.33333, width: 66.66667, y: 0.004, height: 12.3456 }));
		expect(rounded).toMatchObject({ x: 33.33, y: 0, width: 66.67, height: 12.35 });
		const answer = { boxes: [rounded] };
		const data = { image: '/content/images/a.webp', labels: ['helmet'] };
		expect(validateAnswer('bounding_boxes', data, answer).ok).toBe(true);
	});
});

describe('nudgeBox', () => {
	it('moves the box one step per arrow key', () => {
		expect(nudgeBox(box(), 'ArrowRight', false)).toMatchObject({ x: 11, y: 20, width: 30 });
		expect(nudgeBox(box(), 'ArrowUp', false, 5)).toMatchObject({ x: 10, y: 15 });
		expect(nudgeBox(box({ x: 0 }), 'ArrowLeft', false)).toMatchObject({ x: 0 });
	});

	it('with Shift, grows or shrinks the box from its bottom-right corner', () => {
		expect(nudgeBox(box(), 'ArrowRight', true)).toMatchObject({ x: 10, width: 31 });
		expect(nudgeBox(box(), 'ArrowUp', true)).toMatchObject({ y: 20, height: 39 });
		const tiny = box({ width: MIN_BOX_SIZE });
		expect(nudgeBox(tiny, 'ArrowLeft', true)).toMatchObject({ width: MIN_BOX_SIZE });
	});

	it('ignores other keys', () => {
		expect(nudgeBox(box(), 'Enter', false)).toBeNull();
	});
});

describe('centredBox', () => {
	it('puts a box in the middle of the image', () => {
		expect(centredBox('helmet')).toEqual({ x: 35, y: 35, width: 30, height: 30, label: 'helmet' });
	});
});
