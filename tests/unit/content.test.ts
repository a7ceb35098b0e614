import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	DeckSource,
	Glosses,
	ImageClassificationTask,
	ProjectSource,
	WordSource
} from '$lib/content/schema';
import { chunkWords, LESSON_MAX_WORDS, LESSON_MIN_WORDS } from '$lib/content/lessons';
import { LOCALES } from '$lib/i18n/locales';
import { loadContent, type Content } from '$lib/server/content';

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

	it('has a training project whose tasks are all answerable', () => {
		const project = content.projects.find((p) => p.id === 'training-image-classification');
		expect(project?.tasks.length).toBeGreaterThanOrEqual(20);
		const labels = new Set(project?.labels.map((label) => label.id));
		for (const task of project?.tasks ?? []) {
			for (const label of task.gold.labels) expect(labels, task.id).toContain(label);
			expect(existsSync(join('static', task.data.image)), task.data.image).toBe(true);
		}
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

function task(name: string, label: string): ImageClassificationTask {
	return {
		id: `t-${name}`,
		data: { image: `/content/images/${name}.svg`, alt: glosses(name) },
		gold: { labels: [label] },
		explanation: glosses(`${name} is ${label}`)
	};
}

interface Fixture {
	decks: DeckSource[];
	project: ProjectSource;
	images: string[];
}

function validFixture(): Fixture {
	const words = [
		word('saram', '사람', 'noun', '저 사람은 누구예요?'),
		word('dongmul', '동물', 'noun', '동물을 좋아해요.'),
		// Conjugated: only the stem 먹 appears, which the loader must accept.
		word('meokda', '먹다', 'verb', '밥을 먹었어요.')
	];
	const deck: DeckSource = { id: 'test-deck', title: glosses('deck'), level: 1, words };
	const project: ProjectSource = {
		id: 'test-project',
		type: 'image_classification',
		mode: 'training',
		multiple: false,
		title: glosses('title'),
		description: glosses('description'),
		guidelines: glosses('guidelines'),
		labels: [
			{ id: 'person', wordId: 'saram' },
			{ id: 'animal', wordId: 'dongmul' }
		],
		tasks: [task('farmer', 'person'), task('dog', 'animal')]
	};
	return { decks: [deck], project, images: ['farmer.svg', 'dog.svg'] };
}

const tempDirs: string[] = [];
afterAll(async () => {
	await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeJson(file: string, value: unknown): Promise<void> {
	await writeFile(file, JSON.stringify(value, null, '\t'));
}

/** Writes the fixture as a content dir and a static dir, and loads it. */
async function load(fixture: Fixture): Promise<Content> {
	const root = await mkdtemp(join(tmpdir(), 'ilgam-content-'));
	tempDirs.push(root);
	const [content, images] = [join(root, 'content'), join(root, 'static', 'content', 'images')];
	await mkdir(join(content, 'decks'), { recursive: true });
	await mkdir(join(content, 'projects'), { recursive: true });
	await mkdir(images, { recursive: true });
	await Promise.all([
		...fixture.decks.map((deck, i) => writeJson(join(content, 'decks', `deck-${i}.json`), deck)),
		writeJson(join(content, 'projects', 'project.json'), fixture.project),
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

describe('loadContent on bad data', () => {
	it('loads the valid fixture, with romanization added', async () => {
		const content = await load(validFixture());
		expect(content.words.map((w) => w.romanization)).toEqual(['saram', 'dongmul', 'meokda']);
		expect(content.decks[0]?.wordIds).toEqual(['saram', 'dongmul', 'meokda']);
	});

	it('rejects a missing gloss, naming the file and the path', async () => {
		const fixture = validFixture();
		delete (firstWord(fixture).gloss as Partial<Glosses>).vi;
		await expect(load(fixture)).rejects.toThrow(/deck-0\.json: words\.0\.gloss\.vi/);
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

	it('rejects a gold label that is not one of the labels', async () => {
		const fixture = validFixture();
		fixture.project.tasks.push(task('tree', 'plant'));
		fixture.images.push('tree.svg');
		await expect(load(fixture)).rejects.toThrow(
			/task "t-tree": gold label "plant" is not one of the project's labels/
		);
	});

	it('rejects a task whose image file is missing', async () => {
		const fixture = validFixture();
		fixture.images = ['farmer.svg'];
		await expect(load(fixture)).rejects.toThrow(/task "t-dog": image file .*dog\.svg is missing/);
	});

	it('rejects a label whose word does not exist', async () => {
		const fixture = validFixture();
		fixture.project.labels.push({ id: 'car', wordId: 'jadongcha' });
		await expect(load(fixture)).rejects.toThrow(/label "car" has unknown wordId "jadongcha"/);
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
