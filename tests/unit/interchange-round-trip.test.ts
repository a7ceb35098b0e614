import { describe, expect, it } from 'vitest';
import {
	CONSENSUS_ANNOTATOR,
	formatsFor,
	INTERCHANGE_FORMATS,
	parseImport,
	serializeExport,
	type ExportMode,
	type ExportTask,
	type ImportedTask
} from '$lib/interchange';
import { TASK_TYPES } from '$lib/labeling/types';
import { loadProjects, projectOfType } from '../fixtures/interchange/projects';

const fixtures = loadProjects();
const MODES: ExportMode[] = ['aggregated', 'raw'];

function essentials(tasks: readonly (ExportTask | ImportedTask)[]) {
	return tasks.map((task) => ({
		ref: 'ref' in task ? task.ref : task.id,
		data: task.data,
		gold: task.gold
	}));
}

/** The answers an export of this mode carries, as they come back on import. */
function expectedAnswers(format: string, mode: ExportMode, task: ExportTask) {
	const consensus =
		task.consensus === null ? [] : [{ annotator: CONSENSUS_ANNOTATOR, answer: task.consensus }];
	const raw = task.answers.map(({ annotator, answer }) => ({ annotator, answer }));
	if (format === 'label-studio') return [...raw, ...consensus];
	return mode === 'aggregated' ? consensus : raw;
}

describe('formatsFor', () => {
	it('offers COCO only for boxes and CoNLL only for entities', () => {
		expect(formatsFor('bounding_boxes')).toEqual(['label-studio', 'jsonl', 'csv', 'coco']);
		expect(formatsFor('named_entities')).toEqual(['label-studio', 'jsonl', 'csv', 'conll']);
		expect(formatsFor('transcription')).toEqual(['label-studio', 'jsonl', 'csv']);
	});
});

describe('the fixtures', () => {
	it('cover all six types, yes/no items, gold, no gold and unanswered tasks', () => {
		expect(fixtures.map((f) => f.project.type).sort()).toEqual([...TASK_TYPES].sort());
		const photos = projectOfType('image_classification').tasks;
		expect(photos.filter((task) => 'proposed' in task.data).length).toBeGreaterThan(0);
		const all = fixtures.flatMap((f) => f.tasks);
		expect(all.some((task) => task.gold === null)).toBe(true);
		expect(all.some((task) => task.answers.length === 0)).toBe(true);
	});
});

describe.each(fixtures.map((fixture) => [fixture.project.type, fixture] as const))(
	'round trip of %s',
	(type, { project, tasks }) => {
		const pairs = formatsFor(type).flatMap((format) =>
			MODES.map((mode) => [format, mode] as const)
		);

		it.each(pairs)('%s (%s) gives back every task, its data and gold', (format, mode) => {
			const file = serializeExport(format, project, tasks, { answers: mode });
			const result = parseImport(format, file.body, project);
			expect(result.problems).toEqual([]);
			expect(essentials(result.tasks)).toEqual(essentials(tasks));
		});

		it.each(pairs.filter(([format]) => ['label-studio', 'jsonl', 'csv'].includes(format)))(
			'%s (%s) gives back the answers',
			(format, mode) => {
				const file = serializeExport(format, project, tasks, { answers: mode });
				const result = parseImport(format, file.body, project);
				expect(result.tasks.map((task) => task.annotations)).toEqual(
					tasks.map((task) => expectedAnswers(format, mode, task))
				);
			}
		);
	}
);

describe('serializeExport', () => {
	const { project, tasks } = projectOfType('bounding_boxes');

	it('names files by project, answers and format', () => {
		const names = INTERCHANGE_FORMATS.filter((f) => f !== 'conll').map(
			(format) => serializeExport(format, project, tasks, { answers: 'raw' }).filename
		);
		expect(names).toEqual([
			'photo-boxes-raw.json',
			'photo-boxes-raw.jsonl',
			'photo-boxes-raw.csv',
			'photo-boxes-raw.coco.json'
		]);
	});

	it('refuses a format that does not fit the type', () => {
		expect(() => serializeExport('conll', project, tasks, { answers: 'raw' })).toThrow(
			/conll files do not hold bounding_boxes/
		);
	});

	it('refuses COCO for images without a size, naming them', () => {
		const [first, second, ...rest] = tasks;
		if (!first || !second) throw new Error('fixture too small');
		const unsized = [first, second].map((task) => ({
			...task,
			data: { ...task.data, width: undefined, height: undefined }
		}));
		expect(() =>
			serializeExport('coco', project, [...unsized, ...rest], { answers: 'aggregated' })
		).toThrow(`missing for: ${first.id}, ${second.id}`);
	});
});
