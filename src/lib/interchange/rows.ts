/**
 * The row model JSONL and CSV share. An aggregated export has one row per task:
 * `id, data, gold, consensus, agreement, answer_count`. A raw export has one row per answer:
 * `id, data, gold, annotator, annotator_accuracy, answer, correct, answered_at`, and one row
 * with empty answer fields for a task nobody answered, so that no task is lost.
 *
 * On import a row gives a task from `id`, `data` and `gold`; a `consensus` comes back as an
 * answer by `ilgam-consensus`, an `annotator` with an `answer` as that person's answer. Raw rows
 * of one task repeat its id; they are merged (see `Candidate.addsAnswers`).
 */
import { rowError, type Candidate, type CandidateAnswer } from './check';
import { CONSENSUS_ANNOTATOR, type ExportAnswer, type ExportMode, type ExportTask } from './types';

export type Row = Record<string, unknown>;

/** Columns after `id` and the data, in the order they are written. */
export const ROW_FIELDS: Record<ExportMode, readonly string[]> = {
	aggregated: ['gold', 'consensus', 'agreement', 'answer_count'],
	raw: ['gold', 'annotator', 'annotator_accuracy', 'answer', 'correct', 'answered_at']
};

export function exportRows(tasks: readonly ExportTask[], mode: ExportMode): Row[] {
	return mode === 'aggregated'
		? tasks.map(aggregatedRow)
		: tasks.flatMap((task) =>
				task.answers.length === 0
					? [rawRow(task, null)]
					: task.answers.map((answer) => rawRow(task, answer))
			);
}

function aggregatedRow(task: ExportTask): Row {
	return {
		id: task.id,
		data: task.data,
		gold: task.gold,
		consensus: task.consensus,
		agreement: task.agreement,
		answer_count: task.answers.length
	};
}

function rawRow(task: ExportTask, answer: ExportAnswer | null): Row {
	return {
		id: task.id,
		data: task.data,
		gold: task.gold,
		annotator: answer?.annotator ?? null,
		annotator_accuracy: answer?.annotatorAccuracy ?? null,
		answer: answer?.answer ?? null,
		correct: answer?.correct ?? null,
		answered_at: answer?.answeredAt ?? null
	};
}

/** A parsed row (a JSONL object, or a CSV row with its data columns gathered) as a candidate. */
export function rowCandidate(row: Row, line: number): Candidate {
	if (row.data === undefined || row.data === null) rowError('data is missing');
	const annotator = textOf(row.annotator, 'annotator');
	const annotations: CandidateAnswer[] = [];
	if (row.consensus !== undefined && row.consensus !== null) {
		annotations.push({ annotator: CONSENSUS_ANNOTATOR, answer: row.consensus, line });
	}
	if (annotator !== undefined) annotations.push({ annotator, answer: row.answer, line });
	return {
		line,
		ref: textOf(row.id, 'id'),
		data: row.data,
		gold: row.gold,
		annotations,
		addsAnswers: annotator !== undefined
	};
}

/** A string (or number) field; absent, null and "" all mean not given. */
function textOf(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	rowError(`${field} must be text`);
}
