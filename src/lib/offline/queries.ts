/** Read-only views of the phone's data for the pages. */
import type { PackLesson, PackWord } from '$lib/api/packs';
import type { LessonWord } from '$lib/lessons/composer';
import type { StoredCard } from '$lib/srs/cards';
import { goalDays, localDay, streak, type Streak } from '$lib/srs/streak';
import type { Locale } from '$lib/i18n/locales';
import { fitsLanguage } from '$lib/labeling/types';
import type { LessonResult, LocalDb, StoredProject } from './db';
import { storedProjects } from './work';
import * as meta from './meta';

export function endOfToday(now = new Date()): Date {
	const end = new Date(now);
	end.setHours(23, 59, 59, 999);
	return end;
}

export async function dueCount(db: LocalDb, until = endOfToday()): Promise<number> {
	return db.countFromIndex('cards', 'by-due', IDBKeyRange.upperBound(until));
}

export interface LessonView extends PackLesson {
	result: LessonResult | null;
	/** A run was started and not finished (its draft is saved). */
	inProgress: boolean;
}

export async function lessonList(db: LocalDb): Promise<LessonView[]> {
	const [lessons, results, drafts] = await Promise.all([
		db.getAll('lessons'),
		db.getAll('lessonResults'),
		db.getAllKeys('drafts')
	]);
	const byId = new Map(results.map((r) => [r.lessonId, r]));
	const started = new Set(drafts);
	return lessons
		.sort((a, b) => a.position - b.position)
		.map((lesson) => ({
			...lesson,
			result: byId.get(lesson.id) ?? null,
			inProgress: started.has(`lesson:${lesson.id}`)
		}));
}

export interface ProjectProgress {
	project: StoredProject;
	/** Stored tasks for this learner: training, qualification and leased work. */
	total: number;
	answered: number;
	skipped: number;
	/** Right among scored (training) answers, or null before any. */
	accuracy: number | null;
}

/** Each downloaded project with the learner's counts, for Home and Progress. */
export async function projectProgress(db: LocalDb, locale: Locale): Promise<ProjectProgress[]> {
	const views = await storedProjects(db);
	return views.map(({ project, tasks, answers }) => {
		const mine = [...answers.values()];
		const scored = mine.filter((a) => a.correct !== null);
		return {
			project,
			total: tasks.filter((t) => fitsLanguage(project.type, t.data, locale)).length,
			answered: mine.filter((a) => !a.skipped).length,
			skipped: mine.filter((a) => a.skipped).length,
			accuracy: scored.length ? scored.filter((a) => a.correct).length / scored.length : null
		};
	});
}

/** The phone's cards (one per word ever reviewed). */
export function allCards(db: LocalDb): Promise<StoredCard[]> {
	return db.getAll('cards');
}

/** Words first reviewed today (local day): what the new-words-per-day limit counts. */
export function newWordsToday(cards: readonly StoredCard[], now = new Date()): number {
	const today = localDay(now);
	return cards.filter((card) => localDay(new Date(card.introducedAt)) === today).length;
}

/** Review answers per local day, for the daily goal and the streak. */
export async function answersByDay(db: LocalDb): Promise<Map<string, number>> {
	return new Map(Object.entries(await meta.get(db, 'answersByDay')));
}

/**
 * `ids` as words a run can ask, each with the other words of its deck (wrong options when a
 * run has too few words of its own). Ids without a stored word are left out.
 */
export async function lessonWords(
	db: LocalDb,
	ids: readonly string[]
): Promise<{ words: Map<string, PackWord>; runWords: LessonWord[] }> {
	const all = await db.getAll('words');
	const byDeck = new Map<string, string[]>();
	for (const word of all) {
		const deck = byDeck.get(word.deckId);
		if (deck) deck.push(word.id);
		else byDeck.set(word.deckId, [word.id]);
	}
	const byId = new Map(all.map((w) => [w.id, w]));
	const runWords = ids
		.map((id) => byId.get(id))
		.filter((w): w is PackWord => w !== undefined)
		.map((w) => ({ id: w.id, hangul: w.hangul, deckWordIds: byDeck.get(w.deckId) ?? [] }));
	return { words: byId, runWords };
}

export interface Today {
	/** Cards due by the end of today. */
	due: number;
	newWords: number;
	answers: number;
	streak: Streak;
}

/** The numbers the pages show for today, from the phone's cards (`allCards`) and day counts. */
export async function today(
	db: LocalDb,
	cards: readonly StoredCard[],
	goal: number,
	now = new Date()
): Promise<Today> {
	const [counts, due] = await Promise.all([answersByDay(db), dueCount(db, endOfToday(now))]);
	const day = localDay(now);
	return {
		due,
		newWords: newWordsToday(cards, now),
		answers: counts.get(day) ?? 0,
		streak: streak(goalDays(counts, goal), day)
	};
}
