import { describe, expect, it } from 'vitest';
import { voteSpans, voteSpansByTask, type Span, type SpanAnswer } from '$lib/quality';

const text = '김민수 씨는 서울에 삽니다';

const span = (start: number, end: number, type: string): Span => ({ start, end, type });

const answer = (annotatorId: string, ...spans: Span[]): SpanAnswer => ({
	taskId: 's1',
	annotatorId,
	spans
});

describe('voteSpans', () => {
	// 김민수 is 0–3, 서울 is 7–9 (UTF-16 offsets, end exclusive).
	const answers = [
		answer('a', span(0, 3, 'PER'), span(7, 9, 'LOC')),
		answer('b', span(0, 3, 'PER'), span(7, 10, 'LOC')), // 서울에: boundary too far
		answer('c', span(0, 2, 'PER'), span(7, 9, 'LOC'), span(7, 9, 'ORG'))
	];

	it('keeps the spans a majority marked exactly, and reports every span’s votes', () => {
		expect(text.slice(0, 3)).toBe('김민수');
		expect(text.slice(7, 9)).toBe('서울');
		// n = 3, quorum floor(3/2) + 1 = 2.
		const result = voteSpans(answers);
		expect(result).toMatchObject({ taskId: 's1', annotators: 3, quorum: 2 });
		expect(result.votes).toEqual([
			{ start: 0, end: 2, type: 'PER', votes: 1, annotatorIds: ['c'] },
			{ start: 0, end: 3, type: 'PER', votes: 2, annotatorIds: ['a', 'b'] },
			{ start: 7, end: 9, type: 'LOC', votes: 2, annotatorIds: ['a', 'c'] },
			{ start: 7, end: 9, type: 'ORG', votes: 1, annotatorIds: ['c'] },
			{ start: 7, end: 10, type: 'LOC', votes: 1, annotatorIds: ['b'] }
		]);
		expect(result.kept.map(({ start, end, type }) => [start, end, type])).toEqual([
			[0, 3, 'PER'],
			[7, 9, 'LOC']
		]);
	});

	it('with an even crowd, half is not a majority', () => {
		// n = 4, quorum 3; 0–3 PER has 2 votes.
		const four = [...answers, answer('d')];
		expect(voteSpans(four).quorum).toBe(3);
		expect(voteSpans(four).kept).toEqual([]);
		expect(voteSpans(four, { quorum: 2 }).kept).toHaveLength(2);
		expect(voteSpans(four, { quorum: (n) => n / 2 }).quorum).toBe(2);
	});

	it('annotators who marked nothing still count towards the quorum', () => {
		const result = voteSpans([answer('a', span(0, 3, 'PER')), answer('b'), answer('c')]);
		expect(result.votes[0]?.votes).toBe(1);
		expect(result.kept).toEqual([]);
	});

	it('a span marked twice by one annotator, or a resubmitted answer, counts once', () => {
		const result = voteSpans([
			answer('a', span(0, 3, 'PER'), span(0, 3, 'PER')),
			answer('b', span(7, 9, 'LOC')),
			answer('b', span(0, 3, 'PER'))
		]);
		expect(result.annotators).toBe(2);
		expect(result.votes).toEqual([
			{ start: 0, end: 3, type: 'PER', votes: 2, annotatorIds: ['a', 'b'] }
		]);
	});

	it('refuses answers of several tasks; voteSpansByTask votes each task', () => {
		const mixed = [...answers, { ...answers[0]!, taskId: 's2' }];
		expect(() => voteSpans(mixed)).toThrow(/one task/);
		const results = voteSpansByTask(mixed);
		expect([...results.keys()]).toEqual(['s1', 's2']);
		expect(results.get('s1')?.kept).toHaveLength(2);
		// s2 has only a: quorum 1, both of a's spans kept.
		expect(results.get('s2')).toMatchObject({ annotators: 1, quorum: 1 });
		expect(results.get('s2')?.kept).toHaveLength(2);
	});
});
