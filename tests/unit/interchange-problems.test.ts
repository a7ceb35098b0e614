import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem, parseImport, type ProjectShape } from '$lib/interchange';

const fixture = (name: string) =>
	readFileSync(join('tests', 'fixtures', 'interchange', name), 'utf8');

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
const intents: ProjectShape = {
	type: 'text_classification',
	labels: ['question', 'request', 'complaint', 'thanks'],
	multiple: false
};

const OUTSIDE = 'a box must have a positive size and lie inside the image (0..100 %)';

describe('a JSONL file with bad lines', () => {
	const result = parseImport('jsonl', fixture('farm-boxes-bad.jsonl'), boxes);

	it('names each bad line with its number', () => {
		expect(result.problems.map(describeProblem)).toEqual([
			"line 2: gold: label kitten is not one of this project's labels",
			`line 4: gold.boxes.0: ${OUTSIDE}`,
			'line 5: this line is not valid JSON',
			'line 6: data.image is missing',
			"line 8: id 'farm-1' is already used on line 1",
			'line 10: each line must be a JSON object',
			'line 11: data.image: must be a site path or an https URL'
		]);
		expect(result.problems[0]?.ref).toBe('farm-2');
	});

	it('still imports the good lines, with stored data and gold', () => {
		expect(result.tasks).toEqual([
			{
				ref: 'farm-1',
				line: 1,
				data: { image: 'https://example.com/farm-1.jpg', width: 800, height: 600 },
				gold: { boxes: [{ x: 10, y: 10, width: 20, height: 20, label: 'animal' }] },
				annotations: []
			},
			{
				ref: 'farm-6',
				line: 7,
				data: { image: 'https://example.com/farm-6.jpg' },
				gold: null,
				annotations: []
			},
			{
				ref: 'row-9',
				line: 9,
				data: { image: 'https://example.com/farm-7.jpg' },
				gold: { boxes: [] },
				annotations: []
			}
		]);
	});

	it('reports a span past the end of the text', () => {
		const text = [
			'{"id":"n-1","data":{"text":"안산에 살아요."},"gold":{"spans":[{"start":0,"end":2,"type":"place"}]}}',
			'{"id":"n-2","data":{"text":"안산"},"gold":{"spans":[{"start":0,"end":5,"type":"place"}]}}'
		].join('\n');
		const result = parseImport('jsonl', text, names);
		expect(result.tasks.map((task) => task.ref)).toEqual(['n-1']);
		expect(result.problems).toEqual([
			{ line: 2, ref: 'n-2', message: 'gold: span 0..5 runs past the end of the text' }
		]);
	});

	it('drops the project options from stored data and ignores options in the file', () => {
		const text = '{"id":"q","data":{"text":"몇 시예요?","labels":["x"],"multiple":true}}';
		const result = parseImport('jsonl', text, intents);
		expect(result.problems).toEqual([]);
		expect(result.tasks[0]?.data).toEqual({ text: '몇 시예요?' });
	});

	it('reports a field the task type does not have', () => {
		const text = '{"id":"q","data":{"text":"몇 시예요?","colour":"red"}}';
		expect(parseImport('jsonl', text, intents).problems).toEqual([
			{ line: 1, ref: 'q', message: 'data.colour is not a known field' }
		]);
	});
});

describe('a CSV file with bad rows', () => {
	const result = parseImport('csv', fixture('farm-boxes-bad.csv'), boxes);

	it('names each bad row by the line it starts on, counting quoted line breaks', () => {
		expect(result.problems.map(describeProblem)).toEqual([
			"line 3: gold: label kitten is not one of this project's labels",
			`line 5: gold.boxes.0: ${OUTSIDE}`,
			'line 6: data.image is missing',
			'line 7: column gold is not valid JSON',
			'line 12: data.width: Invalid value: Expected >=1 but received 0',
			'line 13: the row has 4 cells, the header has 5'
		]);
	});

	it('still imports the good rows, numbers as numbers', () => {
		expect(result.tasks.map((task) => [task.ref, task.line, task.data, task.gold])).toEqual([
			[
				'farm-1',
				2,
				{ image: 'https://example.com/farm-1.jpg', width: 800, height: 600 },
				{ boxes: [{ x: 10, y: 10, width: 20, height: 20, label: 'animal' }] }
			],
			['farm-6', 8, { image: 'https://example.com/farm-6.jpg' }, null],
			['farm-7', 9, { image: 'https://example.com/farm-7.jpg' }, { boxes: [] }]
		]);
	});

	it('reports a span past the end of the text', () => {
		const text =
			'id,text,gold\nn-1,안산,"{""spans"":[{""start"":0,""end"":5,""type"":""place""}]}"\n';
		expect(parseImport('csv', text, names).problems).toEqual([
			{ line: 2, ref: 'n-1', message: 'gold: span 0..5 runs past the end of the text' }
		]);
	});

	it('reads a file saved by Excel: byte-order mark and CRLF', () => {
		const text = '\uFEFFid,text\r\nq-1,몇 시예요?\r\nq-2,"창문 좀, 닫아 주세요."\r\n';
		const result = parseImport('csv', text, intents);
		expect(result.problems).toEqual([]);
		expect(result.tasks.map((task) => [task.ref, task.line, task.data])).toEqual([
			['q-1', 2, { text: '몇 시예요?' }],
			['q-2', 3, { text: '창문 좀, 닫아 주세요.' }]
		]);
	});
});

describe('files that cannot be read at all', () => {
	it('gives one problem and no tasks', () => {
		expect(parseImport('coco', '{"images": 3}', boxes)).toEqual({
			tasks: [],
			problems: [
				{ line: 1, message: 'a COCO file is an object with images, annotations and categories' }
			]
		});
		expect(parseImport('csv', '', intents).problems).toEqual([
			{ line: 1, message: 'the file is empty' }
		]);
		expect(parseImport('conll', 'x O', boxes).problems).toEqual([
			{ line: 1, message: 'conll files do not hold bounding_boxes tasks' }
		]);
	});
});
