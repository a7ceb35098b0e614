/**
 * CoNLL-2003 style, for named-entity projects: one token per line as `token POS chunk NER`
 * (POS and chunk are the placeholder `-X-`), NER tags in IOB2 (`B-place`, `I-place`, `O`), a
 * blank line after each sentence, the file opened by `-DOCSTART- -X- -X- O`.
 *
 * Tokens are split at whitespace and also at entity boundaries, since Korean particles attach to
 * names (안산에 -> 안산 + 에). Token lines alone lose the spacing, so each block is opened by
 * comment lines, which the importer reads back for exact offsets:
 *   # id = <task id>
 *   # text = <the exact text>          (`# text_json = "..."` when the text has line breaks)
 *   # gold = <gold as JSON, or null>   (first block of a task)
 *   # annotator = <whose tags these are>
 * An aggregated export has one block per task, tagged with the consensus (annotator
 * `ilgam-consensus`) or all `O` when nobody answered; a raw export has one block per answer
 * (one all-`O` block for a task nobody answered).
 *
 * Import reads the last column of a token line as its tag (so two-column files work too) and
 * accepts an `I-` that starts an entity (IOB1). Without `# text`, the text is the tokens joined
 * by single spaces. A block with `# annotator` holds that person's answer; a block without one
 * and without `# gold` (a plain CoNLL file) holds gold.
 */
import type { TaskAnswer } from '$lib/labeling/task-types';
import { attempt, rowError, type Candidate, type Gathered } from './check';
import { splitLines } from './text';
import { CONSENSUS_ANNOTATOR, type ExportMode, type ExportTask, type ImportProblem } from './types';

type Span = TaskAnswer<'named_entities'>['spans'][number];

const DOCSTART = '-DOCSTART- -X- -X- O';
const PLACEHOLDERS = '-X- -X-';
// `s`: a text may hold U+2028, which `.` would not match.
const COMMENT = /^#\s*([a-z_]+)\s*=\s?(.*)$/s;

// ---------------------------------------------------------------------------------------------
// Export

interface Block {
	id: string;
	text: string;
	spans: readonly Span[];
	/** Written in the first block of a task only; undefined in the others. */
	gold?: unknown;
	annotator?: string;
}

export function write(tasks: readonly ExportTask[], mode: ExportMode): string {
	const blocks = tasks.flatMap((task) => taskBlocks(task, mode));
	return [DOCSTART, '', ...blocks.flatMap((block) => [...blockLines(block), ''])].join('\n');
}

function taskBlocks(task: ExportTask, mode: ExportMode): Block[] {
	const base = { id: task.id, text: String(task.data.text) };
	const first = { ...base, gold: task.gold, spans: [] };
	if (mode === 'aggregated') {
		return task.consensus === null
			? [first]
			: [{ ...first, spans: spansOf(task.consensus), annotator: CONSENSUS_ANNOTATOR }];
	}
	if (task.answers.length === 0) return [first];
	return task.answers.map((answer, index) => ({
		...(index === 0 ? first : base),
		spans: spansOf(answer.answer),
		annotator: answer.annotator
	}));
}

function spansOf(answer: unknown): readonly Span[] {
	return (answer as TaskAnswer<'named_entities'>).spans;
}

function blockLines(block: Block): string[] {
	const comments = [
		`# id = ${block.id}`,
		/[\r\n]/.test(block.text)
			? `# text_json = ${JSON.stringify(block.text)}`
			: `# text = ${block.text}`,
		...(block.gold === undefined ? [] : [`# gold = ${JSON.stringify(block.gold)}`]),
		...(block.annotator === undefined ? [] : [`# annotator = ${block.annotator}`])
	];
	const tokens = tokenize(block.text, block.spans).map(
		(token) => `${token.text} ${PLACEHOLDERS} ${tagOf(token, block.spans)}`
	);
	return [...comments, ...tokens];
}

interface Token {
	text: string;
	start: number;
	end: number;
}

/** Runs of non-space characters, cut again wherever an entity starts or ends. */
function tokenize(text: string, spans: readonly Span[]): Token[] {
	const cuts = new Set(spans.flatMap((span) => [span.start, span.end]));
	const tokens: Token[] = [];
	for (const run of text.matchAll(/\S+/g)) {
		let start = run.index;
		const end = start + run[0].length;
		for (let i = start + 1; i < end; i++) {
			if (!cuts.has(i)) continue;
			tokens.push({ text: text.slice(start, i), start, end: i });
			start = i;
		}
		tokens.push({ text: text.slice(start, end), start, end });
	}
	return tokens;
}

function tagOf(token: Token, spans: readonly Span[]): string {
	const span = spans.find((s) => s.start <= token.start && token.start < s.end);
	if (!span) return 'O';
	return `${token.start === span.start ? 'B' : 'I'}-${span.type}`;
}

// ---------------------------------------------------------------------------------------------
// Import

interface SourceLine {
	text: string;
	line: number;
}

export function read(text: string): Gathered {
	const problems: ImportProblem[] = [];
	const candidates = splitBlocks(text).flatMap((block) => {
		const at = { line: block[0]?.line ?? 1 };
		return attempt(problems, at, () => readBlock(block)) ?? [];
	});
	return { candidates, problems };
}

/** Sentence blocks: runs of non-blank lines, without document-start lines. */
function splitBlocks(text: string): SourceLine[][] {
	const blocks: SourceLine[][] = [[]];
	splitLines(text).forEach((source, index) => {
		if (source.trim() === '') blocks.push([]);
		else if (!source.startsWith('-DOCSTART-'))
			blocks.at(-1)?.push({ text: source, line: index + 1 });
	});
	return blocks.filter((block) => block.length > 0);
}

function readBlock(block: readonly SourceLine[]): Candidate[] {
	const comments = new Map<string, string>();
	let index = 0;
	// Comments open a block; later a line starting with # is a token such as "#1".
	for (; index < block.length; index++) {
		const match = COMMENT.exec(block[index]?.text ?? '');
		if (!match) break;
		comments.set(match[1] ?? '', match[2] ?? '');
	}
	const tokens = block.slice(index).map(readTokenLine);
	if (tokens.length === 0) return [];
	const line = block[0]?.line ?? 1;
	const text = textOf(comments, tokens);
	const spans = { spans: toSpans(text, tokens) };
	const annotator = comments.get('annotator')?.trim() || undefined;
	const gold = comments.has('gold') ? parseJson(comments.get('gold') ?? '', 'gold') : undefined;
	return [
		{
			line,
			ref: comments.get('id')?.trim() || undefined,
			data: { text },
			// A plain CoNLL block (no annotator, no gold comment) is labelled data: gold.
			gold: annotator === undefined && gold === undefined ? spans : gold,
			annotations: annotator === undefined ? [] : [{ annotator, answer: spans, line }],
			addsAnswers: annotator !== undefined
		}
	];
}

interface TaggedToken {
	token: string;
	tag: string;
	line: number;
}

function readTokenLine({ text, line }: SourceLine): TaggedToken {
	const columns = text.trim().split(/\s+/);
	const token = columns[0] ?? '';
	const tag = columns.at(-1) ?? '';
	if (columns.length < 2) rowError('expected a token and a tag', line);
	return { token, tag, line };
}

function textOf(comments: ReadonlyMap<string, string>, tokens: readonly TaggedToken[]): string {
	const json = comments.get('text_json');
	if (json !== undefined) {
		const text = parseJson(json, 'text_json');
		if (typeof text !== 'string') rowError('text_json must be a JSON string');
		return text;
	}
	return comments.get('text') ?? tokens.map((t) => t.token).join(' ');
}

/** Entities from IOB tags, with offsets found by walking the tokens through the text. */
function toSpans(text: string, tokens: readonly TaggedToken[]): Span[] {
	const spans: Span[] = [];
	let cursor = 0;
	let open: Span | null = null;
	for (const { token, tag, line } of tokens) {
		const start = text.indexOf(token, cursor);
		if (start === -1 || text.slice(cursor, start).trim() !== '') {
			rowError(`token '${token}' does not follow on from the text`, line);
		}
		cursor = start + token.length;
		const parsed = parseTag(tag, line);
		if (parsed === null) open = null;
		else if (parsed.inside && open?.type === parsed.type) open.end = cursor;
		else {
			open = { start, end: cursor, type: parsed.type };
			spans.push(open);
		}
	}
	return spans;
}

function parseTag(tag: string, line: number): { inside: boolean; type: string } | null {
	if (tag === 'O') return null;
	const match = /^([BI])-(.+)$/.exec(tag);
	if (!match) rowError(`tag '${tag}' is not O, B-<type> or I-<type>`, line);
	return { inside: match[1] === 'I', type: match[2] ?? '' };
}

function parseJson(source: string, field: string): unknown {
	try {
		return JSON.parse(source);
	} catch {
		rowError(`# ${field} is not valid JSON`);
	}
}
