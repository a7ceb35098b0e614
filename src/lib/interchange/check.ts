/**
 * What every import shares. A format reads its file into candidates (a JSONL line, a CSV row, a
 * Label Studio item, a COCO image, a CoNLL block); this module turns candidates into tasks the
 * way shipped content is checked: data against the type's schema with the project's options
 * spread in (`taskData`), gold against the gold schema and as an answer to its own task, every
 * other answer with `validateAnswer`. One bad candidate is one problem; the rest still import.
 */
import * as v from 'valibot';
import { nulPath } from '$lib/api/nul';
import { goldProblem, taskData, type ProjectOptions } from '$lib/labeling/project';
import {
	TaskDataSchema,
	TaskGoldSchema,
	validateAnswer,
	type TaskData
} from '$lib/labeling/task-types';
import type { TaskType } from '$lib/labeling/types';
import type { ImportedAnnotation, ImportedTask, ImportProblem, ProjectShape } from './types';

/**
 * Thrown by a format's reader for one row; the row becomes a problem and reading goes on.
 * `line` names a line inside the row (a CoNLL token) instead of the row's first.
 */
export class RowError extends Error {
	constructor(
		message: string,
		readonly line?: number
	) {
		super(message);
	}
}

export function rowError(message: string, line?: number): never {
	throw new RowError(message, line);
}

export interface CandidateAnswer {
	annotator: string;
	answer: unknown;
	/** Where the answer was read, to name it if it does not fit its task. */
	line: number;
}

export interface Candidate {
	line: number;
	/** The task's id in the file; absent means `row-<line>`. */
	ref?: string;
	data: unknown;
	/** null: no gold. undefined: this candidate does not say (a continuation, see below). */
	gold?: unknown;
	annotations: CandidateAnswer[];
	/**
	 * Raw exports write one row (or CoNLL block) per answer, repeating the task. Such a row may
	 * reuse an earlier row's id to add its answers, as long as it repeats the same data and gold;
	 * any other repeated id is a duplicate.
	 */
	addsAnswers?: boolean;
}

/** What a format's reader gives back before checking. */
export interface Gathered {
	candidates: Candidate[];
	problems: ImportProblem[];
}

/**
 * Runs `read` for one row, turning a `RowError` into a problem at `line` (other errors are bugs
 * and propagate). Returns null when the row failed.
 */
export function attempt<T>(
	problems: ImportProblem[],
	at: { line: number; ref?: string },
	read: () => T,
	prefix = ''
): T | null {
	try {
		return read();
	} catch (error) {
		if (!(error instanceof RowError)) throw error;
		problems.push({ ...at, line: error.line ?? at.line, message: prefix + error.message });
		return null;
	}
}

export function checkCandidates(
	project: ProjectShape,
	candidates: readonly Candidate[]
): { tasks: ImportedTask[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	const clean = candidates.filter((candidate) => {
		const nul = nulPath({ ref: candidate.ref, data: candidate.data, gold: candidate.gold }, 'task');
		if (nul) problems.push({ line: candidate.line, message: `${nul}: must not contain U+0000` });
		return !nul;
	});
	const groups = groupByRef(clean, problems);
	const tasks = groups.flatMap((group) => checkGroup(project, group, problems) ?? []);
	return { tasks, problems };
}

/** The keys `taskData` adds for this type: kept once per project, never in stored data. */
export function optionKeys(type: TaskType): string[] {
	return Object.keys(taskData({ type, labels: [], multiple: false }, {}) as object);
}

// ---------------------------------------------------------------------------------------------
// Grouping

interface Group {
	ref: string;
	first: Candidate;
	annotations: CandidateAnswer[];
}

function groupByRef(candidates: readonly Candidate[], problems: ImportProblem[]): Group[] {
	const groups = new Map<string, Group>();
	for (const candidate of candidates) {
		const ref = candidate.ref ?? `row-${candidate.line}`;
		const group = groups.get(ref);
		if (!group) {
			groups.set(ref, { ref, first: candidate, annotations: [...candidate.annotations] });
			continue;
		}
		const reason = continuationProblem(group, candidate);
		if (reason) problems.push({ line: candidate.line, ref, message: reason });
		else group.annotations.push(...candidate.annotations);
	}
	return [...groups.values()];
}

function continuationProblem({ ref, first }: Group, next: Candidate): string | null {
	if (!next.addsAnswers) return `id '${ref}' is already used on line ${first.line}`;
	if (!sameValue(next.data, first.data)) {
		return `id '${ref}' repeats line ${first.line} with different data`;
	}
	if (next.gold !== undefined && !sameValue(next.gold, first.gold ?? null)) {
		return `id '${ref}' repeats line ${first.line} with different gold`;
	}
	return null;
}

/** Structural equality of JSON values; key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const aKeys = Object.keys(a);
	const bKeys = Object.keys(b);
	if (aKeys.length !== bKeys.length) return false;
	const bRecord = b as Record<string, unknown>;
	return aKeys.every(
		(key) =>
			Object.hasOwn(bRecord, key) && sameValue((a as Record<string, unknown>)[key], bRecord[key])
	);
}

// ---------------------------------------------------------------------------------------------
// Checking one task

function checkGroup(
	project: ProjectShape,
	group: Group,
	problems: ImportProblem[]
): ImportedTask | null {
	const at = { line: group.first.line, ref: group.ref };
	const fail = (message: string) => {
		problems.push({ ...at, message });
		return null;
	};
	const options: ProjectOptions = {
		type: project.type,
		labels: project.labels.map((id) => ({ id })),
		multiple: project.multiple
	};
	const raw = group.first.data;
	if (!isRecord(raw)) return fail('data must be an object of fields');
	const parsed = v.safeParse(TaskDataSchema[project.type], taskData(options, raw));
	if (!parsed.success) return fail(describeIssues('data', parsed.issues));
	const data = parsed.output as Record<string, unknown>;

	const gold = checkGold(project.type, data, group.first.gold ?? null);
	if (!gold.ok) return fail(gold.reason);

	return {
		ref: group.ref,
		line: group.first.line,
		data: omit(data, optionKeys(project.type)),
		gold: gold.value,
		annotations: group.annotations.flatMap((answer) =>
			checkAnswer(project.type, data, answer, group.ref, problems)
		)
	};
}

type Checked = { ok: true; value: unknown } | { ok: false; reason: string };

function checkGold(type: TaskType, data: Record<string, unknown>, gold: unknown): Checked {
	if (gold === null) return { ok: true, value: null };
	const parsed = v.safeParse(TaskGoldSchema[type], gold);
	if (!parsed.success) return { ok: false, reason: describeIssues('gold', parsed.issues) };
	const reason = goldProblem(type, data, parsed.output);
	return reason ? { ok: false, reason: `gold: ${reason}` } : { ok: true, value: parsed.output };
}

function checkAnswer(
	type: TaskType,
	data: Record<string, unknown>,
	{ annotator, answer, line }: CandidateAnswer,
	ref: string,
	problems: ImportProblem[]
): ImportedAnnotation[] {
	const result = validateAnswer(type, data as TaskData<typeof type>, answer);
	if (result.ok) return [{ annotator, answer: result.answer }];
	problems.push({ line, ref, message: `answer by ${annotator} left out: ${result.reason}` });
	return [];
}

/** The first issue in plain words, naming the field: "data.image is missing". */
export function describeIssues(field: string, issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	if (!issue) return `${field} is invalid`;
	const path = v.getDotPath(issue);
	const at = path ? `${field}.${path}` : field;
	// valibot words a missing or unexpected key as an "Invalid key" issue of the object.
	if (issue.type === 'strict_object' && path) {
		return issue.expected === 'never' ? `${at} is not a known field` : `${at} is missing`;
	}
	return `${at}: ${issue.message}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function omit(
	record: Record<string, unknown>,
	keys: readonly string[]
): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
