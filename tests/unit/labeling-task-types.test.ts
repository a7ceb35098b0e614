import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	CORRECT_AT,
	isCorrect,
	scoreAnswer,
	TASK_TYPES,
	TaskDataSchema,
	validateAnswer,
	type TaskAnswer,
	type TaskData,
	type TaskType
} from '$lib/labeling/task-types';

// Factories: valid task data for each type, parsed through its own schema so that a factory
// that drifts from the schema fails loudly instead of testing nothing.
function taskData<T extends TaskType>(type: T, data: TaskData<T>): TaskData<T> {
	return v.parse(TaskDataSchema[type], data) as TaskData<T>;
}

const imageTask = (overrides: Partial<TaskData<'image_classification'>> = {}) =>
	taskData('image_classification', {
		image: '/content/images/site/worker-1.svg',
		labels: ['helmet', 'vest', 'gloves'],
		...overrides
	});

const boxesTask = (overrides: Partial<TaskData<'bounding_boxes'>> = {}) =>
	taskData('bounding_boxes', {
		image: '/content/images/site/crowd.svg',
		labels: ['helmet', 'person'],
		...overrides
	});

const textTask = () =>
	taskData('text_classification', {
		text: '오늘 월급이 아직 안 들어왔어요.',
		labels: ['pay', 'safety', 'housing']
	});

// 김민수 0..3, 씨는 4..6, 서울역에서 7..12 (서울역 7..10), 일해요 13..16
const ENTITY_TEXT = '김민수 씨는 서울역에서 일해요.';
const entitiesTask = (text = ENTITY_TEXT) =>
	taskData('named_entities', { text, types: ['person', 'location'] });

const transcriptionTask = (maxLength?: number) =>
	taskData('transcription', {
		media: 'image',
		src: '/content/images/signs/exit.png',
		...(maxLength === undefined ? {} : { maxLength })
	});

const translationTask = () =>
	taskData('translation_check', {
		source: '안전모를 쓰세요.',
		sourceLanguage: 'ko',
		target: 'Wear a helmet.',
		targetLanguage: 'en'
	});

function reasonOf(result: { ok: boolean; reason?: string }): string | undefined {
	expect(result.ok).toBe(false);
	return result.reason;
}

describe('task types', () => {
	it('every type has a correctness threshold in 0..1', () => {
		for (const type of TASK_TYPES) {
			expect(CORRECT_AT[type]).toBeGreaterThan(0);
			expect(CORRECT_AT[type]).toBeLessThanOrEqual(1);
		}
	});
});

describe('image_classification', () => {
	it('accepts one known label and returns the answer', () => {
		expect(validateAnswer('image_classification', imageTask(), { labels: ['helmet'] })).toEqual({
			ok: true,
			answer: { labels: ['helmet'] }
		});
	});

	it('rejects labels outside the project, repeats, bad ids and extra fields', () => {
		const task = imageTask({ multiple: true });
		expect(reasonOf(validateAnswer('image_classification', task, { labels: ['hat'] }))).toMatch(
			/hat/
		);
		expect(
			reasonOf(validateAnswer('image_classification', task, { labels: ['vest', 'vest'] }))
		).toMatch(/twice/);
		expect(validateAnswer('image_classification', task, { labels: ['Helmet'] }).ok).toBe(false);
		expect(validateAnswer('image_classification', task, { labels: [] }).ok).toBe(false);
		expect(validateAnswer('image_classification', task, { labels: ['vest'], note: 'x' }).ok).toBe(
			false
		);
		expect(validateAnswer('image_classification', task, null).ok).toBe(false);
	});

	it('takes several labels only on a multi-label task', () => {
		const answer = { labels: ['helmet', 'vest'] };
		expect(reasonOf(validateAnswer('image_classification', imageTask(), answer))).toMatch(
			/exactly one/
		);
		expect(validateAnswer('image_classification', imageTask({ multiple: true }), answer).ok).toBe(
			true
		);
	});

	it('verify mode takes a yes/no on the proposed label only', () => {
		const task = imageTask({ proposed: 'helmet' });
		expect(
			validateAnswer('image_classification', task, { proposed: 'helmet', accept: false }).ok
		).toBe(true);
		expect(
			reasonOf(validateAnswer('image_classification', task, { proposed: 'vest', accept: true }))
		).toMatch(/helmet/);
		expect(reasonOf(validateAnswer('image_classification', task, { labels: ['helmet'] }))).toMatch(
			/yes or no/
		);
		expect(
			validateAnswer('image_classification', imageTask(), { proposed: 'helmet', accept: true }).ok
		).toBe(false);
	});

	it('task data: the proposed label must be a project label; a choice needs two labels', () => {
		const base = { image: '/content/images/a.svg', labels: ['helmet'] };
		expect(v.safeParse(TaskDataSchema.image_classification, base).success).toBe(false);
		expect(
			v.safeParse(TaskDataSchema.image_classification, { ...base, proposed: 'helmet' }).success
		).toBe(true);
		expect(
			v.safeParse(TaskDataSchema.image_classification, { ...base, proposed: 'vest' }).success
		).toBe(false);
		expect(
			v.safeParse(TaskDataSchema.image_classification, {
				...base,
				image: 'http://example.com/a.png',
				proposed: 'helmet'
			}).success
		).toBe(false);
	});

	it('scores single labels exactly and multi labels by set F1', () => {
		const gold = { labels: ['helmet'] };
		expect(scoreAnswer('image_classification', gold, { labels: ['helmet'] })).toBe(1);
		expect(scoreAnswer('image_classification', gold, { labels: ['vest'] })).toBe(0);
		const multi = { labels: ['helmet', 'vest'] };
		expect(scoreAnswer('image_classification', multi, { labels: ['helmet'] })).toBeCloseTo(
			2 / 3,
			12
		);
		expect(isCorrect('image_classification', multi, { labels: ['helmet'] })).toBe(false);
		expect(isCorrect('image_classification', multi, { labels: ['vest', 'helmet'] })).toBe(true);
	});

	it('scores a verify answer against ordinary gold labels', () => {
		const gold = { labels: ['helmet', 'vest'] };
		const verify = (proposed: string, accept: boolean) =>
			scoreAnswer('image_classification', gold, { proposed, accept });
		expect(verify('helmet', true)).toBe(1);
		expect(verify('helmet', false)).toBe(0);
		expect(verify('gloves', false)).toBe(1);
		expect(verify('gloves', true)).toBe(0);
		expect(isCorrect('image_classification', gold, { proposed: 'gloves', accept: false })).toBe(
			true
		);
	});
});

describe('bounding_boxes', () => {
	const helmet = { x: 10, y: 10, width: 20, height: 20, label: 'helmet' };

	it('accepts boxes inside the image with project labels, and no boxes at all', () => {
		expect(validateAnswer('bounding_boxes', boxesTask(), { boxes: [helmet] })).toEqual({
			ok: true,
			answer: { boxes: [helmet] }
		});
		expect(validateAnswer('bounding_boxes', boxesTask(), { boxes: [] }).ok).toBe(true);
		// Edges built in 0.1 % steps: 0.2 + 998 × 0.1 is 100.00000000000001 in floating point.
		const edge = { x: 0.2, y: 0, width: 998 * 0.1, height: 100, label: 'person' };
		expect(edge.x + edge.width).toBeGreaterThan(100);
		expect(validateAnswer('bounding_boxes', boxesTask(), { boxes: [edge] }).ok).toBe(true);
	});

	it('rejects boxes outside the image, without size, or not numbers', () => {
		const bad = [
			{ ...helmet, x: 95, width: 10 },
			{ ...helmet, y: -1 },
			{ ...helmet, width: 0 },
			{ ...helmet, height: 101 },
			{ ...helmet, x: Number.NaN },
			{ ...helmet, width: Number.POSITIVE_INFINITY },
			{ ...helmet, x: '10' }
		];
		for (const box of bad) {
			expect(validateAnswer('bounding_boxes', boxesTask(), { boxes: [box] }).ok, box.x + '').toBe(
				false
			);
		}
	});

	it('rejects unknown labels and too many boxes', () => {
		expect(
			reasonOf(
				validateAnswer('bounding_boxes', boxesTask(), { boxes: [{ ...helmet, label: 'dog' }] })
			)
		).toMatch(/dog/);
		const three = { boxes: [helmet, helmet, helmet] };
		expect(reasonOf(validateAnswer('bounding_boxes', boxesTask({ maxBoxes: 2 }), three))).toMatch(
			/at most 2/
		);
		expect(validateAnswer('bounding_boxes', boxesTask({ maxBoxes: 3 }), three).ok).toBe(true);
	});

	it('is correct at F1 ≥ 0.8: one miss among five passes, one of two does not', () => {
		const row = (n: number) =>
			Array.from({ length: n }, (_, i) => ({ ...helmet, x: i * 20, width: 15 }));
		const gold = { boxes: row(5) };
		const four = { boxes: row(4) };
		expect(scoreAnswer('bounding_boxes', gold, four)).toBeCloseTo(8 / 9, 12);
		expect(isCorrect('bounding_boxes', gold, four)).toBe(true);
		expect(scoreAnswer('bounding_boxes', { boxes: row(2) }, { boxes: row(1) })).toBeCloseTo(
			2 / 3,
			12
		);
		expect(isCorrect('bounding_boxes', { boxes: row(2) }, { boxes: row(1) })).toBe(false);
		// A box shifted to IoU 1/3 is not a match.
		const shifted = { boxes: [{ ...helmet, x: 20 }] };
		expect(scoreAnswer('bounding_boxes', { boxes: [helmet] }, shifted)).toBe(0);
	});
});

describe('text_classification', () => {
	it('validates one project label', () => {
		expect(validateAnswer('text_classification', textTask(), { labels: ['pay'] }).ok).toBe(true);
		expect(validateAnswer('text_classification', textTask(), { labels: ['food'] }).ok).toBe(false);
		expect(
			validateAnswer('text_classification', textTask(), { labels: ['pay', 'safety'] }).ok
		).toBe(false);
	});

	it('is correct only on the gold label', () => {
		const gold = { labels: ['pay'] };
		expect(isCorrect('text_classification', gold, { labels: ['pay'] })).toBe(true);
		expect(isCorrect('text_classification', gold, { labels: ['housing'] })).toBe(false);
	});
});

describe('named_entities', () => {
	const kim = { start: 0, end: 3, type: 'person' };
	const station = { start: 7, end: 10, type: 'location' };

	it('accepts spans on whole syllables with project types, and no spans', () => {
		const answer = { spans: [kim, station] };
		expect(validateAnswer('named_entities', entitiesTask(), answer)).toEqual({
			ok: true,
			answer
		});
		expect(ENTITY_TEXT.slice(station.start, station.end)).toBe('서울역');
		expect(validateAnswer('named_entities', entitiesTask(), { spans: [] }).ok).toBe(true);
	});

	it('rejects spans past the text, of unknown type, empty or not integers', () => {
		const task = entitiesTask();
		const check = (span: unknown) => validateAnswer('named_entities', task, { spans: [span] });
		expect(reasonOf(check({ start: 13, end: 30, type: 'location' }))).toMatch(/past the end/);
		expect(reasonOf(check({ ...kim, type: 'company' }))).toMatch(/company/);
		expect(check({ start: 3, end: 3, type: 'person' }).ok).toBe(false);
		expect(check({ start: 5, end: 2, type: 'person' }).ok).toBe(false);
		expect(check({ start: 0.5, end: 3, type: 'person' }).ok).toBe(false);
	});

	it('rejects a span that splits a syllable', () => {
		// In jamo-spelt text 서 is 2 code units: 0..1 is just ᄉ.
		const nfd = '서울역에서'.normalize('NFD');
		const task = entitiesTask(nfd);
		expect(
			reasonOf(
				validateAnswer('named_entities', task, { spans: [{ start: 0, end: 1, type: 'location' }] })
			)
		).toMatch(/splits a character/);
		expect(
			validateAnswer('named_entities', task, { spans: [{ start: 0, end: 8, type: 'location' }] }).ok
		).toBe(true);
	});

	it('rejects overlapping spans and spans with spaces at the ends', () => {
		const task = entitiesTask();
		expect(
			reasonOf(
				validateAnswer('named_entities', task, {
					spans: [station, { start: 8, end: 12, type: 'location' }]
				})
			)
		).toMatch(/overlap/);
		expect(validateAnswer('named_entities', task, { spans: [kim, kim] }).ok).toBe(false);
		expect(
			reasonOf(
				validateAnswer('named_entities', task, { spans: [{ start: 0, end: 4, type: 'person' }] })
			)
		).toMatch(/space/);
	});

	it('scores by exact span F1, correct at ≥ 0.8', () => {
		const gold = { spans: [kim, station] };
		expect(scoreAnswer('named_entities', gold, { spans: [kim, station] })).toBe(1);
		// 서울역에 (with the particle) is not 서울역.
		const withParticle = { spans: [kim, { ...station, end: 11 }] };
		expect(scoreAnswer('named_entities', gold, withParticle)).toBe(0.5);
		expect(isCorrect('named_entities', gold, withParticle)).toBe(false);
		expect(isCorrect('named_entities', gold, { spans: [kim, station] })).toBe(true);
	});
});

describe('transcription', () => {
	it('accepts text and returns it trimmed', () => {
		expect(validateAnswer('transcription', transcriptionTask(), { text: '  비상구 ' })).toEqual({
			ok: true,
			answer: { text: '비상구' }
		});
	});

	it('rejects empty text, text of only punctuation, and text over the limit', () => {
		expect(reasonOf(validateAnswer('transcription', transcriptionTask(), { text: '   ' }))).toMatch(
			/empty/
		);
		expect(validateAnswer('transcription', transcriptionTask(), { text: '...' }).ok).toBe(false);
		expect(validateAnswer('transcription', transcriptionTask(), { text: 42 }).ok).toBe(false);
		expect(
			reasonOf(validateAnswer('transcription', transcriptionTask(5), { text: '비상구 출구' }))
		).toMatch(/at most 5/);
		expect(
			validateAnswer('transcription', transcriptionTask(), { text: '가'.repeat(501) }).ok
		).toBe(false);
	});

	it('counts the limit in characters, not UTF-16 units', () => {
		expect(validateAnswer('transcription', transcriptionTask(3), { text: '😀😀😀' }).ok).toBe(true);
	});

	it('scores 1 − jamo CER, correct at CER ≤ 0.1', () => {
		expect(scoreAnswer('transcription', { text: '안전모' }, { text: '안전머' })).toBe(0.875);
		expect(isCorrect('transcription', { text: '안전모' }, { text: '안전머' })).toBe(false);
		expect(isCorrect('transcription', { text: '비상 출구' }, { text: '비상 츨구' })).toBe(true);
		expect(isCorrect('transcription', { text: '비상 출구' }, { text: '비상출구.' })).toBe(true);
	});
});

describe('translation_check', () => {
	it('accepts ok, and wrong with a fix (trimmed)', () => {
		expect(validateAnswer('translation_check', translationTask(), { verdict: 'ok' }).ok).toBe(true);
		expect(
			validateAnswer('translation_check', translationTask(), {
				verdict: 'wrong',
				fix: ' Please wear a hard hat. '
			})
		).toEqual({ ok: true, answer: { verdict: 'wrong', fix: 'Please wear a hard hat.' } });
	});

	it('rejects wrong without a real fix, and fields that do not belong', () => {
		const task = translationTask();
		const check = (answer: unknown) => validateAnswer('translation_check', task, answer);
		expect(check({ verdict: 'wrong' }).ok).toBe(false);
		expect(check({ verdict: 'wrong', fix: '   ' }).ok).toBe(false);
		expect(reasonOf(check({ verdict: 'wrong', fix: 'Wear a helmet.' }))).toMatch(/same/);
		expect(check({ verdict: 'ok', fix: 'x' }).ok).toBe(false);
		expect(check({ verdict: 'maybe' }).ok).toBe(false);
	});

	it('task data: one side Korean, the other a different language', () => {
		const data = { source: 'a', target: 'b' };
		const parse = (sourceLanguage: string, targetLanguage: string) =>
			v.safeParse(TaskDataSchema.translation_check, { ...data, sourceLanguage, targetLanguage })
				.success;
		expect(parse('vi', 'ko')).toBe(true);
		expect(parse('en', 'vi')).toBe(false);
		expect(parse('ko', 'ko')).toBe(false);
	});

	it('scores the verdict only, never the fix', () => {
		const wrong = { verdict: 'wrong' as const, fix: 'Please wear a safety helmet.' };
		const fixedOtherwise: TaskAnswer<'translation_check'> = {
			verdict: 'wrong',
			fix: 'Put on a hard hat.'
		};
		expect(scoreAnswer('translation_check', wrong, fixedOtherwise)).toBe(1);
		expect(scoreAnswer('translation_check', wrong, { verdict: 'ok' })).toBe(0);
		expect(isCorrect('translation_check', { verdict: 'ok' }, { verdict: 'ok' })).toBe(true);
		expect(isCorrect('translation_check', { verdict: 'ok' }, fixedOtherwise)).toBe(false);
	});
});
