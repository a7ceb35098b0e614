import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	DeckSource,
	Glosses,
	ProjectSource,
	TaskSource,
	WordSource
} from '$lib/content/schema';
import { chunkWords, LESSON_MAX_WORDS, LESSON_MIN_WORDS } from '$lib/content/lessons';
import { LOCALES } from '$lib/i18n/locales';
import { mediaOf } from '$lib/labeling/project';
import { TASK_TYPES } from '$lib/labeling/types';
import { contentTexts, loadContent, type Content } from '$lib/server/content';
import {
	flatten,
	metaProblems,
	readLocaleFiles,
	sameAsEnglish,
	untranslated
} from '../support/locale-files';

/** The shipped image files must stay small: a phone downloads them with every batch. */
const MAX_IMAGE_BYTES = 25_000;
const IMAGE_DIR = join('static', 'content', 'images');
/** Translation checks are shown only in the learner's own language, so each needs a full set. */
const TRANSLATION_TARGETS = ['en', 'vi', 'zh'] as const;

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
	);
}

describe('the real content', () => {
	let content: Content;
	beforeAll(async () => {
		content = await loadContent();
	});

	it('has at least 600 words in at least 14 topic decks', () => {
		expect(content.words.length).toBeGreaterThanOrEqual(600);
		expect(content.decks.length).toBeGreaterThanOrEqual(14);
	});

	it('orders decks from beginner up, starting with Hangul itself', () => {
		expect(content.decks[0]?.id).toBe('hangul-and-sounds');
		const levels = content.decks.map((deck) => deck.level);
		expect(levels).toEqual([...levels].sort((a, b) => a - b));
	});

	it('cuts every deck into five-minute lessons of 5–7 words, each word in one lesson', () => {
		for (const lesson of content.lessons) {
			expect(lesson.words.length, lesson.id).toBeGreaterThanOrEqual(LESSON_MIN_WORDS);
			expect(lesson.words.length, lesson.id).toBeLessThanOrEqual(LESSON_MAX_WORDS);
		}
		const taught = content.lessons.flatMap((lesson) => lesson.words);
		expect(taught).toEqual(content.decks.flatMap((deck) => deck.wordIds));
		expect(content.lessons[0]).toMatchObject({ id: 'hangul-and-sounds-1' });
		expect(content.lessons[0]?.title.en).toBe(`${content.decks[0]?.title.en} 1`);
	});

	it('glosses and romanizes every word', () => {
		for (const word of content.words) {
			for (const locale of LOCALES) {
				expect(word.gloss[locale].trim(), `${word.id} gloss.${locale}`).not.toBe('');
				expect(word.example.gloss[locale].trim(), `${word.id} example.${locale}`).not.toBe('');
			}
			expect(word.romanization, word.id).toMatch(/^[a-z][a-z -]*$/);
		}
	});

	it('romanizes with Revised Romanization', () => {
		const romanization = (hangul: string) =>
			content.words.find((w) => w.hangul === hangul)?.romanization;
		expect(romanization('사람')).toBe('saram');
		expect(romanization('자동차')).toBe('jadongcha');
	});

	it('ships a demo project for every task type', () => {
		const types = new Set(content.projects.map((project) => project.type));
		expect([...types].sort()).toEqual([...TASK_TYPES].sort());
	});

	it('gives every project enough training, qualification and work (with hidden gold)', () => {
		for (const project of content.projects) {
			const { id, training, qualification, work } = project;
			expect(training.length + qualification.length + work.length, id).toBeGreaterThanOrEqual(30);
			expect(training.length, id).toBeGreaterThanOrEqual(10);
			for (const task of training) {
				expect(task.gold, task.id).toBeDefined();
				for (const locale of LOCALES) expect(task.explanation?.[locale], task.id).toBeTruthy();
			}
			for (const task of qualification) expect(task.gold, task.id).toBeDefined();
			// A learner sees only the pairs in their own language, so each language is a set.
			const sets: [string, (task: TaskSource) => boolean][] =
				project.type === 'translation_check'
					? TRANSLATION_TARGETS.map((lang) => [
							`${id} (${lang})`,
							(task) => task.data.targetLanguage === lang
						])
					: [[id, () => true]];
			for (const [name, inSet] of sets) {
				const minTraining = project.type === 'translation_check' ? 4 : 10;
				expect(training.filter(inSet).length, name).toBeGreaterThanOrEqual(minTraining);
				expect(qualification.filter(inSet).length, name).toBeGreaterThanOrEqual(10);
				const mine = work.filter(inSet);
				expect(mine.length, name).toBeGreaterThanOrEqual(15);
				expect(mine.filter((task) => task.gold !== undefined).length, name).toBeGreaterThanOrEqual(
					4
				);
			}
		}
	});

	it('makes hidden gold look like any other work task', () => {
		for (const project of content.projects) {
			const shapes = new Set(project.work.map((task) => Object.keys(task.data).sort().join()));
			// Image classification mixes pick-a-label and yes/no tasks; both kinds hold gold.
			const kinds = project.type === 'image_classification' ? 2 : 1;
			expect(shapes.size, project.id).toBeLessThanOrEqual(kinds);
			for (const task of project.work) {
				expect(task.id, task.id).toMatch(new RegExp(`^[a-z]+(-[a-z]+)?-w-\\d{2}$`));
				expect(task.explanation, task.id).toBeUndefined();
			}
		}
	});

	it('has yes/no tasks on a proposed label in image classification training and work', () => {
		const project = content.projects.find((p) => p.type === 'image_classification');
		const verify = (tasks: TaskSource[] = []) => tasks.filter((t) => 'proposed' in t.data);
		expect(verify(project?.training).length).toBeGreaterThanOrEqual(4);
		expect(verify(project?.work).length).toBeGreaterThanOrEqual(1);
		// "No" must be a right answer sometimes, or the learner learns to always say yes.
		const rejected = verify(project?.training).filter(
			(task) => !(task.gold as { labels: string[] }).labels.includes(String(task.data.proposed))
		);
		expect(rejected.length).toBeGreaterThanOrEqual(1);
	});

	it('uses vocabulary words for every label', () => {
		const words = new Set(content.words.map((word) => word.id));
		for (const project of content.projects) {
			for (const label of project.labels) expect(words, label.wordId).toContain(label.wordId);
		}
	});

	it('keeps every image file under 25 KB, with credits for the photos', () => {
		const files = filesUnder(IMAGE_DIR).filter((file) => /\.(svg|png|jpe?g|webp)$/.test(file));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files)
			expect(statSync(file).size, file).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
		const credits = readdirSync(IMAGE_DIR).includes('CREDITS.md');
		expect(credits).toBe(true);
	});

	it('shows only images that exist and match the media path pattern', () => {
		for (const project of content.projects) {
			for (const task of [...project.training, ...project.qualification, ...project.work]) {
				const path = mediaOf(project.type, task.data);
				if (path === null) continue;
				expect(path, task.id).toMatch(
					/^\/content\/images\/[a-z0-9-]+(\/[a-z0-9-]+)*\.(svg|png|jpe?g|webp)$/
				);
				expect(statSync(join('static', path)).isFile(), path).toBe(true);
			}
		}
	});
});

describe('content/translations', () => {
	const read = (dir: string) =>
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
	const english = Object.fromEntries(
		contentTexts(read('content/decks'), read('content/projects')).map(([path, texts]) => [
			path,
			texts.en
		])
	);
	const files = readLocaleFiles('content/translations');

	it('has a file for every language but English', () => {
		expect(Object.keys(files).sort()).toEqual(LOCALES.filter((code) => code !== 'en').sort());
	});

	it.each(Object.keys(files))('%s: says who drafted and reviewed it', (code) => {
		const file = files[code] ?? {};
		expect(metaProblems(code, file, flatten(file))).toEqual([]);
	});

	it.each(Object.keys(files))('%s: translates every text that has words', (code) => {
		const file = files[code] ?? {};
		expect(untranslated(english, flatten(file), sameAsEnglish(file))).toEqual([]);
	});

	it('notices a text left in English', () => {
		const file = structuredClone(files.vi ?? {});
		const path = 'decks.first-words.words.annyeonghaseyo.gloss';
		expect(english[path]).toBeTruthy();
		const vi = flatten(file);
		vi[path] = english[path];
		expect(untranslated(english, vi, sameAsEnglish(file))).toEqual([path]);
	});
});

// --- small valid content, and ways to break it ---------------------------------------------

const glosses = (text: string): Glosses =>
	Object.fromEntries(LOCALES.map((locale) => [locale, `${text} (${locale})`])) as Glosses;

function word(id: string, hangul: string, pos: WordSource['pos'], example: string): WordSource {
	return {
		id,
		hangul,
		pos,
		level: 1,
		gloss: glosses(id),
		example: { ko: example, gloss: glosses(example) }
	};
}

/** A project as an author writes it: options with defaults may be left out. */
type ProjectInput = v.InferInput<typeof ProjectSource>;

function imageTask(id: string, name: string, label?: string, explained = false): TaskSource {
	return {
		id,
		data: { image: `/content/images/${name}.svg`, alt: glosses(name) },
		...(label === undefined ? {} : { gold: { labels: [label] } }),
		...(explained ? { explanation: glosses(`${name} is ${label}`) } : {})
	};
}

function spanTask(id: string, text: string, spans: { start: number; end: number; type: string }[]) {
	return { id, data: { text }, gold: { spans }, explanation: glosses(text) };
}

interface Fixture {
	decks: DeckSource[];
	projects: ProjectInput[];
	images: string[];
}

function validFixture(): Fixture {
	const words = [
		word('saram', '사람', 'noun', '저 사람은 누구예요?'),
		word('dongmul', '동물', 'noun', '동물을 좋아해요.'),
		word('jimyeong', '지명', 'noun', '부산은 지명이에요.'),
		// Conjugated: only the stem 먹 appears, which the loader must accept.
		word('meokda', '먹다', 'verb', '밥을 먹었어요.')
	];
	const deck: DeckSource = { id: 'test-deck', title: glosses('deck'), level: 1, words };
	const photos: ProjectInput = {
		id: 'test-photos',
		type: 'image_classification',
		title: glosses('title'),
		description: glosses('description'),
		guidelines: glosses('guidelines'),
		labels: [
			{ id: 'person', wordId: 'saram' },
			{ id: 'animal', wordId: 'dongmul' }
		],
		training: [imageTask('t-farmer', 'farmer', 'person', true)],
		qualification: [imageTask('q-dog', 'dog', 'animal')],
		// Hidden gold (with gold) and an ordinary work task (without).
		work: [imageTask('w-1', 'cat', 'animal'), imageTask('w-2', 'cow')]
	};
	// 김민수 0..3, 씨는 4..6, 부산에서 7..11 (부산 7..9), 일해요 12..15
	const text = '김민수 씨는 부산에서 일해요.';
	const names: ProjectInput = {
		id: 'test-names',
		type: 'named_entities',
		title: glosses('title'),
		description: glosses('description'),
		guidelines: glosses('guidelines'),
		labels: [
			{ id: 'person', wordId: 'saram' },
			{ id: 'place', wordId: 'jimyeong' }
		],
		training: [
			spanTask('names-t-1', text, [
				{ start: 0, end: 3, type: 'person' },
				{ start: 7, end: 9, type: 'place' }
			])
		],
		qualification: [{ id: 'names-q-1', data: { text }, gold: { spans: [] } }],
		work: [{ id: 'names-w-1', data: { text } }]
	};
	return {
		decks: [deck],
		projects: [photos, names],
		images: ['farmer.svg', 'dog.svg', 'cat.svg', 'cow.svg']
	};
}

const tempDirs: string[] = [];
afterAll(async () => {
	await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeJson(file: string, value: unknown): Promise<void> {
	await mkdir(dirname(file), { recursive: true });
	await writeFile(file, JSON.stringify(value, null, '\t'));
}

type Texts = Record<string, unknown>;

/**
 * Moves every non-English text of the fixture out to translations/<locale>.json, as authors
 * keep it: [path in the translation file, text object in the content file].
 */
function textObjects(fixture: Fixture): [string, Texts | undefined][] {
	const tasks = (p: ProjectInput) => [...p.training, ...p.qualification, ...p.work];
	return [
		...fixture.decks.flatMap((deck): [string, Texts | undefined][] => [
			[`decks.${deck.id}.title`, deck.title],
			...deck.words.flatMap((w): [string, Texts][] => [
				[`decks.${deck.id}.words.${w.id}.gloss`, w.gloss],
				[`decks.${deck.id}.words.${w.id}.example`, w.example.gloss]
			])
		]),
		...fixture.projects.flatMap((p): [string, Texts | undefined][] => [
			[`projects.${p.id}.title`, p.title],
			[`projects.${p.id}.description`, p.description],
			[`projects.${p.id}.guidelines`, p.guidelines],
			...tasks(p).flatMap((task): [string, Texts | undefined][] => [
				[`projects.${p.id}.tasks.${task.id}.explanation`, task.explanation],
				[`projects.${p.id}.tasks.${task.id}.alt`, task.data.alt as Texts | undefined]
			])
		])
	];
}

function setPath(tree: Texts, path: string, value: unknown): void {
	const parts = path.split('.');
	const last = parts.pop() as string;
	let node = tree;
	for (const part of parts) node = (node[part] ??= {}) as Texts;
	node[last] = value;
}

function splitTranslations(fixture: Fixture): Record<string, Texts> {
	const files: Record<string, Texts> = {};
	for (const locale of LOCALES.filter((code) => code !== 'en')) {
		files[locale] = {
			$meta: { language: locale, drafted_by: 'a test', reviewed_by: null, same_as_english: [] }
		};
	}
	const slots = textObjects(fixture);
	for (const [path, texts] of slots) {
		for (const [locale, text] of Object.entries(texts ?? {})) {
			if (locale !== 'en') setPath((files[locale] ??= {}), path, text);
		}
	}
	// Only now, as the fixture may share one text object between two places.
	for (const [, texts] of slots) {
		for (const locale of Object.keys(texts ?? {})) if (locale !== 'en') delete texts?.[locale];
	}
	return files;
}

/** Writes the fixture as a content dir and a static dir, and loads it. */
async function load(
	original: Fixture,
	editTranslations: (files: Record<string, Texts>) => void = () => {}
): Promise<Content> {
	const fixture = structuredClone(original);
	const root = await mkdtemp(join(tmpdir(), 'ilgam-content-'));
	tempDirs.push(root);
	const [content, images] = [join(root, 'content'), join(root, 'static', 'content', 'images')];
	await mkdir(join(content, 'decks'), { recursive: true });
	await mkdir(join(content, 'projects'), { recursive: true });
	await mkdir(images, { recursive: true });
	const translations = splitTranslations(fixture);
	editTranslations(translations);
	await Promise.all(
		Object.entries(translations).map(([locale, file]) =>
			writeJson(join(content, 'translations', `${locale}.json`), file)
		)
	);
	await Promise.all([
		...fixture.decks.map((deck, i) => writeJson(join(content, 'decks', `deck-${i}.json`), deck)),
		...fixture.projects.map((project, i) =>
			writeJson(join(content, 'projects', `project-${i}.json`), project)
		),
		...fixture.images.map((name) => writeFile(join(images, name), '<svg/>'))
	]);
	return loadContent(content, join(root, 'static'));
}

function firstDeck(fixture: Fixture): DeckSource {
	const deck = fixture.decks[0];
	if (!deck) throw new Error('fixture has no deck');
	return deck;
}

function firstWord(fixture: Fixture): WordSource {
	const word = firstDeck(fixture).words[0];
	if (!word) throw new Error('fixture has no word');
	return word;
}

function project(fixture: Fixture, id: string): ProjectInput {
	const found = fixture.projects.find((p) => p.id === id);
	if (!found) throw new Error(`fixture has no project ${id}`);
	return found;
}

const photos = (fixture: Fixture) => project(fixture, 'test-photos');
const names = (fixture: Fixture) => project(fixture, 'test-names');

function firstTraining(p: ProjectInput): TaskSource {
	const task = p.training[0];
	if (!task) throw new Error(`${p.id} has no training task`);
	return task;
}

describe('loadContent on bad data', () => {
	it('loads the valid fixture, with romanization and project defaults added', async () => {
		const content = await load(validFixture());
		expect(content.words.map((w) => w.romanization)).toEqual([
			'saram',
			'dongmul',
			'jimyeong',
			'meokda'
		]);
		expect(content.decks[0]?.wordIds).toEqual(['saram', 'dongmul', 'jimyeong', 'meokda']);
		const loaded = content.projects.find((p) => p.id === 'test-photos') as ProjectSource;
		expect(loaded).toMatchObject({ multiple: false, redundancy: 3, goldShare: 0.2, passAt: 0.8 });
		expect(loaded.work.map((task) => task.gold !== undefined)).toEqual([true, false]);
	});

	it('accepts a yes/no task on a proposed label whose gold is the usual label set', async () => {
		const fixture = validFixture();
		const verify = imageTask('t-verify', 'dog', 'animal', true);
		verify.data.proposed = 'person';
		photos(fixture).training.push(verify);
		await expect(load(fixture)).resolves.toBeDefined();
	});

	it('rejects a missing English gloss, naming the file and the path', async () => {
		const fixture = validFixture();
		delete (firstWord(fixture).gloss as Partial<Glosses>).en;
		await expect(load(fixture)).rejects.toThrow(/deck-0\.json: words\.0\.gloss\.en/);
	});

	it('rejects a missing translation, naming the locale file and the path', async () => {
		const fixture = validFixture();
		delete (firstWord(fixture).gloss as Partial<Glosses>).vi;
		delete (firstTraining(photos(fixture)).explanation as Partial<Glosses>).ko;
		const error = load(fixture);
		await expect(error).rejects.toThrow(
			/translations\/vi\.json: decks\.test-deck\.words\.saram\.gloss is missing/
		);
		await expect(error).rejects.toThrow(
			/translations\/ko\.json: projects\.test-photos\.tasks\.t-farmer\.explanation is missing/
		);
	});

	it('rejects a translation of a text the content does not have', async () => {
		const edit = (files: Record<string, Texts>) => {
			setPath(files.zh as Texts, 'decks.test-deck.words.sarm.gloss', '人');
			delete (files.ko as Texts).$meta;
		};
		const error = load(validFixture(), edit);
		await expect(error).rejects.toThrow(
			/translations\/zh\.json: decks\.test-deck\.words\.sarm\.gloss is not in the content/
		);
		await expect(error).rejects.toThrow(/translations\/ko\.json: \$meta: Invalid key/);
	});

	it('rejects a word that appears in two decks', async () => {
		const fixture = validFixture();
		const copy: DeckSource = { ...firstDeck(fixture), id: 'other', words: [firstWord(fixture)] };
		fixture.decks.push(copy);
		await expect(load(fixture)).rejects.toThrow(/duplicate word id "saram"/);
		await expect(load(fixture)).rejects.toThrow(/duplicate word hangul "사람"/);
	});

	it('rejects an example that does not contain its word', async () => {
		const fixture = validFixture();
		firstWord(fixture).example.ko = '저 분은 누구예요?';
		await expect(load(fixture)).rejects.toThrow(/word "saram": example .* does not contain "사람"/);
	});

	it('rejects a label whose word does not exist', async () => {
		const fixture = validFixture();
		photos(fixture).labels.push({ id: 'car', wordId: 'jadongcha' });
		await expect(load(fixture)).rejects.toThrow(/label "car" has unknown wordId "jadongcha"/);
	});

	it('rejects a gold label that is not one of the labels', async () => {
		const fixture = validFixture();
		photos(fixture).training.push(imageTask('t-tree', 'dog', 'plant', true));
		await expect(load(fixture)).rejects.toThrow(
			/training task "t-tree": gold label plant is not one of this project's labels/
		);
	});

	it('rejects a task whose image file is missing', async () => {
		const fixture = validFixture();
		fixture.images = fixture.images.filter((name) => name !== 'dog.svg');
		await expect(load(fixture)).rejects.toThrow(/task "q-dog": file .*dog\.svg is missing/);
	});

	it('rejects a training task without an explanation', async () => {
		const fixture = validFixture();
		delete firstTraining(photos(fixture)).explanation;
		await expect(load(fixture)).rejects.toThrow(/training task "t-farmer": needs an explanation/);
	});

	it('rejects training and qualification tasks without gold', async () => {
		const fixture = validFixture();
		delete firstTraining(photos(fixture)).gold;
		photos(fixture).qualification.push(imageTask('q-cow', 'cow'));
		await expect(load(fixture)).rejects.toThrow(/training task "t-farmer": needs gold/);
		await expect(load(fixture)).rejects.toThrow(/qualification task "q-cow": needs gold/);
	});

	it('rejects task data that does not fit the task type', async () => {
		const fixture = validFixture();
		firstTraining(photos(fixture)).data = { text: '사진이 없어요.' };
		await expect(load(fixture)).rejects.toThrow(/training task "t-farmer": data\.image/);
	});

	it('rejects a task id used twice, even across projects', async () => {
		const fixture = validFixture();
		names(fixture).work.push({ id: 'w-1', data: { text: '같은 아이디예요.' } });
		await expect(load(fixture)).rejects.toThrow(/duplicate task id "w-1"/);
	});

	it('rejects a span that splits a syllable', async () => {
		const fixture = validFixture();
		// Spelt in conjoining jamo (NFD), 김 is three code units: 0..1 is only its ㄱ.
		const text = '김민수 씨'.normalize('NFD');
		names(fixture).training.push(
			spanTask('names-t-jamo', text, [{ start: 0, end: 1, type: 'person' }])
		);
		await expect(load(fixture)).rejects.toThrow(
			/task "names-t-jamo": gold span 0\.\.1 splits a character/
		);
	});

	it('rejects a span with a space at its edge, a span of an unknown type, and overlaps', async () => {
		const fixture = validFixture();
		const text = '김민수 씨는 부산에서 일해요.';
		names(fixture).training.push(
			spanTask('names-t-space', text, [{ start: 0, end: 4, type: 'person' }]),
			spanTask('names-t-type', text, [{ start: 7, end: 9, type: 'company' }]),
			spanTask('names-t-overlap', text, [
				{ start: 0, end: 3, type: 'person' },
				{ start: 2, end: 5, type: 'person' }
			])
		);
		await expect(load(fixture)).rejects.toThrow(
			/"names-t-space": gold span 0\.\.4 starts or ends with a space/
		);
		await expect(load(fixture)).rejects.toThrow(
			/"names-t-type": gold span 7\.\.9: type company is not in this project/
		);
		await expect(load(fixture)).rejects.toThrow(
			/"names-t-overlap": gold spans 0\.\.3 and 2\.\.5 overlap/
		);
	});

	it('rejects a box that leaves the image', async () => {
		const fixture = validFixture();
		fixture.projects.push({
			id: 'test-boxes',
			type: 'bounding_boxes',
			title: glosses('title'),
			description: glosses('description'),
			guidelines: glosses('guidelines'),
			labels: [{ id: 'animal', wordId: 'dongmul' }],
			training: [
				{
					id: 'boxes-t-1',
					data: { image: '/content/images/dog.svg' },
					gold: { boxes: [{ x: 60, y: 10, width: 50, height: 20, label: 'animal' }] },
					explanation: glosses('dog')
				}
			],
			qualification: [
				{ id: 'boxes-q-1', data: { image: '/content/images/dog.svg' }, gold: { boxes: [] } }
			],
			work: [{ id: 'boxes-w-1', data: { image: '/content/images/cat.svg' } }]
		});
		await expect(load(fixture)).rejects.toThrow(
			/"boxes-t-1": gold\.boxes\.0: a box must .* inside the image/
		);
	});
});

describe('chunkWords', () => {
	const ids = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
	const sizes = (n: number) => chunkWords(ids(n)).map((chunk) => chunk.length);

	it('splits as evenly as it can, never over seven', () => {
		expect(sizes(7)).toEqual([7]);
		expect(sizes(8)).toEqual([4, 4]);
		expect(sizes(13)).toEqual([7, 6]);
		expect(sizes(15)).toEqual([5, 5, 5]);
		expect(sizes(45)).toEqual([7, 7, 7, 6, 6, 6, 6]);
	});

	it('gives 5–7 words for every deck of ten words or more, keeping order', () => {
		for (let n = 10; n <= 200; n++) {
			for (const size of sizes(n)) expect(size, `${n} words`).toBeGreaterThanOrEqual(5);
			expect(chunkWords(ids(n)).flat()).toEqual(ids(n));
		}
	});
});
