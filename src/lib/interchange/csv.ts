/**
 * CSV with a header row, read and written by papaparse. Columns: `id`; one per data field of
 * the task type, text fields (image, text, src, media, proposed, source, target, ...) as they
 * are and the rest (alt, maxBoxes, width, ...) as JSON; then the row fields of rows.ts, answers
 * and gold as JSON. An empty cell means "not given". Unknown columns are ignored.
 *
 * Line numbers are the file's own: the header is line 1, and a quoted cell that spans lines
 * moves the next rows down, because each row's line is counted from papaparse's cursor.
 *
 * Written files start with a byte-order mark so that Excel shows Hangul, and cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe;
 * the reader strips both again, so a file round-trips unchanged.
 */
import Papa from 'papaparse';
import type { GenericSchema } from 'valibot';
import { TaskDataSchema } from '$lib/labeling/task-types';
import type { TaskType } from '$lib/labeling/types';
import { attempt, optionKeys, rowError, type Candidate, type Gathered } from './check';
import { exportRows, ROW_FIELDS, rowCandidate, type Row } from './rows';
import type { ExportMode, ExportTask, ImportProblem } from './types';

/** Columns read as they are; every other known column holds JSON. */
const TEXT_COLUMNS = ['id', 'annotator', 'answered_at'];
const ROW_COLUMNS = [...new Set(Object.values(ROW_FIELDS).flat())];

// A leading apostrophe is escaped too, so that stripping one on import is never ambiguous.
const FORMULA = /^[=+\-@\t\r']/;
const ESCAPED_FORMULA = /^'[=+\-@\t\r']/;

/** The type's data fields, in schema order, without the project's options. */
export function dataColumns(type: TaskType): { name: string; text: boolean }[] {
	const entries: Record<string, GenericSchema> = TaskDataSchema[type].entries;
	const options = optionKeys(type);
	return Object.entries(entries)
		.filter(([name]) => !options.includes(name))
		.map(([name, schema]) => ({ name, text: isTextSchema(schema) }));
}

function isTextSchema(schema: GenericSchema): boolean {
	const inner =
		schema.type === 'optional' ? (schema as unknown as { wrapped: GenericSchema }).wrapped : schema;
	return inner.type === 'string' || inner.type === 'picklist';
}

// ---------------------------------------------------------------------------------------------
// Import

interface RawRow {
	cells: string[];
	line: number;
	error?: string;
}

export function read(text: string, type: TaskType): Gathered {
	const [header, ...rows] = splitRows(text);
	if (!header) return { candidates: [], problems: [{ line: 1, message: 'the file is empty' }] };
	const columns = { names: header.cells.map((cell) => cell.trim()), data: dataColumns(type) };
	const problems: ImportProblem[] = [];
	const candidates = rows.flatMap((row): Candidate[] => {
		const ref = row.cells[columns.names.indexOf('id')] || undefined;
		const candidate = attempt(problems, { line: row.line, ref }, () => {
			if (row.error) rowError(`the row is not valid CSV (${row.error})`);
			return rowCandidate(rowObject(columns, row.cells), row.line);
		});
		return candidate ? [candidate] : [];
	});
	return { candidates, problems };
}

/** Non-blank rows with the line each starts on. */
function splitRows(text: string): RawRow[] {
	const rows: RawRow[] = [];
	let start = 0;
	let line = 1;
	let counted = 0;
	Papa.parse<string[]>(text, {
		// Explicit, so that a file with few commas is never guessed to be semicolon-separated.
		delimiter: ',',
		step(step) {
			// Lines are counted up to where this row starts: the cursor after the previous row.
			line += countNewlines(text, counted, start);
			counted = start;
			const cells = step.data;
			if (!cells.every((cell) => cell.trim() === '')) {
				rows.push({ cells, line, error: step.errors[0]?.message });
			}
			start = step.meta.cursor;
		}
	});
	return rows;
}

function countNewlines(text: string, from: number, to: number): number {
	let count = 0;
	for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
	return count;
}

/** A row as rows.ts reads it: data fields gathered into `data`, JSON cells parsed. */
function rowObject(
	columns: { names: readonly string[]; data: readonly { name: string; text: boolean }[] },
	cells: readonly string[]
): Row {
	const { names } = columns;
	if (cells.length !== names.length) {
		rowError(`the row has ${cells.length} cells, the header has ${names.length}`);
	}
	const valueOf = (name: string) => {
		const index = names.indexOf(name);
		return index === -1 ? undefined : unescape(cells[index] ?? '');
	};
	const data: Row = {};
	for (const { name, text } of columns.data) {
		const cell = valueOf(name);
		if (cell !== undefined && cell !== '') data[name] = text ? cell : parseJsonCell(cell, name);
	}
	const row: Row = { data };
	for (const name of [...TEXT_COLUMNS, ...ROW_COLUMNS]) {
		const cell = valueOf(name);
		if (cell === undefined) continue;
		if (cell === '') row[name] = null;
		else row[name] = TEXT_COLUMNS.includes(name) ? cell : parseJsonCell(cell, name);
	}
	return row;
}

function parseJsonCell(cell: string, column: string): unknown {
	try {
		return JSON.parse(cell);
	} catch {
		rowError(`column ${column} is not valid JSON`);
	}
}

function unescape(cell: string): string {
	return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

// ---------------------------------------------------------------------------------------------
// Export

export function write(type: TaskType, tasks: readonly ExportTask[], mode: ExportMode): string {
	const fields = dataColumns(type);
	const columns = ['id', ...fields.map((field) => field.name), ...ROW_FIELDS[mode]];
	const data = exportRows(tasks, mode).map((row) => {
		const values: Row = { ...(row.data as Row), ...row };
		return columns.map((column) => cell(values[column]));
	});
	const body = Papa.unparse({ fields: columns, data }, { escapeFormulae: FORMULA });
	return '\uFEFF' + body + '\r\n';
}

/** Text as it is, anything else as JSON, nothing as an empty cell. */
function cell(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}
