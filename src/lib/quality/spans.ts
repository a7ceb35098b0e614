/**
 * Span voting for named entities: a span counts only when enough annotators marked exactly
 * the same start, end and type. Exact match keeps the rule simple to explain to learners and
 * makes a kept span's votes a plain count; partial overlaps get no credit here.
 */
import { compareStrings, groupByTask } from './majority';

/** A typed span of the task's text; offsets in UTF-16 code units, `end` exclusive. */
export interface Span {
	start: number;
	end: number;
	type: string;
}

/** One learner's spans for one text; an empty list says "no entities here". */
export interface SpanAnswer {
	taskId: string;
	annotatorId: string;
	spans: readonly Span[];
}

export interface SpanVote extends Span {
	votes: number;
	/** Annotators who marked the span, in id order. */
	annotatorIds: string[];
}

export interface SpanVoteOptions {
	/**
	 * Least number of annotators behind a kept span, or a function of how many answered.
	 * Default a strict majority, floor(n / 2) + 1, so two conflicting spans can never both win
	 * by being marked by different halves of the crowd.
	 */
	quorum?: number | ((annotators: number) => number);
}

export interface SpanVoting {
	taskId: string;
	/** Annotators who answered, including those who marked nothing. */
	annotators: number;
	quorum: number;
	/** Spans with at least `quorum` votes, by start, end, then type. */
	kept: SpanVote[];
	/** Every distinct span anyone marked, in the same order. */
	votes: SpanVote[];
}

function byPosition(a: Span, b: Span): number {
	return a.start - b.start || a.end - b.end || compareStrings(a.type, b.type);
}

/** Votes on the spans of one task. A span an annotator marked twice counts once. */
export function voteSpans(
	answers: readonly SpanAnswer[],
	options: SpanVoteOptions = {}
): SpanVoting {
	const { quorum = (n: number) => Math.floor(n / 2) + 1 } = options;
	const grouped = groupByTask(answers);
	if (grouped.size > 1) {
		throw new Error(`voteSpans takes one task, got ${[...grouped.keys()].join(', ')}`);
	}
	const [taskId = '', taskAnswers = []] = [...grouped][0] ?? [];

	const tally = new Map<string, SpanVote>();
	for (const { annotatorId, spans } of taskAnswers) {
		for (const { start, end, type } of spans) {
			// Offsets are integers, so the first two separators cannot be confused with the type.
			const key = `${start}:${end}:${type}`;
			const vote = tally.get(key) ?? { start, end, type, votes: 0, annotatorIds: [] };
			tally.set(key, vote);
			if (vote.annotatorIds.includes(annotatorId)) continue;
			vote.annotatorIds.push(annotatorId);
			vote.votes++;
		}
	}
	const votes = [...tally.values()].sort(byPosition);
	for (const vote of votes) vote.annotatorIds.sort(compareStrings);

	const annotators = taskAnswers.length;
	const least = typeof quorum === 'function' ? quorum(annotators) : quorum;
	return {
		taskId,
		annotators,
		quorum: least,
		kept: votes.filter((v) => v.votes >= least),
		votes
	};
}

/** `voteSpans` for every task in `answers`, in first-seen task order. */
export function voteSpansByTask(
	answers: readonly SpanAnswer[],
	options: SpanVoteOptions = {}
): Map<string, SpanVoting> {
	const results = new Map<string, SpanVoting>();
	for (const [taskId, taskAnswers] of groupByTask(answers)) {
		results.set(taskId, voteSpans(taskAnswers, options));
	}
	return results;
}
