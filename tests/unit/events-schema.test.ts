import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	describeIssues,
	EVENT_TYPES,
	EXERCISES,
	LearnerEvent,
	SKIP_REASONS
} from '$lib/api/events';
import { MAX_BATCH_EVENTS, MAX_PULL_LIMIT, PullQuery, PushRequest } from '$lib/api/sync';
import { LOCALES } from '$lib/i18n/locales';
import {
	annotationEvent,
	lessonDoneEvent,
	oneOfEach,
	reviewEvent,
	scheduleEvent,
	settingsEvent,
	skipEvent
} from '../factories';

/** The parse error message, or null when the value parses. */
function problem(schema: v.GenericSchema, value: unknown): string | null {
	const parsed = v.safeParse(schema, value);
	return parsed.success ? null : describeIssues(parsed.issues);
}

describe('LearnerEvent', () => {
	it('parses a valid event of each type unchanged', () => {
		const events = oneOfEach();
		expect(events.map((e) => e.type)).toEqual([...EVENT_TYPES]);
		for (const event of events) {
			const parsed = v.safeParse(LearnerEvent, event);
			expect(parsed.success, `${event.type}: ${problem(LearnerEvent, event)}`).toBe(true);
			expect(parsed.output).toEqual(event);
		}
	});

	it('accepts every exercise, skip reason, locale and rating 1–4', () => {
		for (const exercise of EXERCISES) {
			expect(problem(LearnerEvent, reviewEvent({ payload: { exercise } }))).toBeNull();
		}
		for (const reason of SKIP_REASONS) {
			expect(problem(LearnerEvent, skipEvent({ payload: { reason } }))).toBeNull();
		}
		for (const locale of LOCALES) {
			expect(problem(LearnerEvent, settingsEvent({ payload: { locale } }))).toBeNull();
		}
		for (const rating of [1, 2, 3, 4] as const) {
			expect(problem(LearnerEvent, reviewEvent({ payload: { rating } }))).toBeNull();
		}
	});

	it('accepts optional fields left out', () => {
		expect(problem(LearnerEvent, settingsEvent({ payload: { locale: undefined } }))).toBeNull();
		expect(problem(LearnerEvent, { ...settingsEvent(), payload: {} })).toBeNull();
		expect(
			problem(LearnerEvent, reviewEvent({ payload: { lessonId: 'first-words-1' } }))
		).toBeNull();
		expect(
			problem(LearnerEvent, annotationEvent({ payload: { answer: { labels: ['a', 'b'] } } }))
		).toBeNull();
	});

	const invalid: [name: string, value: unknown, path: string][] = [
		['a bad uuid', reviewEvent({ id: 'not-a-uuid' }), 'id'],
		['an unknown envelope field', { ...reviewEvent(), deviceId: 'phone-1' }, 'deviceId'],
		['an unknown payload field', reviewEvent({ payload: { hint: true } as never }), 'payload.hint'],
		['rating 0', reviewEvent({ payload: { rating: 0 as never } }), 'payload.rating'],
		['rating 5', reviewEvent({ payload: { rating: 5 as never } }), 'payload.rating'],
		['rating 2.5', reviewEvent({ payload: { rating: 2.5 as never } }), 'payload.rating'],
		['a negative duration', reviewEvent({ payload: { durationMs: -1 } }), 'payload.durationMs'],
		[
			'a negative lesson duration',
			lessonDoneEvent({ payload: { durationMs: -5 } }),
			'payload.durationMs'
		],
		[
			'an unknown exercise',
			reviewEvent({ payload: { exercise: 'dance' as never } }),
			'payload.exercise'
		],
		['an invalid locale', settingsEvent({ payload: { locale: 'fr' as never } }), 'payload.locale'],
		[
			'an answer that is not an object',
			annotationEvent({ payload: { answer: 'cat' as never } }),
			'payload.answer'
		],
		['attempt 0', annotationEvent({ payload: { attempt: 0 } }), 'payload.attempt'],
		[
			'an unknown schedule reason',
			scheduleEvent({ payload: { reason: 'because' as never } }),
			'payload.reason'
		],
		['a bad createdAt', reviewEvent({ createdAt: 'yesterday' }), 'createdAt'],
		['a date-only createdAt', lessonDoneEvent({ createdAt: '2025-03-01' }), 'createdAt'],
		['an upper-case word id', reviewEvent({ payload: { wordId: 'Word-1' } }), 'payload.wordId'],
		[
			'an unknown skip reason',
			skipEvent({ payload: { reason: 'bored' as never } }),
			'payload.reason'
		],
		['an unknown type', { ...reviewEvent(), type: 'login' }, 'type']
	];

	it.each(invalid)('rejects %s, naming the path', (_name, value, path) => {
		const message = problem(LearnerEvent, value);
		expect(message).not.toBeNull();
		expect(message!.startsWith(`${path}: `), message!).toBe(true);
	});
});

describe('describeIssues', () => {
	it('says "invalid" for no issues and the bare message without a path', () => {
		expect(describeIssues([])).toBe('invalid');
		const parsed = v.safeParse(LearnerEvent, 'not an object');
		expect(parsed.success).toBe(false);
		const message = describeIssues(parsed.issues!);
		expect(message).not.toMatch(/^\S+: /);
		expect(message.length).toBeGreaterThan(0);
	});
});

describe('PushRequest', () => {
	const batch = (n: number) => ({ events: Array.from({ length: n }, () => reviewEvent()) });

	it('accepts one to MAX_BATCH_EVENTS events, leaving each event loose', () => {
		expect(problem(PushRequest, batch(1))).toBeNull();
		expect(problem(PushRequest, batch(MAX_BATCH_EVENTS))).toBeNull();
		// Event fields are checked one by one later, so a mixed batch can ack the good ones.
		expect(
			problem(PushRequest, { events: [{ ...reviewEvent(), id: 'bad', extra: 1 }] })
		).toBeNull();
	});

	it('rejects an unknown event type', () => {
		const message = problem(PushRequest, {
			events: [reviewEvent(), { ...lessonDoneEvent(), type: 'login' }]
		});
		expect(message).toBe('events.1.type: unknown event type');
	});

	it('rejects an empty batch', () => {
		expect(problem(PushRequest, { events: [] })).toMatch(/^events: /);
	});

	it('rejects more than MAX_BATCH_EVENTS events', () => {
		expect(problem(PushRequest, batch(MAX_BATCH_EVENTS + 1))).toMatch(/^events: /);
	});

	it('rejects a body without events or with extra keys', () => {
		expect(problem(PushRequest, {})).toMatch(/^events: /);
		expect(problem(PushRequest, { ...batch(1), cursor: 3 })).toMatch(/^cursor: /);
	});
});

describe('PullQuery', () => {
	it('parses defaults', () => {
		expect(v.parse(PullQuery, {})).toEqual({ after: 0, limit: 200 });
	});

	it('turns the strings into numbers', () => {
		expect(v.parse(PullQuery, { after: '1234', limit: '50' })).toEqual({ after: 1234, limit: 50 });
		expect(v.parse(PullQuery, { limit: String(MAX_PULL_LIMIT) })).toEqual({
			after: 0,
			limit: MAX_PULL_LIMIT
		});
	});

	it.each([
		[{ after: '-1' }, 'after'],
		[{ after: 'abc' }, 'after'],
		[{ after: '1.5' }, 'after'],
		[{ limit: '0' }, 'limit'],
		[{ limit: String(MAX_PULL_LIMIT + 1) }, 'limit'],
		[{ limit: '100000' }, 'limit']
	])('rejects %o', (query, path) => {
		expect(problem(PullQuery, query)).toMatch(new RegExp(`^${path}: `));
	});
});
