import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseImport, type ProjectShape } from '$lib/interchange';

const COUNT = 10_000;
const LABELS = ['question', 'request', 'complaint', 'thanks'];
const intents: ProjectShape = { type: 'text_classification', labels: LABELS, multiple: false };

/** Task i: a sentence with a comma and quotes (so CSV must quote it), every 7th with gold. */
function row(i: number) {
	const gold = i % 7 === 0 ? { labels: [LABELS[i % LABELS.length]] } : null;
	return { id: `task-${i}`, text: `문장 ${i}: "작업", 확인해 주세요.`, gold };
}

describe('a 10,000-task import', () => {
	const rows = Array.from({ length: COUNT }, (_, i) => row(i));

	it('reads all of a JSONL file', () => {
		const text = rows
			.map(({ id, text, gold }) => JSON.stringify({ id, data: { text }, gold }))
			.join('\n');
		const result = parseImport('jsonl', text, intents);
		expect(result.problems).toEqual([]);
		expect(result.tasks).toHaveLength(COUNT);
		expect(result.tasks[9_999]).toEqual({
			ref: 'task-9999',
			line: 10_000,
			data: { text: '문장 9999: "작업", 확인해 주세요.' },
			gold: null,
			annotations: []
		});
		expect(result.tasks.filter((task) => task.gold !== null)).toHaveLength(Math.ceil(COUNT / 7));
	});

	it('reads all of a CSV file', () => {
		const text = Papa.unparse(
			rows.map(({ id, text, gold }) => ({ id, text, gold: gold ? JSON.stringify(gold) : '' }))
		);
		const result = parseImport('csv', text, intents);
		expect(result.problems).toEqual([]);
		expect(result.tasks).toHaveLength(COUNT);
		expect(result.tasks[7]).toEqual({
			ref: 'task-7',
			line: 9,
			data: { text: '문장 7: "작업", 확인해 주세요.' },
			gold: { labels: ['thanks'] },
			annotations: []
		});
		expect(result.tasks.at(-1)?.line).toBe(COUNT + 1);
	});
});
