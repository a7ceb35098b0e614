import { describe, expect, it } from 'vitest';
import {
	parseImport,
	serializeExport,
	type ExportProject,
	type ExportTask,
	type ProjectShape
} from '$lib/interchange';

const names: ExportProject = {
	id: 'names',
	title: 'Names',
	type: 'named_entities',
	labels: ['person', 'place', 'date'],
	multiple: false
};
const boxes: ExportProject = {
	id: 'boxes',
	title: 'Boxes',
	type: 'bounding_boxes',
	labels: ['person', 'animal', 'tool'],
	multiple: false
};
const intents: ProjectShape = {
	type: 'text_classification',
	labels: ['question', 'request'],
	multiple: false
};

function task(overrides: Partial<ExportTask> & Pick<ExportTask, 'id' | 'data'>): ExportTask {
	return { gold: null, consensus: null, agreement: null, answers: [], ...overrides };
}

describe('CoNLL', () => {
	const text = '김민수 씨는 안산에 살아요.';
	const gold = {
		spans: [
			{ start: 0, end: 3, type: 'person' },
			{ start: 7, end: 9, type: 'place' }
		]
	};

	it('cuts tokens at entity boundaries and tags them IOB2', () => {
		const file = serializeExport(
			'conll',
			names,
			[task({ id: 't-1', data: { text }, consensus: gold })],
			{
				answers: 'aggregated'
			}
		);
		expect(file.body.split('\n')).toEqual([
			'-DOCSTART- -X- -X- O',
			'',
			'# id = t-1',
			`# text = ${text}`,
			'# gold = null',
			'# annotator = ilgam-consensus',
			'김민수 -X- -X- B-person',
			'씨는 -X- -X- O',
			'안산 -X- -X- B-place',
			'에 -X- -X- O',
			'살아요. -X- -X- O',
			''
		]);
	});

	it('reads a plain CoNLL-2003 file as gold, joining tokens with spaces', () => {
		const plain = [
			'-DOCSTART- -X- -X- O',
			'',
			'응우옌 NNP B-NP B-person',
			'반 NNP I-NP I-person',
			'씨가 NNP I-NP O',
			'3월 NN B-NP B-date',
			'15일 NN I-NP I-date',
			'',
			'서울 NNP B-NP I-place',
			'부산 NNP B-NP B-place',
			''
		].join('\n');
		const result = parseImport('conll', plain, names);
		expect(result.problems).toEqual([]);
		expect(result.tasks.map((t) => [t.ref, t.line, t.data, t.gold])).toEqual([
			[
				'row-3',
				3,
				{ text: '응우옌 반 씨가 3월 15일' },
				{
					spans: [
						{ start: 0, end: 5, type: 'person' },
						{ start: 9, end: 15, type: 'date' }
					]
				}
			],
			[
				'row-9',
				9,
				{ text: '서울 부산' },
				// An I- after O opens an entity (IOB1), and a B- always does.
				{
					spans: [
						{ start: 0, end: 2, type: 'place' },
						{ start: 3, end: 5, type: 'place' }
					]
				}
			]
		]);
	});

	it('keeps a text with line breaks exact through text_json', () => {
		const multiline = '안산\n공장';
		const tasks = [
			task({
				id: 't-2',
				data: { text: multiline },
				gold: { spans: [{ start: 3, end: 5, type: 'place' }] }
			})
		];
		const body = serializeExport('conll', names, tasks, { answers: 'raw' }).body;
		expect(body).toContain('# text_json = "안산\\n공장"');
		const result = parseImport('conll', body, names);
		expect(result.problems).toEqual([]);
		expect(result.tasks[0]?.data).toEqual({ text: multiline });
		expect(result.tasks[0]?.gold).toEqual({ spans: [{ start: 3, end: 5, type: 'place' }] });
	});

	it('names the line of a bad tag or a token that is not in the text', () => {
		const file = [
			'# id = a',
			'# text = 서울 가요',
			'서울 B-city',
			'가요 X-',
			'',
			'# id = b',
			'# text = 서울',
			'부산 O'
		].join('\n');
		expect(parseImport('conll', file, names).problems).toEqual([
			{ line: 4, message: "tag 'X-' is not O, B-<type> or I-<type>" },
			{ line: 8, message: "token '부산' does not follow on from the text" }
		]);
	});
});

describe('COCO', () => {
	it('exports boxes in pixels with gold marked and the task kept in an ilgam block', () => {
		const data = { image: 'https://example.com/a/farm.jpg', width: 800, height: 600 };
		const gold = { boxes: [{ x: 12.5, y: 25, width: 50, height: 50, label: 'animal' }] };
		const answers = [
			{
				annotator: 'kim@example.com',
				annotatorAccuracy: 0.8,
				answer: { boxes: [{ x: 10, y: 20, width: 40, height: 50, label: 'tool' }] },
				answeredAt: '2025-03-01T09:00:00.000Z',
				correct: false
			}
		];
		const file = serializeExport('coco', boxes, [task({ id: 'farm', data, gold, answers })], {
			answers: 'raw'
		});
		expect(file.contentType).toBe('application/json');
		expect(JSON.parse(file.body)).toEqual({
			info: { description: 'Boxes' },
			images: [
				{
					id: 1,
					file_name: 'farm.jpg',
					coco_url: 'https://example.com/a/farm.jpg',
					width: 800,
					height: 600,
					ilgam: { task_id: 'farm', data: {}, has_gold: true }
				}
			],
			annotations: [
				{
					id: 1,
					image_id: 1,
					category_id: 2,
					bbox: [100, 150, 400, 300],
					area: 120000,
					iscrowd: 0,
					gold: true
				},
				{
					id: 2,
					image_id: 1,
					category_id: 3,
					bbox: [80, 120, 320, 300],
					area: 96000,
					iscrowd: 0,
					gold: false,
					annotator: 'kim@example.com'
				}
			],
			categories: [
				{ id: 1, name: 'person' },
				{ id: 2, name: 'animal' },
				{ id: 3, name: 'tool' }
			]
		});
	});

	it("gives back each answer's boxes to 0.01 %", () => {
		const data = { image: '/content/images/photos/pig.webp', width: 641, height: 433 };
		const kim = { boxes: [{ x: 10.25, y: 20.5, width: 30.75, height: 40.01, label: 'tool' }] };
		const lee = { boxes: [{ x: 0, y: 0, width: 100, height: 99.99, label: 'animal' }] };
		const answers = [kim, lee].map((answer, i) => ({
			annotator: ['kim', 'lee'][i] ?? '',
			annotatorAccuracy: null,
			answer,
			answeredAt: '2025-03-01T09:00:00.000Z',
			correct: null
		}));
		const body = serializeExport('coco', boxes, [task({ id: 'pig', data, answers })], {
			answers: 'raw'
		}).body;
		const result = parseImport('coco', body, boxes);
		expect(result.problems).toEqual([]);
		expect(result.tasks[0]).toEqual({
			ref: 'pig',
			line: 1,
			data,
			gold: null,
			annotations: [
				{ annotator: 'kim', answer: kim },
				{ annotator: 'lee', answer: lee }
			]
		});
	});

	it('imports a plain COCO file: every box is gold, pixels become %', () => {
		const coco = {
			images: [
				{
					id: 7,
					file_name: 'x.jpg',
					coco_url: 'https://example.com/x.jpg',
					width: 640,
					height: 480
				},
				{
					id: 8,
					file_name: 'y.jpg',
					coco_url: 'https://example.com/y.jpg',
					width: 640,
					height: 480
				},
				{
					id: 9,
					file_name: 'z.jpg',
					coco_url: 'https://example.com/z.jpg',
					width: 640,
					height: 480
				}
			],
			annotations: [
				{ id: 1, image_id: 7, category_id: 1, bbox: [64, 48, 320, 240], area: 76800, iscrowd: 0 },
				{ id: 2, image_id: 9, category_id: 5, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0 },
				{ id: 3, image_id: 99, category_id: 1, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0 }
			],
			categories: [{ id: 1, name: 'person' }]
		};
		const result = parseImport('coco', JSON.stringify(coco), boxes);
		expect(result.tasks.map((t) => [t.ref, t.line, t.data, t.gold])).toEqual([
			[
				'7',
				1,
				{ image: 'https://example.com/x.jpg', width: 640, height: 480 },
				{ boxes: [{ x: 10, y: 10, width: 50, height: 50, label: 'person' }] }
			],
			['8', 2, { image: 'https://example.com/y.jpg', width: 640, height: 480 }, { boxes: [] }]
		]);
		expect(result.problems).toEqual([
			{ line: 1, message: '1 annotation(s) refer to image 99, which is not in images' },
			{ line: 3, ref: '9', message: 'category_id 5 is not in categories' }
		]);
	});
});

describe('CSV', () => {
	it('neutralises spreadsheet formulas and still round-trips the text', () => {
		const texts = ['=HYPERLINK("http://x")', '-5도예요', "'인용", '+82 10'];
		const tasks = texts.map((text, i) => task({ id: `q-${i}`, data: { text } }));
		const project = { ...intents, id: 'intents', title: 'Intents' };
		const body = serializeExport('csv', project, tasks, { answers: 'aggregated' }).body;
		expect(body.startsWith('\uFEFFid,text,gold,consensus,agreement,answer_count\r\n')).toBe(true);
		expect(body).toContain(`q-0,"'=HYPERLINK(""http://x"")"`);
		const result = parseImport('csv', body, intents);
		expect(result.problems).toEqual([]);
		expect(result.tasks.map((t) => t.data.text)).toEqual(texts);
	});
});

describe('Label Studio export', () => {
	it('never takes a lone exported answer for gold', () => {
		const answer = {
			annotator: 'kim@example.com',
			annotatorAccuracy: 0.75,
			answer: { labels: ['request'] },
			answeredAt: '2025-03-01T09:00:00.000Z',
			correct: null
		};
		const project = { ...intents, id: 'intents', title: 'Intents' };
		const tasks = [task({ id: 'q-1', data: { text: '창문 좀 닫아 주세요.' }, answers: [answer] })];
		const body = serializeExport('label-studio', project, tasks, { answers: 'raw' }).body;
		const [exported] = JSON.parse(body) as { annotations: unknown[] }[];
		expect(exported?.annotations).toEqual([
			{
				completed_by: { email: 'kim@example.com' },
				created_at: '2025-03-01T09:00:00.000Z',
				ground_truth: false,
				was_cancelled: false,
				result: [
					{ from_name: 'label', to_name: 'text', type: 'choices', value: { choices: ['request'] } }
				],
				ilgam: { annotator: 'kim@example.com', annotator_accuracy: 0.75, correct: null }
			}
		]);
		const [imported] = parseImport('label-studio', body, intents).tasks;
		expect(imported?.gold).toBeNull();
		expect(imported?.annotations).toEqual([
			{ annotator: 'kim@example.com', answer: { labels: ['request'] } }
		]);
	});
});
