import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImport, type ProjectShape } from '$lib/interchange';

const fixture = (name: string) =>
	readFileSync(join('tests', 'fixtures', 'interchange', name), 'utf8');

const photos: ProjectShape = {
	type: 'image_classification',
	labels: ['person', 'animal', 'food', 'car', 'building', 'tool'],
	multiple: false
};
const boxes: ProjectShape = {
	type: 'bounding_boxes',
	labels: ['person', 'animal', 'tool'],
	multiple: false
};
const names: ProjectShape = {
	type: 'named_entities',
	labels: ['person', 'place', 'organization', 'date'],
	multiple: false
};

describe('a hand-written Label Studio image classification file', () => {
	const result = parseImport(
		'label-studio',
		fixture('label-studio-image-classification.json'),
		photos
	);

	it('reads every task, including the bare form without data', () => {
		expect(result.problems).toEqual([]);
		expect(result.tasks.map((task) => [task.ref, task.line, task.data])).toEqual([
			['101', 1, { image: 'https://example.com/photos/cat.jpg' }],
			['102', 2, { image: 'https://example.com/photos/bus.jpg' }],
			['row-3', 3, { image: 'https://example.com/photos/bread.jpg' }],
			['104', 4, { image: 'https://example.com/photos/kimbap.jpg', proposed: 'food' }]
		]);
	});

	it('takes gold from ground_truth, else from a lone annotation', () => {
		expect(result.tasks.map((task) => task.gold)).toEqual([
			{ labels: ['animal'] },
			{ labels: ['car'] },
			null,
			{ labels: ['food'] }
		]);
	});

	it('keeps the other annotations as answers and skips cancelled ones', () => {
		expect(result.tasks.map((task) => task.annotations)).toEqual([
			[{ annotator: 'kim@example.com', answer: { labels: ['food'] } }],
			[],
			[],
			[{ annotator: 'tran', answer: { proposed: 'food', accept: false } }]
		]);
	});
});

describe('a hand-written Label Studio object detection file', () => {
	const result = parseImport('label-studio', fixture('label-studio-object-detection.json'), boxes);

	it('reads rectangles in % as gold and ignores model predictions', () => {
		expect(result.problems).toEqual([]);
		expect(result.tasks.map((task) => [task.ref, task.gold, task.annotations])).toEqual([
			[
				'201',
				{
					boxes: [
						{ x: 12.5, y: 20, width: 30, height: 45.5, label: 'animal' },
						{ x: 60, y: 10, width: 15.25, height: 70, label: 'person' }
					]
				},
				[]
			],
			['202', { boxes: [] }, []]
		]);
	});
});

describe('a hand-written Label Studio NER file', () => {
	const result = parseImport('label-studio', fixture('label-studio-ner.json'), names);

	it('reads labels results as spans with the same UTF-16 offsets', () => {
		expect(result.problems).toEqual([]);
		expect(result.tasks.map((task) => task.gold)).toEqual([
			{
				spans: [
					{ start: 0, end: 3, type: 'person' },
					{ start: 7, end: 9, type: 'place' }
				]
			},
			{
				spans: [
					{ start: 0, end: 7, type: 'date' },
					{ start: 9, end: 11, type: 'place' }
				]
			}
		]);
		expect(result.tasks[0]?.annotations).toEqual([
			{ annotator: 'kim@example.com', answer: { spans: [{ start: 0, end: 3, type: 'person' }] } }
		]);
	});
});

describe('Label Studio problems', () => {
	const entity = (value: Record<string, unknown>) => ({
		from_name: 'label',
		to_name: 'text',
		type: 'labels',
		value: { labels: ['place'], ...value }
	});
	const nerTask = (id: number, result: unknown[], ground_truth = true) => ({
		id,
		data: { text: '안산에 살아요.' },
		annotations: [{ ground_truth, result }]
	});

	it('reports a file that is not JSON or not an array, with no tasks', () => {
		// V8 names the offset of this error, so the problem names its line.
		expect(parseImport('label-studio', '[\n{"id": 1},\n{"id" 2}\n]', names)).toEqual({
			tasks: [],
			problems: [{ line: 3, message: 'the file is not valid JSON' }]
		});
		expect(parseImport('label-studio', '{"data": {}}', names)).toEqual({
			tasks: [],
			problems: [{ line: 1, message: 'a Label Studio file is a JSON array of tasks' }]
		});
	});

	it('reports each bad item by its index and keeps the good ones', () => {
		const file = [
			nerTask(1, [entity({ start: 0, end: 2, text: '안산' })]),
			nerTask(2, [entity({ start: 0, end: 2, text: '서울' })]),
			nerTask(3, [entity({ start: 0, end: 12, text: '안산에 살아요.' })]),
			nerTask(4, [{ ...entity({ start: 0, end: 2 }), type: 'choices' }]),
			'not a task',
			nerTask(6, [entity({ start: 0, end: 2, labels: ['city'] })])
		];
		const result = parseImport('label-studio', JSON.stringify(file), names);
		expect(result.tasks.map((task) => task.ref)).toEqual(['1']);
		expect(result.problems).toEqual([
			{ line: 2, ref: '2', message: "gold: entity text '서울' is not the text at 0..2" },
			{ line: 3, ref: '3', message: 'gold: span 0..12 runs past the end of the text' },
			{
				line: 4,
				ref: '4',
				message: "gold: result type 'choices' does not fit named_entities tasks"
			},
			{ line: 5, message: 'item 5 is not an object' },
			{ line: 6, ref: '6', message: 'gold: span 0..2: type city is not in this project' }
		]);
	});

	it('leaves out an answer that does not fit but keeps its task', () => {
		const task = nerTask(1, [entity({ start: 0, end: 2 })]);
		task.annotations.push({ ground_truth: false, result: [entity({ start: 1, end: 9 })] });
		const result = parseImport('label-studio', JSON.stringify([task]), names);
		expect(result.tasks.map((t) => [t.ref, t.annotations])).toEqual([['1', []]]);
		expect(result.problems).toEqual([
			{
				line: 1,
				ref: '1',
				message: 'answer by unknown left out: span 1..9 runs past the end of the text'
			}
		]);
	});

	it('refuses rotated boxes rather than moving them', () => {
		const task = {
			data: { image: 'https://example.com/a.jpg' },
			annotations: [
				{
					result: [
						{
							from_name: 'label',
							to_name: 'image',
							type: 'rectanglelabels',
							value: { x: 1, y: 1, width: 5, height: 5, rotation: 30, rectanglelabels: ['tool'] }
						}
					]
				}
			]
		};
		expect(parseImport('label-studio', JSON.stringify([task]), boxes).problems).toEqual([
			{ line: 1, message: 'gold: rotated boxes are not supported' }
		]);
	});
});
