/**
 * From the review log to what to review now: cards for every reviewed word, the due queue in
 * order, and how many reviews fall due each of the coming days.
 */
import {
	BasicLearningStepsStrategy,
	fsrs,
	State,
	type Card,
	type FSRSParameters,
	type Grade
} from 'ts-fsrs';
import type { EventOf } from '../api/events';
import { cardFromReviews, type StoredCard } from './cards';
import { daysBetween, localDay } from './streak';

export type ReviewLike = Pick<EventOf<'review'>, 'id' | 'createdAt' | 'payload'>;

// The same scheduler settings as cards.ts (ts-fsrs defaults): buildCards must give exactly the
// cards cardFromReviews gives, and a unit test holds the two together.
const scheduler = fsrs();
const params: FSRSParameters = scheduler.parameters;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Retrievability: the probability, by the FSRS forgetting curve, that the learner still recalls
 * the word at `now` (0 … 1). A card never reviewed has 0.
 */
export function retrievability(card: Card, now: Date): number {
	return scheduler.get_retrievability(card, now, false);
}

/** Same order as cards.ts: by time, then by id, so every device folds a log the same way. */
function before(a: ReviewLike, b: ReviewLike): boolean {
	return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

function byTime(a: ReviewLike, b: ReviewLike): number {
	return before(a, b) ? -1 : 1;
}

interface Group {
	wordId: string;
	reviews: ReviewLike[];
	ordered: boolean;
}

/**
 * Every reviewed word's card, from the whole review log (any order; event ids are unique, as
 * the outbox and the server guarantee). One pass groups the log by word; a word's reviews are
 * sorted only when they did not come in time order.
 *
 * Gives exactly `cardFromReviews(wordId, reviewsOfThatWord)` for every word, but folds with
 * plain numbers instead of calling `scheduler.next` per review: ts-fsrs' `next` copies the
 * card, previews all four ratings and builds a review log each time (~7 µs a review, 0.7 s for
 * a 100,000-review log on a cheap phone). The FSRS formulas themselves are still ts-fsrs'
 * (`next_state`, `next_interval`, `forgetting_curve`, `BasicLearningStepsStrategy`); only the
 * scheduler's bookkeeping (ts-fsrs' BasicScheduler: learning steps, state, due) is repeated
 * here. A unit test compares both on thousands of random logs.
 */
export function buildCards(reviewEvents: Iterable<ReviewLike>): Map<string, StoredCard> {
	const groups = new Map<string, Group>();
	for (const review of reviewEvents) {
		const wordId = review.payload.wordId;
		const group = groups.get(wordId);
		if (!group) {
			groups.set(wordId, { wordId, reviews: [review], ordered: true });
			continue;
		}
		const last = group.reviews[group.reviews.length - 1] as ReviewLike;
		if (group.ordered && before(review, last)) group.ordered = false;
		group.reviews.push(review);
	}
	const fast = !params.enable_fuzz && params.enable_short_term;
	const cards = new Map<string, StoredCard>();
	for (const group of groups.values()) {
		if (!group.ordered) group.reviews.sort(byTime);
		cards.set(
			group.wordId,
			fast ? foldSorted(group.wordId, group.reviews) : cardFromReviews(group.wordId, group.reviews)
		);
	}
	return cards;
}

type StepInfo = { scheduledMinutes: number; nextStep: number };
const stepCache = new Map<number, (StepInfo | undefined)[]>();

/** ts-fsrs' learning-step rule for (state, step), cached: it depends on nothing else. */
function learningStep(state: State, step: number, grade: Grade): StepInfo | undefined {
	const key = state * 1024 + step;
	let row = stepCache.get(key);
	if (!row) {
		const table = BasicLearningStepsStrategy(params, state, step);
		row = [1, 2, 3, 4].map((g) => {
			const info = table[g as Grade];
			return info && { scheduledMinutes: info.scheduled_minutes, nextStep: info.next_step };
		});
		stepCache.set(key, row);
	}
	return row[grade - 1];
}

function digits(text: string, from: number, count: number): number {
	let value = 0;
	for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
	return value;
}

/**
 * Date.parse, without its cost for the form toISOString writes (YYYY-MM-DDTHH:mm:ss.sssZ).
 * (No nested closures here or in the fold: tsx/esbuild's keepNames makes each one costly.)
 */
function parseTime(iso: string): number {
	if (
		iso.length === 24 &&
		iso.charCodeAt(23) === 90 /* Z */ &&
		iso.charCodeAt(10) === 84 /* T */ &&
		iso.charCodeAt(19) === 46 /* . */
	) {
		const ms = Date.UTC(
			digits(iso, 0, 4),
			digits(iso, 5, 2) - 1,
			digits(iso, 8, 2),
			digits(iso, 11, 2),
			digits(iso, 14, 2),
			digits(iso, 17, 2),
			digits(iso, 20, 3)
		);
		if (!Number.isNaN(ms)) return ms;
	}
	return Date.parse(iso);
}

/** A card as plain numbers, changed in place while a word's reviews are folded. */
interface Fold {
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	reps: number;
	lapses: number;
	learningSteps: number;
	state: State;
	lastReview: number;
}

/** ts-fsrs' BasicScheduler.applyLearningSteps: learning steps in minutes, or graduation. */
function applySteps(card: Fold, fromState: State, grade: Grade, toState: State, now: number): void {
	const info = learningStep(fromState, card.learningSteps, grade);
	const minutes = Math.max(0, info?.scheduledMinutes ?? 0);
	const nextStep = Math.max(0, info?.nextStep ?? 0);
	if (minutes > 0 && minutes < 1440) {
		card.learningSteps = nextStep;
		card.scheduledDays = 0;
		card.state = toState;
		card.due = now + Math.round(minutes) * MINUTE_MS;
	} else {
		card.state = State.Review;
		if (minutes >= 1440) {
			card.learningSteps = nextStep;
			card.due = now + Math.round(minutes) * MINUTE_MS;
			card.scheduledDays = Math.floor(minutes / 1440);
		} else {
			card.learningSteps = 0;
			const days = scheduler.next_interval(card.stability, card.elapsedDays);
			card.scheduledDays = days;
			card.due = now + days * DAY_MS;
		}
	}
}

const memory = { difficulty: 0, stability: 0 };

/** ts-fsrs' BasicScheduler.review for one rating. */
function reviewCard(card: Fold, now: number, grade: Grade): void {
	if (!(grade >= 1 && grade <= 4)) throw new RangeError(`invalid rating ${grade}`);
	const from = card.state;
	// Calendar days between reviews, in UTC, as ts-fsrs' dateDiffInDays.
	const interval =
		from !== State.New && !Number.isNaN(card.lastReview)
			? Math.floor(now / DAY_MS) - Math.floor(card.lastReview / DAY_MS)
			: 0;
	card.elapsedDays = interval;
	card.reps += 1;
	card.lastReview = now;
	memory.difficulty = card.difficulty;
	memory.stability = card.stability;

	if (from !== State.Review) {
		const next = scheduler.next_state(memory, interval, grade);
		card.difficulty = next.difficulty;
		card.stability = next.stability;
		applySteps(card, from, grade, from === State.New ? State.Learning : from, now);
		return;
	}
	const r = scheduler.forgetting_curve(interval, memory.stability);
	if (grade === 1) {
		const next = scheduler.next_state(memory, interval, 1, r);
		card.difficulty = next.difficulty;
		card.stability = next.stability;
		applySteps(card, from, grade, State.Relearning, now);
		card.lapses += 1;
		return;
	}
	const hard = scheduler.next_state(memory, interval, 2, r);
	const good = scheduler.next_state(memory, interval, 3, r);
	let hardDays = scheduler.next_interval(hard.stability, interval);
	let goodDays = scheduler.next_interval(good.stability, interval);
	hardDays = Math.min(hardDays, goodDays);
	goodDays = Math.max(goodDays, hardDays + 1);
	let chosen = grade === 2 ? hard : good;
	let days = grade === 2 ? hardDays : goodDays;
	if (grade === 4) {
		chosen = scheduler.next_state(memory, interval, 4, r);
		days = Math.max(scheduler.next_interval(chosen.stability, interval), goodDays + 1);
	}
	card.difficulty = chosen.difficulty;
	card.stability = chosen.stability;
	card.state = State.Review;
	card.learningSteps = 0;
	card.scheduledDays = days;
	card.due = now + days * DAY_MS;
}

function foldSorted(wordId: string, reviews: readonly ReviewLike[]): StoredCard {
	const card: Fold = {
		due: parseTime((reviews[0] as ReviewLike).createdAt),
		stability: 0,
		difficulty: 0,
		elapsedDays: 0,
		scheduledDays: 0,
		reps: 0,
		lapses: 0,
		learningSteps: 0,
		state: State.New,
		lastReview: NaN
	};
	for (let i = 0; i < reviews.length; i++) {
		const review = reviews[i] as ReviewLike;
		reviewCard(card, parseTime(review.createdAt), review.payload.rating as Grade);
	}
	return {
		due: new Date(card.due),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsedDays,
		scheduled_days: card.scheduledDays,
		reps: card.reps,
		lapses: card.lapses,
		learning_steps: card.learningSteps,
		state: card.state,
		last_review: new Date(card.lastReview),
		wordId
	};
}

/**
 * The cards to review now, most overdue first: every card that has been reviewed (not New) and
 * is due at or before `now`, by due time ascending; cards due at the same moment go by lower
 * retrievability first (the one most likely forgotten), then by word id so the order is total.
 * At most `limit` cards.
 */
export function dueQueue(
	cards: Iterable<StoredCard>,
	now: Date,
	limit = Number.POSITIVE_INFINITY
): StoredCard[] {
	const nowMs = now.getTime();
	const due: { card: StoredCard; at: number; r: number }[] = [];
	for (const card of cards) {
		if (card.state === State.New) continue;
		const at = card.due.getTime();
		if (at <= nowMs) due.push({ card, at, r: NaN });
	}
	due.sort((a, b) => {
		if (a.at !== b.at) return a.at - b.at;
		if (Number.isNaN(a.r)) a.r = retrievability(a.card, now);
		if (Number.isNaN(b.r)) b.r = retrievability(b.card, now);
		if (a.r !== b.r) return a.r - b.r;
		return a.card.wordId < b.card.wordId ? -1 : a.card.wordId > b.card.wordId ? 1 : 0;
	});
	const out: StoredCard[] = [];
	for (let i = 0; i < due.length && i < limit; i++) out.push((due[i] as (typeof due)[0]).card);
	return out;
}

/**
 * How many reviewed cards fall due on each of the next `days` local days: index 0 is today and
 * includes everything already overdue, index 1 tomorrow, and so on. Days are calendar days in
 * `timeZone` (the runtime's own when not given), so "tomorrow" starts at local midnight.
 */
export function forecast(
	cards: Iterable<StoredCard>,
	now: Date,
	days = 7,
	timeZone?: string
): number[] {
	const counts = new Array<number>(days).fill(0);
	if (days <= 0) return counts;
	const nowMs = now.getTime();
	const today = localDay(now, timeZone);
	// No local day is longer than 25 hours: anything later than this is past the window.
	const horizon = nowMs + (days + 1) * DAY_MS;
	for (const card of cards) {
		if (card.state === State.New) continue;
		const at = card.due.getTime();
		if (at > horizon) continue;
		const day = at <= nowMs ? 0 : daysBetween(today, localDay(card.due, timeZone));
		if (day < days) counts[day] = (counts[day] ?? 0) + 1;
	}
	return counts;
}
