import { describe, expect, it } from 'vitest';
import { ProjectInput } from '$lib/api/console';
import * as v from 'valibot';
import { formatLabels, parseLabels } from '$lib/console/labels';
import {
	fieldOfMessage,
	newProjectForm,
	projectForm,
	projectInput,
	readProjectForm,
	type ProjectFormValues
} from '$lib/console/project-form';

const COHORT = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function filled(overrides: Partial<ProjectFormValues> = {}): ProjectFormValues {
	const values = newProjectForm(COHORT);
	values.title.en = 'Shop signs';
	values.title.vi = 'Biển hiệu';
	values.description.en = 'Read shop signs.';
	values.guidelines.en = 'Type what the sign says.';
	values.labels = 'person: 사람\nanimal: 동물';
	return { ...values, ...overrides };
}

describe('parseLabels', () => {
	it('reads one label per line, skipping blank lines', () => {
		expect(parseLabels('person: 사람\n\n  animal :동물  \r\nfood：음식')).toEqual({
			labels: [
				{ id: 'person', hangul: '사람' },
				{ id: 'animal', hangul: '동물' },
				{ id: 'food', hangul: '음식' }
			],
			problems: []
		});
	});

	it('names the line of each problem', () => {
		const { labels, problems } = parseLabels('person 사람\nPerson: 사람\nok:\nok: 예\nok: 네');
		expect(labels).toEqual([{ id: 'ok', hangul: '예' }]);
		expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 5]);
		expect(problems[3]?.message).toBe('ok is already on line 4');
	});

	it('round-trips with formatLabels', () => {
		const labels = [
			{ id: 'a', hangul: '가' },
			{ id: 'b-2', hangul: '나' }
		];
		expect(parseLabels(formatLabels(labels)).labels).toEqual(labels);
	});
});

describe('project form', () => {
	it('gives an input the schema accepts', () => {
		const result = projectInput(filled());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.input).toMatchObject({ redundancy: 3, goldShare: 0.2, passAt: 0.8 });
		const parsed = v.parse(ProjectInput, result.input);
		expect(parsed.title).toEqual({ en: 'Shop signs', vi: 'Biển hiệu' });
	});

	it('marks the fields to fix', () => {
		const result = projectInput(
			filled({ redundancy: '2.5', goldShare: '60', passAt: 'x', cohortId: '', labels: 'bad' })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual([
			'cohortId',
			'goldShare',
			'labels',
			'passAt',
			'redundancy'
		]);
		expect(result.labelProblems).toEqual([
			{ line: 1, message: 'write it as label-id: 한국어 word' }
		]);
	});

	it('reads back what the form sent', () => {
		const form = new FormData();
		form.set('title.en', 'Shop signs');
		form.set('guidelines.ko', '간판을 읽으세요');
		form.set('type', 'transcription');
		form.set('labels', 'sign: 간판');
		form.set('multiple', 'on');
		form.set('redundancy', '5');
		form.set('goldShare', '12.5');
		form.set('passAt', '90');
		form.set('cohortId', COHORT);
		const values = readProjectForm(form);
		expect(values).toMatchObject({
			type: 'transcription',
			multiple: true,
			goldShare: '12.5',
			title: { en: 'Shop signs', ko: '', vi: '', zh: '' },
			guidelines: { ko: '간판을 읽으세요' }
		});
		expect(readProjectForm(new FormData()).multiple).toBe(false);
	});

	it('shows a stored project in percent', () => {
		const values = projectForm(
			{
				title: { en: 'T' },
				description: {},
				guidelines: {},
				type: 'image_classification',
				multiple: false,
				redundancy: 3,
				goldShare: 0.15,
				passAt: 0.8,
				cohortId: null
			},
			[{ id: 'person', hangul: '사람' }]
		);
		expect(values).toMatchObject({
			goldShare: '15',
			passAt: '80',
			labels: 'person: 사람',
			cohortId: ''
		});
	});

	it('finds the field a server message names', () => {
		expect(fieldOfMessage('labels: not in the vocabulary: 고양이')).toBe('labels');
		expect(fieldOfMessage('title.vi: at most 120 characters')).toBe('title.vi');
		expect(fieldOfMessage('title: English text is required')).toBe('title.en');
		expect(fieldOfMessage('labels.1.id: a label id uses a–z')).toBe('labels');
		expect(fieldOfMessage('The task type cannot change once tasks are imported.')).toBeNull();
	});
});
