/**
 * JSON Lines: one JSON object per line, `{ id, data, gold?, ... }` (fields in rows.ts). Blank
 * lines are skipped; a line that is not a JSON object is a problem on that line.
 */
import { attempt, isRecord, rowError, type Candidate, type Gathered } from './check';
import { exportRows, rowCandidate } from './rows';
import { splitLines } from './text';
import type { ExportMode, ExportTask, ImportProblem } from './types';

export function read(text: string): Gathered {
	const problems: ImportProblem[] = [];
	const candidates: Candidate[] = [];
	splitLines(text).forEach((source, index) => {
		if (source.trim() === '') return;
		const line = index + 1;
		const candidate = attempt(problems, { line }, () => rowCandidate(parseLine(source), line));
		if (candidate) candidates.push(candidate);
	});
	return { candidates, problems };
}

function parseLine(source: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(source);
	} catch {
		rowError('this line is not valid JSON');
	}
	if (!isRecord(value)) rowError('each line must be a JSON object');
	return value;
}

export function write(tasks: readonly ExportTask[], mode: ExportMode): string {
	return exportRows(tasks, mode)
		.map((row) => JSON.stringify(row) + '\n')
		.join('');
}
