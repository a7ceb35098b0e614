// Loads and checks the content files. Content is hand-written by people who may not run the
// app, so every mistake must fail loudly here, naming the file and the place, rather than
// show up later as a blank gloss or an unscorable task on a learner's phone.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import {
	DeckSource,
	exampleForm,
	ProjectSource,
	TASK_KINDS,
	type TaskKind,
	type TaskSource,
	romanizeWord,
	type Content,
	type Deck,
	type Word,
	type WordSource
} from '$lib/content/schema';
import { deckLessons } from '$lib/content/lessons';
import { goldProblem, mediaOf, taskData } from '$lib/labeling/project';
import { TaskDataSchema, TaskGoldSchema } from '$lib/labeling/task-types';

export type { Content } from '$lib/content/schema';

export async function loadContent(dir = 'content', staticDir = 'static'): Promise<Content> {
	const deckSources = await readJsonFiles(join(dir, 'decks'), DeckSource);
	const projects = await readJsonFiles(join(dir, 'projects'), ProjectSource);

	const problems = [
		...checkWords(deckSources),
		...checkProjects(projects, deckSources),
		...(await checkImages(projects, staticDir))
	];
	if (problems.length > 0) {
		throw new Error(`Invalid content in ${dir}:\n- ${problems.join('\n- ')}`);
	}

	const decks = deckSources.map(toDeck);
	return {
		words: deckSources.flatMap((deck) => deck.words.map(toWord)),
		decks,
		lessons: deckLessons(decks),
		projects
	};
}

function toWord(source: WordSource): Word {
	return { ...source, romanization: romanizeWord(source.hangul) };
}

function toDeck({ id, title, level, words }: DeckSource): Deck {
	return { id, title, level, wordIds: words.map((word) => word.id) };
}

// --- reading -------------------------------------------------------------------------------

async function readJsonFiles<T extends v.GenericSchema>(
	dir: string,
	schema: T
): Promise<v.InferOutput<T>[]> {
	// Sorted so that word order, and with it lesson and review order, is the same everywhere.
	const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
	return Promise.all(names.map((name) => readJsonFile(join(dir, name), schema)));
}

async function readJsonFile<T extends v.GenericSchema>(
	file: string,
	schema: T
): Promise<v.InferOutput<T>> {
	const raw = await readFile(file, 'utf8');
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch (cause) {
		throw new Error(`${file}: not valid JSON: ${(cause as Error).message}`, { cause });
	}
	const result = v.safeParse(schema, json);
	if (!result.success) throw new Error(`${file}: ${describeIssues(result.issues)}`);
	return result.output;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ');
}

// --- cross-checks ------------------------------------------------------------------------
// Each returns a list of problems so that an author sees all of them in one run.

function duplicates(values: readonly string[]): string[] {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const value of values) (seen.has(value) ? repeated : seen).add(value);
	return [...repeated];
}

function allWords(decks: readonly DeckSource[]): WordSource[] {
	return decks.flatMap((deck) => deck.words);
}

function checkWords(decks: readonly DeckSource[]): string[] {
	const words = allWords(decks);
	return [
		...duplicates(decks.map((deck) => deck.id)).map((id) => `duplicate deck id "${id}"`),
		...duplicates(words.map((word) => word.id)).map((id) => `duplicate word id "${id}"`),
		...duplicates(words.map((word) => word.hangul)).map((h) => `duplicate word hangul "${h}"`),
		...words.filter((word) => !exampleHasWord(word)).map(exampleProblem)
	];
}

function exampleHasWord(word: WordSource): boolean {
	return word.example.ko.includes(exampleForm(word));
}

function exampleProblem(word: WordSource): string {
	return `word "${word.id}": example "${word.example.ko}" does not contain "${exampleForm(word)}"`;
}

function checkProjects(projects: readonly ProjectSource[], decks: readonly DeckSource[]): string[] {
	const wordIds = new Set(allWords(decks).map((word) => word.id));
	// Task ids are global because events and exports name a task without its project.
	const taskIds = projects.flatMap((project) => projectTasks(project).map(({ task }) => task.id));
	return [
		...duplicates(projects.map((p) => p.id)).map((id) => `duplicate project id "${id}"`),
		...duplicates(taskIds).map((id) => `duplicate task id "${id}"`),
		...projects.flatMap((project) => checkProject(project, wordIds))
	];
}

/** Every task of a project with the part it belongs to, in file order. */
export function projectTasks(project: ProjectSource): { kind: TaskKind; task: TaskSource }[] {
	return TASK_KINDS.flatMap((kind) => project[kind].map((task) => ({ kind, task })));
}

function checkProject(project: ProjectSource, wordIds: ReadonlySet<string>): string[] {
	const where = `project "${project.id}"`;
	const labelIds = project.labels.map((label) => label.id);
	const needsLabels = !['transcription', 'translation_check'].includes(project.type);
	return [
		...duplicates(labelIds).map((id) => `${where}: duplicate label id "${id}"`),
		...(needsLabels && labelIds.length === 0 ? [`${where}: needs labels`] : []),
		...project.labels
			.filter((label) => !wordIds.has(label.wordId))
			.map((label) => `${where}: label "${label.id}" has unknown wordId "${label.wordId}"`),
		...projectTasks(project)
			.flatMap(({ kind, task }) => checkTask(project, kind, task))
			.map((problem) => `${where}: ${problem}`)
	];
}

/**
 * A task's data must fit its type, and its gold must be an answer the task accepts: a gold
 * label outside the label set, or a span that splits a syllable, could never be matched.
 * Training and qualification items need gold; training items also need an explanation.
 */
function checkTask(project: ProjectSource, kind: TaskKind, task: TaskSource): string[] {
	const at = `${kind} task "${task.id}"`;
	const type = project.type;
	const data = v.safeParse(TaskDataSchema[type], taskData(project, task.data));
	if (!data.success) return [`${at}: data.${describeIssues(data.issues)}`];
	const problems: string[] = [];
	if (kind !== 'work' && task.gold === undefined) problems.push(`${at}: needs gold`);
	if (kind === 'training' && !task.explanation) problems.push(`${at}: needs an explanation`);
	if (task.gold !== undefined) {
		const gold = v.safeParse(TaskGoldSchema[type], task.gold);
		if (!gold.success) problems.push(`${at}: gold.${describeIssues(gold.issues)}`);
		else {
			const problem = goldProblem(type, data.output, gold.output);
			if (problem) problems.push(`${at}: gold ${problem}`);
		}
	}
	return problems;
}

async function checkImages(
	projects: readonly ProjectSource[],
	staticDir: string
): Promise<string[]> {
	const media = projects.flatMap((project) =>
		projectTasks(project).map(({ task }) => ({ task, path: mediaOf(project.type, task.data) }))
	);
	const missing = await Promise.all(
		media.map(async (item) =>
			item.path === null || !item.path.startsWith('/') || (await isFile(join(staticDir, item.path)))
				? null
				: item
		)
	);
	return missing
		.filter((item) => item !== null)
		.map((item) => `task "${item.task.id}": file ${join(staticDir, item.path ?? '')} is missing`);
}

async function isFile(path: string): Promise<boolean> {
	try {
		return (await stat(path)).isFile();
	} catch {
		return false;
	}
}
