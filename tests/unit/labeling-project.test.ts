import { describe, expect, it } from 'vitest';
import {
	fitsLanguage,
	missedLabels,
	scoreTraining,
	taskData,
	translationTarget
} from '$lib/labeling/project';
import { TaskDataSchema } from '$lib/labeling/task-types';
import * as v from 'valibot';

const labels = [{ id: 'cat' }, { id: 'dog' }, { id: 'bird' }];

describe('taskData', () => {
	it("spreads the project's options into each type's data, which then passes its schema", () => {
		const image = { image: '/content/images/a.webp' };
		const text = { text: '김민수 씨가 서울에 가요.' };
		const cases = [
			['image_classification', image, { labels: ['cat', 'dog', 'bird'], multiple: true }],
			['text_classification', text, { labels: ['cat', 'dog', 'bird'], multiple: true }],
			['bounding_boxes', image, { labels: ['cat', 'dog', 'bird'] }],
			['named_entities', text, { types: ['cat', 'dog', 'bird'] }]
		] as const;
		for (const [type, data, spread] of cases) {
			const full = taskData({ type, labels, multiple: true }, data);
			expect(full).toEqual({ ...data, ...spread });
			expect(v.safeParse(TaskDataSchema[type], full).success, type).toBe(true);
		}
		const transcription = { media: 'image', src: '/content/images/s.webp' };
		expect(taskData({ type: 'transcription', labels: [], multiple: false }, transcription)).toBe(
			transcription
		);
	});
});

describe('language', () => {
	it('a learner checks translations into their own language; Korean UI checks English', () => {
		expect(translationTarget('vi')).toBe('vi');
		expect(translationTarget('ko')).toBe('en');
		const pair = { source: '안녕', sourceLanguage: 'ko', target: 'Xin chào', targetLanguage: 'vi' };
		expect(fitsLanguage('translation_check', pair, 'vi')).toBe(true);
		expect(fitsLanguage('translation_check', pair, 'en')).toBe(false);
		expect(fitsLanguage('bounding_boxes', {}, 'zh')).toBe(true);
	});
});

describe('missedLabels', () => {
	it('classification: the gold labels not chosen', () => {
		expect(missedLabels('image_classification', { labels: ['cat'] }, { labels: ['dog'] })).toEqual([
			'cat'
		]);
		expect(missedLabels('text_classification', { labels: ['cat'] }, { labels: ['cat'] })).toEqual(
			[]
		);
	});

	it('verify mode: a wrong yes/no misses the proposed label and the right ones', () => {
		const gold = { labels: ['cat'] };
		expect(missedLabels('image_classification', gold, { proposed: 'dog', accept: true })).toEqual([
			'dog',
			'cat'
		]);
		expect(missedLabels('image_classification', gold, { proposed: 'dog', accept: false })).toEqual(
			[]
		);
		expect(missedLabels('image_classification', gold, { proposed: 'cat', accept: false })).toEqual([
			'cat'
		]);
	});

	it('boxes: labels of gold boxes left unmatched; entities: types of spans not found', () => {
		const box = { x: 10, y: 10, width: 20, height: 20 };
		const gold = {
			boxes: [
				{ ...box, label: 'cat' },
				{ x: 60, y: 60, width: 20, height: 20, label: 'dog' }
			]
		};
		expect(
			missedLabels('bounding_boxes', gold, { boxes: [{ ...box, x: 11, label: 'cat' }] })
		).toEqual(['dog']);
		const spans = {
			spans: [
				{ start: 0, end: 3, type: 'cat' },
				{ start: 7, end: 9, type: 'dog' }
			]
		};
		expect(
			missedLabels('named_entities', spans, {
				spans: [
					{ start: 0, end: 3, type: 'cat' },
					{ start: 7, end: 9, type: 'bird' }
				]
			})
		).toEqual(['dog']);
		expect(missedLabels('transcription', { text: '비상구' }, { text: '비상' })).toEqual([]);
	});
});

describe('scoreTraining', () => {
	const data = { text: '고마워요', labels: ['cat', 'dog'], multiple: false };
	it('scores training items only, and only answers that fit the task', () => {
		const task = { kind: 'training', data, gold: { labels: ['cat'] } };
		expect(scoreTraining('text_classification', task, { labels: ['cat'] })).toBe(true);
		expect(scoreTraining('text_classification', task, { labels: ['dog'] })).toBe(false);
		expect(scoreTraining('text_classification', task, { labels: ['cat', 'dog'] })).toBeNull();
		expect(
			scoreTraining('text_classification', { ...task, kind: 'work' }, { labels: ['cat'] })
		).toBeNull();
		expect(
			scoreTraining('text_classification', { kind: 'training', data }, { labels: ['cat'] })
		).toBeNull();
	});
});
