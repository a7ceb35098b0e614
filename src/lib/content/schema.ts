// Schemas of the learning content and demo labeling projects under content/.
// Browser-safe on purpose: the phone validates downloaded packs with the same schemas the
// server uses to load the files.
import { romanize } from 'es-hangul';
import * as v from 'valibot';
import { LOCALES, type Locale } from '$lib/i18n/locales';
import type { DerivedLesson } from './lessons';
import { TASK_KINDS, TASK_TYPES, type TaskKind } from '$lib/labeling/types';

export { TASK_KINDS, type TaskKind };

const text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));

/** Ids travel in URLs, events and exports, so they stay plain ASCII slugs. */
export const Id = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens')
);

/** One text per UI locale; strict so that a misspelt locale key is an error, not a silent gap. */
export const Glosses = v.strictObject(
	Object.fromEntries(LOCALES.map((locale) => [locale, text])) as Record<Locale, typeof text>
);
export type Glosses = v.InferOutput<typeof Glosses>;

/**
 * English and any other locales: for texts that come with imported tasks (an image's alt
 * text), which a coordinator rarely has in every language. The phone falls back to English.
 */
export const SomeGlosses = v.strictObject({
	...(Object.fromEntries(LOCALES.map((locale) => [locale, v.optional(text)])) as Record<
		Locale,
		v.OptionalSchema<typeof text, undefined>
	>),
	en: text
});

export const POS = [
	'noun',
	'verb',
	'adjective',
	'adverb',
	'expression',
	'number',
	'pronoun'
] as const;
export type Pos = (typeof POS)[number];

export const Level = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6));

// Syllables only (no jamo, Latin or punctuation), because answer checking and romanization
// work on whole syllables; single spaces separate words of a phrase.
const Hangul = v.pipe(
	v.string(),
	v.regex(/^[가-힣]+(?: [가-힣]+)*$/, 'must be Hangul syllables separated by single spaces')
);

export const WordSource = v.strictObject({
	id: Id,
	hangul: Hangul,
	pos: v.picklist(POS),
	level: Level,
	gloss: Glosses,
	example: v.strictObject({ ko: text, gloss: Glosses })
});
export type WordSource = v.InferOutput<typeof WordSource>;

/** A word as the app uses it; romanization is generated so it can never drift from hangul. */
export const Word = v.strictObject({ ...WordSource.entries, romanization: v.string() });
export type Word = v.InferOutput<typeof Word>;

export const DeckSource = v.strictObject({
	id: Id,
	title: Glosses,
	level: Level,
	words: v.pipe(v.array(WordSource), v.minLength(1))
});
export type DeckSource = v.InferOutput<typeof DeckSource>;

/** A deck with its words moved out to the shared word list. */
export interface Deck {
	id: string;
	title: Glosses;
	level: number;
	wordIds: string[];
}



/** Labels are vocabulary words, so a label met in a task can join the review deck. */
export const ProjectLabel = v.strictObject({ id: Id, wordId: Id });
export type ProjectLabel = v.InferOutput<typeof ProjectLabel>;

/**
 * One task as an author writes it. `data` and `gold` are checked against the project's task
 * type by the loader (src/lib/labeling/task-types.ts), after the project's options (labels,
 * entity types, multiple) are spread into the data. Image and audio paths point under
 * static/content/.
 */
export const TaskSource = v.strictObject({
	id: Id,
	data: v.record(v.string(), v.unknown()),
	gold: v.optional(v.unknown()),
	/** Why gold is right, in every locale; shown after a training miss. */
	explanation: v.optional(Glosses)
});
export type TaskSource = v.InferOutput<typeof TaskSource>;

const Share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

/**
 * A labeling project: training items scored on the phone with an explanation; a qualification
 * set scored on the server that unlocks work; work items leased in batches, some of them
 * hidden gold that looks exactly like the rest.
 */
export const ProjectSource = v.strictObject({
	id: Id,
	type: v.picklist(TASK_TYPES),
	title: Glosses,
	description: Glosses,
	guidelines: Glosses,
	/** Classification labels, box labels or entity types; none for transcription and translation. */
	labels: v.array(ProjectLabel),
	/** Classification only: more than one label may apply. */
	multiple: v.optional(v.boolean(), false),
	/** How many learners answer each work task. */
	redundancy: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)), 3),
	/** Share of a leased batch that is hidden gold. */
	goldShare: v.optional(v.pipe(Share, v.maxValue(0.5)), 0.2),
	/** Share of the qualification set to answer correctly to unlock work. */
	passAt: v.optional(Share, 0.8),
	training: v.pipe(v.array(TaskSource), v.minLength(1)),
	qualification: v.pipe(v.array(TaskSource), v.minLength(1)),
	work: v.pipe(v.array(TaskSource), v.minLength(1))
});
export type ProjectSource = v.InferOutput<typeof ProjectSource>;

export interface Content {
	words: Word[];
	decks: Deck[];
	lessons: DerivedLesson[];
	projects: ProjectSource[];
}

/**
 * Verbs and adjectives are conjugated in sentences (먹다 -> 먹었어요), so only their stem
 * must appear; everything else must appear as written.
 */
export function exampleForm(word: Pick<WordSource, 'hangul' | 'pos'>): string {
	const conjugated = word.pos === 'verb' || word.pos === 'adjective';
	return conjugated && word.hangul.endsWith('다') ? word.hangul.slice(0, -1) : word.hangul;
}

/** Revised Romanization, as on Korean road signs, which learners will also meet. */
export function romanizeWord(hangul: string): string {
	return romanize(hangul);
}
