/** Small helpers for reading text files that every format needs. */
import type { ImportProblem } from './types';

/** Excel and Windows tools start UTF-8 files with a byte-order mark; it is not content. */
export function stripBom(text: string): string {
	return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
	return line;
}

/**
 * A whole-file JSON document, or the problem that stops the import. V8 names the offset of a
 * syntax error in most messages ("at position 120", newer ones also "line 5 column 3"); when
 * it does not, the problem goes on line 1.
 */
export function parseJsonDocument(
	text: string
): { ok: true; value: unknown } | { ok: false; problem: ImportProblem } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const byLine = /\bline (\d+)/.exec(message);
		const byPosition = /\bposition (\d+)/.exec(message);
		const line = byLine ? Number(byLine[1]) : byPosition ? lineAt(text, Number(byPosition[1])) : 1;
		return { ok: false, problem: { line, message: 'the file is not valid JSON' } };
	}
}

/** Lines of a text file without their line breaks (LF or CRLF). */
export function splitLines(text: string): string[] {
	return text.split(/\r?\n/);
}
