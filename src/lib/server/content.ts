// Loads and checks the content files. Content is hand-written by people who may not run the
// app, so every mistake must fail loudly here, naming the file and the place, rather than
// show up later as a blank gloss or an unscorable task on a learner's phone.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { DEFAULT_LOCALE, LOCALES } from '$lib/i18n/locales';
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
	const rawDecks = await readJsonDir(join(dir, 'decks'));
	const rawProjects = await readJsonDir(join(dir, 'projects'));
	const translated = await translate(rawDecks, rawProjects, join(dir, 'translations'));
	if (translated.length > 0) {
		throw new Error(`Invalid translations in ${dir}:\n- ${translated.join('\n- ')}`);
	}
	const deckSources = rawDecks.map(({ file, json }) => check(file, json, DeckSource));
	const projects = rawProjects.map(({ file, json }) => check(file, json, ProjectSource));

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

interface JsonFile {
	file: string;
	json: unknown;
}

async function readJsonDir(dir: string): Promise<JsonFile[]> {
	// Sorted so that word order, and with it lesson and review order, is the same everywhere.
	const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
	return Promise.all(names.map((name) => readJson(join(dir, name))));
}

async function readJson(file: string): Promise<JsonFile> {
	const raw = await readFile(file, 'utf8');
	try {
		return { file, json: JSON.parse(raw) };
	} catch (cause) {
		throw new Error(`${file}: not valid JSON: ${(cause as Error).message}`, { cause });
	}
}

function check<T extends v.GenericSchema>(
	file: string,
	json: unknown,
	schema: T
): v.InferOutput<T> {
	const result = v.safeParse(schema, json);
	if (!result.success) throw new Error(`${file}: ${describeIssues(result.issues)}`);
	return result.output;
}

// --- translations ---------------------------------------------------------------------------
// Content files hold English, the source. Every other locale's texts are in
// translations/<locale>.json, one file per language so that a translator or reviewer works in
// one place; its `$meta` says who drafted it and who reviewed it. The texts are merged in here,
// before the schemas (which want every locale) see the content.

const TranslationFile = v.looseObject({
	$meta: v.strictObject({
		language: v.string(),
		drafted_by: v.pipe(v.string(), v.nonEmpty()),
		reviewed_by: v.nullable(v.string()),
		same_as_english: v.array(v.string())
	})
});

async function translate(
	decks: readonly JsonFile[],
	projects: readonly JsonFile[],
	dir: string
): Promise<string[]> {
	const slots = contentTexts(
		decks.map(({ json }) => json),
		projects.map(({ json }) => json)
	);
	const problems: string[] = [];
	for (const locale of LOCALES.filter((code) => code !== DEFAULT_LOCALE)) {
		const file = join(dir, `${locale}.json`);
		const { json } = await readJson(file).catch((error: Error) => {
			problems.push(error.message);
			return { json: null };
		});
		if (json === null) continue;
		const meta = v.safeParse(TranslationFile, json);
		if (!meta.success) {
			problems.push(`${file}: ${describeIssues(meta.issues)}`);
			continue;
		}
		const texts = flattenTexts(json as Holder);
		for (const [path, holder] of slots) {
			const text = texts.get(path);
			if (typeof text === 'string' && text.trim() !== '') holder[locale] = text;
			else problems.push(`${file}: ${path} is missing`);
			texts.delete(path);
		}
		problems.push(...[...texts.keys()].map((path) => `${file}: ${path} is not in the content`));
	}
	return problems;
}

type Holder = Record<string, unknown>;
type Slot = [path: string, holder: Holder];

/**
 * Every translatable text of content files as parsed JSON, by its path in a translation file
 * (`decks.<deck>.words.<word>.gloss`, `projects.<project>.tasks.<task>.explanation`, …).
 */
export function contentTexts(decks: readonly unknown[], projects: readonly unknown[]): Slot[] {
	return [...decks.flatMap(deckSlots), ...projects.flatMap(projectSlots)];
}

function isObject(value: unknown): value is Holder {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): Holder[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

/** [path, text object] for each text of a deck; malformed parts are left to the schema. */
function deckSlots(deck: unknown): Slot[] {
	if (!isObject(deck)) return [];
	const at = `decks.${String(deck.id)}`;
	return [
		[`${at}.title`, deck.title],
		...list(deck.words).flatMap((word) => [
			[`${at}.words.${String(word.id)}.gloss`, word.gloss],
			[`${at}.words.${String(word.id)}.example`, isObject(word.example) && word.example.gloss]
		])
	].filter((slot): slot is Slot => isObject(slot[1]));
}

function projectSlots(project: unknown): Slot[] {
	if (!isObject(project)) return [];
	const at = `projects.${String(project.id)}`;
	const tasks = TASK_KINDS.flatMap((kind) => list(project[kind]));
	return [
		[`${at}.title`, project.title],
		[`${at}.description`, project.description],
		[`${at}.guidelines`, project.guidelines],
		...tasks.flatMap((task) => [
			[`${at}.tasks.${String(task.id)}.explanation`, task.explanation],
			[`${at}.tasks.${String(task.id)}.alt`, isObject(task.data) && task.data.alt]
		])
	].filter((slot): slot is Slot => isObject(slot[1]));
}

/** Dotted path -> text of a translation file, leaving out its `$meta`. */
export function flattenTexts(tree: Holder, prefix = '', into = new Map<string, unknown>()) {
	for (const [key, value] of Object.entries(tree)) {
		if (key === '$meta' && !prefix) continue;
		const path = prefix ? `${prefix}.${key}` : key;
		if (isObject(value)) flattenTexts(value, path, into);
		else into.set(path, value);
	}
	return into;
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
