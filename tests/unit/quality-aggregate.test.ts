import { describe, expect, it } from 'vitest';
import { taskData, type ProjectOptions } from '$lib/labeling/project';
import type { TaskType } from '$lib/labeling/types';
import { aggregateProject, type AggregateInput } from '$lib/quality';

type Task = AggregateInput['tasks'][number];
type Answer = AggregateInput['answers'][number];

function project(type: TaskType, labels: string[], multiple = false): ProjectOptions {
	return { type, labels: labels.map((id) => ({ id })), multiple };
}

/** A task as the server hands it to aggregation: the project's options spread into its data. */
function task(
	options: ProjectOptions,
	id: string,
	data: Record<string, unknown>,
	gold: unknown = null
): Task {
	return { id, data: taskData(options, data) as Record<string, unknown>, gold };
}

/** One task's answers, by annotator. */
function answers(taskId: string, byAnnotator: Record<string, unknown>): Answer[] {
	return Object.entries(byAnnotator).map(([annotatorId, answer]) => ({
		taskId,
		annotatorId,
		answer
	}));
}

const labels = (...ids: string[]) => ({ labels: ids });

describe('aggregateProject: text classification (Dawid-Skene)', () => {
	const options = project('text_classification', ['safety', 'pay', 'schedule']);
	const text = (n: number) => ({ text: `문장 ${n}` });
	// a and b are always right; bad is always wrong.
	const input: AggregateInput = {
		type: 'text_classification',
		tasks: [
			task(options, 't1', text(1), labels('safety')),
			task(options, 't2', text(2), labels('pay')),
			task(options, 't3', text(3), labels('schedule')),
			task(options, 't4', text(4))
		],
		answers: [
			...answers('t1', { a: labels('safety'), b: labels('safety'), bad: labels('pay') }),
			...answers('t2', { a: labels('pay'), b: labels('pay'), bad: labels('schedule') }),
			...answers('t3', { a: labels('schedule'), b: labels('schedule'), bad: labels('safety') }),
			...answers('t4', { a: labels('pay'), b: labels('pay'), bad: labels('safety') })
		]
	};

	it('takes the majority label with agreement 2/3', () => {
		const { tasks } = aggregateProject(input);
		expect([...tasks.keys()]).toEqual(['t1', 't2', 't3', 't4']);
		expect(tasks.get('t1')).toEqual({ consensus: labels('safety'), agreement: 2 / 3, answers: 3 });
		expect(tasks.get('t2')?.consensus).toEqual(labels('pay'));
		expect(tasks.get('t3')?.consensus).toEqual(labels('schedule'));
		expect(tasks.get('t4')).toEqual({ consensus: labels('pay'), agreement: 2 / 3, answers: 3 });
	});

	it('rates the wrong annotator lower on gold and on consensus', () => {
		const { annotators } = aggregateProject(input);
		expect([...annotators.keys()]).toEqual(['a', 'b', 'bad']);
		expect(annotators.get('a')).toEqual({
			answered: 4,
			gold: { scored: 3, correct: 3, accuracy: 1 },
			consensus: { compared: 4, agreed: 4, rate: 1 },
			estimate: 1
		});
		expect(annotators.get('bad')).toEqual({
			answered: 4,
			gold: { scored: 3, correct: 0, accuracy: 0 },
			consensus: { compared: 4, agreed: 0, rate: 0 },
			estimate: 0
		});
	});

	it('does not depend on the order of tasks or answers', () => {
		const shuffled = {
			...input,
			tasks: [...input.tasks].reverse(),
			answers: [...input.answers].reverse()
		};
		const a = aggregateProject(input);
		const b = aggregateProject(shuffled);
		expect(new Map([...b.tasks].sort(([x], [y]) => (x < y ? -1 : 1)))).toEqual(a.tasks);
		expect(b.annotators).toEqual(a.annotators);
	});

	it('counts an annotator’s later answer to a task, and ignores answers that do not fit', () => {
		const { tasks, annotators } = aggregateProject({
			...input,
			answers: [
				...input.answers,
				// bad corrects t4; an unknown label and an unknown task are ignored.
				...answers('t4', { bad: labels('pay'), c: labels('holiday') }),
				...answers('t9', { a: labels('pay') })
			]
		});
		expect(tasks.get('t4')).toEqual({ consensus: labels('pay'), agreement: 1, answers: 3 });
		expect(tasks.has('t9')).toBe(false);
		expect(annotators.has('c')).toBe(false);
		expect(annotators.get('bad')?.consensus).toEqual({ compared: 4, agreed: 1, rate: 0.25 });
	});
});

describe('aggregateProject: Dawid-Skene lets reliable annotators outvote', () => {
	// Same crowd as the dawid-skene tests: r1, r2 always right; p1–p3 right 3 of 7, their wrong
	// answers never coincide except on t7, where all three say cat and the truth is dog.
	const options = project('image_classification', ['bird', 'cat', 'dog']);
	const rows: [string, Record<string, string>][] = [
		['t1', { r1: 'cat', r2: 'cat', p1: 'cat', p2: 'dog', p3: 'bird' }],
		['t2', { r1: 'dog', r2: 'dog', p1: 'dog', p2: 'dog', p3: 'cat' }],
		['t3', { r1: 'bird', r2: 'bird', p1: 'cat', p2: 'bird', p3: 'dog' }],
		['t4', { r1: 'cat', r2: 'cat', p1: 'dog', p2: 'cat', p3: 'cat' }],
		['t5', { r1: 'dog', r2: 'dog', p1: 'bird', p2: 'cat', p3: 'dog' }],
		['t6', { r1: 'bird', r2: 'bird', p1: 'bird', p2: 'dog', p3: 'bird' }],
		['t7', { r1: 'dog', r2: 'dog', p1: 'cat', p2: 'cat', p3: 'cat' }]
	];
	const input: AggregateInput = {
		type: 'image_classification',
		tasks: rows.map(([id]) => task(options, id, { image: `/content/demo/${id}.webp` })),
		answers: rows.flatMap(([id, byAnnotator]) =>
			answers(
				id,
				Object.fromEntries(Object.entries(byAnnotator).map(([who, label]) => [who, labels(label)]))
			)
		)
	};

	it('picks dog on t7 although cat has 3 of 5 votes', () => {
		const { tasks } = aggregateProject(input);
		expect(tasks.get('t7')).toEqual({ consensus: labels('dog'), agreement: 2 / 5, answers: 5 });
		expect(tasks.get('t4')?.consensus).toEqual(labels('cat'));
	});

	it('without gold, the estimate is the consensus rate', () => {
		const { annotators } = aggregateProject(input);
		expect(annotators.get('r1')).toMatchObject({ consensus: { rate: 1 }, estimate: 1 });
		expect(annotators.get('p1')).toMatchObject({
			gold: { scored: 0, correct: 0, accuracy: null },
			consensus: { compared: 7, agreed: 3, rate: 3 / 7 },
			estimate: 3 / 7
		});
	});
});

describe('aggregateProject: multi-label classification', () => {
	const options = project('image_classification', ['helmet', 'vest', 'gloves'], true);
	const image = { image: '/content/demo/site.webp' };

	it('keeps the labels more than half chose, in the project’s order', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'image_classification',
			tasks: [
				task(options, 't1', image, labels('helmet', 'vest')),
				task(options, 't2', image, labels('vest')),
				task(options, 't3', image)
			],
			answers: [
				...answers('t1', {
					a: labels('vest', 'helmet'),
					b: labels('helmet', 'vest'),
					bad: labels('gloves')
				}),
				...answers('t2', { a: labels('vest'), b: labels('vest'), bad: labels('vest', 'gloves') }),
				// helmet 2 of 3, vest 2 of 3, gloves 1 of 3: only b's answer equals the consensus.
				...answers('t3', {
					a: labels('helmet'),
					b: labels('helmet', 'vest'),
					bad: labels('vest', 'gloves')
				})
			]
		});
		expect(tasks.get('t1')).toEqual({
			consensus: labels('helmet', 'vest'),
			agreement: 2 / 3,
			answers: 3
		});
		expect(tasks.get('t2')).toEqual({ consensus: labels('vest'), agreement: 2 / 3, answers: 3 });
		expect(tasks.get('t3')).toEqual({
			consensus: labels('helmet', 'vest'),
			agreement: 1 / 3,
			answers: 3
		});
		expect(annotators.get('b')?.consensus).toEqual({ compared: 3, agreed: 3, rate: 1 });
		expect(annotators.get('bad')?.consensus).toEqual({ compared: 3, agreed: 0, rate: 0 });
		expect(annotators.get('bad')?.gold).toEqual({ scored: 2, correct: 0, accuracy: 0 });
		expect(annotators.get('a')?.gold).toEqual({ scored: 2, correct: 2, accuracy: 1 });
	});

	it('has no consensus when no label reaches a majority', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'image_classification',
			tasks: [task(options, 't1', image)],
			answers: answers('t1', { a: labels('helmet'), b: labels('vest'), c: labels('gloves') })
		});
		expect(tasks.get('t1')).toEqual({ consensus: null, agreement: null, answers: 3 });
		expect(annotators.get('a')?.consensus).toEqual({ compared: 0, agreed: 0, rate: null });
	});
});

describe('aggregateProject: verify a proposed label', () => {
	const options = project('image_classification', ['helmet', 'vest']);
	const verify = (accept: boolean) => ({ proposed: 'helmet', accept });
	const tasks = ['t1', 't2', 't3'].map((id) =>
		task(options, id, { image: `/content/demo/${id}.webp`, proposed: 'helmet' }, labels('helmet'))
	);

	it('takes the majority of yes and no', () => {
		const result = aggregateProject({
			type: 'image_classification',
			tasks,
			answers: ['t1', 't2', 't3'].flatMap((id) =>
				answers(id, { a: verify(true), b: verify(true), bad: verify(false) })
			)
		});
		expect(result.tasks.get('t1')).toEqual({
			consensus: verify(true),
			agreement: 2 / 3,
			answers: 3
		});
		expect(result.annotators.get('a')).toMatchObject({ estimate: 1 });
		expect(result.annotators.get('bad')).toEqual({
			answered: 3,
			gold: { scored: 3, correct: 0, accuracy: 0 },
			consensus: { compared: 3, agreed: 0, rate: 0 },
			estimate: 0
		});
	});

	it('breaks a tie by gold accuracy, and rejects when that does not decide', () => {
		const noGold = task(options, 't9', { image: '/content/demo/t9.webp', proposed: 'helmet' });
		const result = aggregateProject({
			type: 'image_classification',
			tasks: [...tasks, noGold],
			answers: [
				// a is right on the gold items, bad wrong: on t9 they split and a wins.
				...['t1', 't2', 't3'].flatMap((id) => answers(id, { a: verify(true), bad: verify(false) })),
				...answers('t9', { a: verify(true), bad: verify(false) })
			]
		});
		expect(result.tasks.get('t9')).toEqual({
			consensus: verify(true),
			agreement: 0.5,
			answers: 2
		});

		const unknown = aggregateProject({
			type: 'image_classification',
			tasks: [noGold],
			answers: answers('t9', { a: verify(true), b: verify(false) })
		});
		expect(unknown.tasks.get('t9')?.consensus).toEqual(verify(false));
	});
});

describe('aggregateProject: bounding boxes', () => {
	const options = project('bounding_boxes', ['helmet', 'person']);
	const image = { image: '/content/demo/site.webp' };
	const helmet = { x: 10, y: 10, width: 30, height: 30, label: 'helmet' };
	const nearHelmet = { x: 12, y: 11, width: 30, height: 29, label: 'helmet' };
	const elsewhere = { x: 60, y: 60, width: 20, height: 20, label: 'helmet' };

	it('keeps the clusters a majority drew, as their mean box', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'bounding_boxes',
			tasks: [task(options, 't1', image, { boxes: [helmet] })],
			answers: answers('t1', {
				a: { boxes: [helmet] },
				b: { boxes: [nearHelmet] },
				bad: { boxes: [elsewhere] }
			})
		});
		expect(tasks.get('t1')).toEqual({
			consensus: { boxes: [{ x: 11, y: 10.5, width: 30, height: 29.5, label: 'helmet' }] },
			agreement: 2 / 3,
			answers: 3
		});
		expect(annotators.get('a')).toMatchObject({
			gold: { scored: 1, correct: 1 },
			consensus: { rate: 1 }
		});
		expect(annotators.get('bad')).toMatchObject({
			gold: { scored: 1, correct: 0 },
			consensus: { rate: 0 },
			estimate: 0
		});
	});

	it('agrees on "nothing here" when most drew no box', () => {
		const { tasks } = aggregateProject({
			type: 'bounding_boxes',
			tasks: [task(options, 't1', image)],
			answers: answers('t1', { a: { boxes: [] }, b: { boxes: [] }, bad: { boxes: [helmet] } })
		});
		expect(tasks.get('t1')).toEqual({ consensus: { boxes: [] }, agreement: 2 / 3, answers: 3 });
	});
});

describe('aggregateProject: named entities', () => {
	const options = project('named_entities', ['person', 'place']);
	// 김민수 is 0..3, 서울 is 7..9.
	const sentence = { text: '김민수 씨는 서울에 삽니다' };
	const person = { start: 0, end: 3, type: 'person' };
	const place = { start: 7, end: 9, type: 'place' };

	it('keeps the spans a majority marked', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'named_entities',
			tasks: [task(options, 't1', sentence, { spans: [person, place] })],
			answers: answers('t1', {
				a: { spans: [person, place] },
				b: { spans: [place, person] },
				bad: { spans: [{ start: 0, end: 3, type: 'place' }] }
			})
		});
		expect(tasks.get('t1')).toEqual({
			consensus: { spans: [person, place] },
			agreement: 2 / 3,
			answers: 3
		});
		expect(annotators.get('b')?.gold.accuracy).toBe(1);
		expect(annotators.get('bad')?.gold.accuracy).toBe(0);
		expect(annotators.get('bad')?.consensus.rate).toBe(0);
	});
});

describe('aggregateProject: transcription', () => {
	const options = project('transcription', []);
	const sign = { media: 'image', src: '/content/demo/sign.webp' };

	it('takes the medoid, so the consensus is a text someone typed', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'transcription',
			tasks: [task(options, 't1', sign, { text: '안전모 착용' }), task(options, 't2', sign)],
			answers: [
				// 안전화 is two jamo edits from 안전모 in 14: CER 0.14, past the 0.1 bar.
				...answers('t1', {
					a: { text: '안전모 착용' },
					b: { text: ' 안전모 착용 ' },
					bad: { text: '안전화 착용' }
				}),
				// Jamo edits: a–b 1, a–bad 2, b–bad 3, so a is the medoid although no two agree,
				// and although bad's text comes first in code-unit order.
				...answers('t2', {
					a: { text: '안전모 착용' },
					b: { text: '안전모 착융' },
					bad: { text: '안전기 착용' }
				})
			]
		});
		expect(tasks.get('t1')).toEqual({
			consensus: { text: '안전모 착용' },
			agreement: 2 / 3,
			answers: 3
		});
		// 착융 is one edit in 14 from the consensus: within the CER bar, so b agrees.
		expect(tasks.get('t2')).toEqual({
			consensus: { text: '안전모 착용' },
			agreement: 2 / 3,
			answers: 3
		});
		expect(annotators.get('bad')).toMatchObject({
			gold: { scored: 1, correct: 0 },
			consensus: { compared: 2, agreed: 0, rate: 0 }
		});
		expect(annotators.get('b')).toMatchObject({
			gold: { scored: 1, correct: 1 },
			consensus: { compared: 2, agreed: 2, rate: 1 }
		});
	});

	it('breaks a tie between two texts by code-unit order', () => {
		const { tasks } = aggregateProject({
			type: 'transcription',
			tasks: [task(options, 't1', sign)],
			answers: answers('t1', { a: { text: '출구' }, b: { text: '입구' } })
		});
		expect(tasks.get('t1')).toEqual({ consensus: { text: '입구' }, agreement: 0.5, answers: 2 });
	});
});

describe('aggregateProject: translation check', () => {
	const options = project('translation_check', []);
	const pair = {
		source: '안전모를 쓰세요.',
		sourceLanguage: 'ko',
		target: 'Wear shoes.',
		targetLanguage: 'en'
	};
	const wrong = (fix: string) => ({ verdict: 'wrong', fix });

	it('takes the majority verdict and the medoid fix of the "wrong" answers', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'translation_check',
			tasks: [task(options, 't1', pair, { verdict: 'wrong' }), task(options, 't2', pair)],
			answers: [
				...answers('t1', {
					a: wrong('Wear a helmet.'),
					b: wrong('Wear your helmet.'),
					c: wrong('Wear a helmet!'),
					bad: { verdict: 'ok' }
				}),
				...answers('t2', { a: { verdict: 'ok' }, b: { verdict: 'ok' }, bad: wrong('Wear boots.') })
			]
		});
		// Punctuation is ignored by the jamo units: "Wear a helmet." and "…!" are one text
		// apart from "Wear your helmet.", and the tie between them goes to code-unit order.
		expect(tasks.get('t1')).toEqual({
			consensus: wrong('Wear a helmet!'),
			agreement: 3 / 4,
			answers: 4
		});
		expect(tasks.get('t2')).toEqual({
			consensus: { verdict: 'ok' },
			agreement: 2 / 3,
			answers: 3
		});
		expect(annotators.get('bad')?.consensus).toEqual({ compared: 2, agreed: 0, rate: 0 });
		expect(annotators.get('bad')?.gold).toEqual({ scored: 1, correct: 0, accuracy: 0 });
	});
});

describe('aggregateProject: few answers', () => {
	const options = project('text_classification', ['safety', 'pay']);

	it('a single answer is the consensus, with no agreement to speak of', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'text_classification',
			tasks: [task(options, 't1', { text: '문장' }, labels('pay'))],
			answers: answers('t1', { a: labels('pay') })
		});
		expect(tasks.get('t1')).toEqual({ consensus: labels('pay'), agreement: null, answers: 1 });
		expect(annotators.get('a')).toEqual({
			answered: 1,
			gold: { scored: 1, correct: 1, accuracy: 1 },
			consensus: { compared: 0, agreed: 0, rate: null },
			estimate: 1
		});
	});

	it('a task nobody answered is in the result with a null consensus', () => {
		const { tasks, annotators } = aggregateProject({
			type: 'text_classification',
			tasks: [task(options, 't1', { text: '문장' })],
			answers: []
		});
		expect(tasks.get('t1')).toEqual({ consensus: null, agreement: null, answers: 0 });
		expect(annotators.size).toBe(0);
	});

	it('prefers gold accuracy from 3 gold items on, the consensus rate below', () => {
		const text = { text: '문장' };
		const goldTasks = ['g1', 'g2', 'g3'].map((id) => task(options, id, text, labels('safety')));
		const work = ['w1', 'w2'].map((id) => task(options, id, text));
		const workAnswers = ['w1', 'w2'].flatMap((id) =>
			answers(id, { a: labels('pay'), b: labels('pay'), c: labels('safety') })
		);
		// c is right on every gold item but alone on the work items.
		const two = aggregateProject({
			type: 'text_classification',
			tasks: [...goldTasks, ...work],
			answers: [
				...answers('g1', { c: labels('safety') }),
				...answers('g2', { c: labels('safety') }),
				...workAnswers
			]
		});
		expect(two.annotators.get('c')).toMatchObject({
			gold: { scored: 2, accuracy: 1 },
			consensus: { rate: 0 },
			estimate: 0
		});
		const three = aggregateProject({
			type: 'text_classification',
			tasks: [...goldTasks, ...work],
			answers: [
				...['g1', 'g2', 'g3'].flatMap((id) => answers(id, { c: labels('safety') })),
				...workAnswers
			]
		});
		expect(three.annotators.get('c')).toMatchObject({ gold: { scored: 3 }, estimate: 1 });
	});
});
