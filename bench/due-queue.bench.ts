/**
 * The due queue of a heavy learner's half-year: 100,000 review events over 5,000 words, spread
 * over 180 days. Budget: 50 ms to the queue. Prints figures; never passes or fails on time.
 *
 * The phone keeps one card per word in IndexedDB, refolded from that word's log (ts-fsrs) each
 * time one of its events lands, so opening Review costs `dueQueue` over the stored cards. A full
 * fold of the whole log (`buildCards`) happens once, when another device's log is restored; it
 * is measured too, as is the per-answer refold of one word.
 *
 * Run with `npx tsx bench/due-queue.bench.ts` (relative imports: `$lib` does not resolve
 * under tsx).
 */
import type { EventOf } from '../src/lib/api/events';
import { random } from '../src/lib/lessons/random';
import { cardFromReviews } from '../src/lib/srs/cards';
import { buildCards, dueQueue } from '../src/lib/srs/queue';

const REVIEWS = 100_000;
const WORDS = 5_000;
const SPAN_DAYS = 180;
const BUDGET_MS = 50;
const RUNS = 25;
const WARMUP = 5;

const DAY = 86_400_000;
const MINUTE = 60_000;
const now = Date.parse('2025-06-30T12:00:00.000Z');
const start = now - SPAN_DAYS * DAY;

type Review = EventOf<'review'>;

/**
 * A word is first met in a lesson (several answers within minutes), then reviewed at growing
 * gaps until today; ratings are mostly Good (3), some Again (1) and Hard (2), a few Easy (4).
 */
function generateLog(seed: number): Review[] {
	const next = random(seed);
	const counts = Array.from({ length: WORDS }, () => 4 + Math.floor(next() * 33)); // 4 … 36
	let total = counts.reduce((a, b) => a + b, 0);
	// Nudge the counts until they add up to exactly REVIEWS.
	for (let i = 0; total !== REVIEWS; i = (i + 1) % WORDS) {
		const step = total < REVIEWS ? 1 : -1;
		if (step < 0 && (counts[i] as number) <= 2) continue;
		counts[i] = (counts[i] as number) + step;
		total += step;
	}
	const log: Review[] = [];
	for (let w = 0; w < WORDS; w++) {
		const count = counts[w] as number;
		const firstSeen = start + Math.floor(next() * (SPAN_DAYS - 30) * DAY);
		const room = now - firstSeen;
		// Gaps grow geometrically and just fill the time from the first lesson to today.
		const growth = 1.25;
		const unit = room / ((Math.pow(growth, count) - 1) / (growth - 1));
		let at = firstSeen;
		for (let i = 0; i < count; i++) {
			const roll = next();
			const rating = roll < 0.1 ? 1 : roll < 0.2 ? 2 : roll < 0.97 ? 3 : 4;
			log.push({
				id: crypto.randomUUID(),
				type: 'review',
				createdAt: new Date(at).toISOString(),
				payload: {
					wordId: `word-${w}`,
					correct: rating > 1,
					rating,
					exercise: 'meaning_choice',
					durationMs: 1_000 + Math.floor(next() * 9_000)
				}
			});
			at += i < 2 ? Math.floor((2 + next() * 10) * MINUTE) : Math.floor(unit * growth ** i);
		}
	}
	return log;
}

function stats(times: number[]): { median: number; p95: number } {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return { median: at(0.5) as number, p95: at(0.95) as number };
}

function time(label: string, work: () => unknown, runs = RUNS, budget?: number): void {
	for (let i = 0; i < WARMUP; i++) work();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		work();
		times.push(performance.now() - t0);
	}
	const { median, p95 } = stats(times);
	const tail = budget === undefined ? '' : ` (budget ${budget} ms)`;
	console.log(`${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${tail}`);
}

/**
 * Objects sit in memory in the order they were read, so each log is JSON round-tripped after
 * ordering, as if read from storage: iterating objects made word by word in time order would
 * measure cache misses the app never has.
 */
const asRead = (events: Review[]) => JSON.parse(JSON.stringify(events)) as Review[];
const generated = generateLog(2025);
// Time order: how GET /api/sync hands the log out (by server sequence).
const log = asRead([...generated].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)));
// Event-id order: how IndexedDB's getAll hands out the `log` store (keyPath id, random UUIDs).
const byId = asRead([...generated].sort((a, b) => (a.id < b.id ? -1 : 1)));
const nowDate = new Date(now);

// What the phone holds: the cards as IndexedDB hands them back (structured clones).
const stored = [...buildCards(log).values()].map((card) => structuredClone(card));
let dueCount = 0;
time(
	`due queue from the ${WORDS} stored cards of ${REVIEWS} reviews (opening Review)`,
	() => (dueCount = dueQueue(stored, nowDate).length),
	RUNS,
	BUDGET_MS
);
console.log(`  ${dueCount} cards due`);
const oneWord = log.filter((e) => e.payload.wordId === 'word-0');
time(
	`one answer: refold one word's ${oneWord.length} reviews`,
	() => cardFromReviews('word-0', oneWord),
	200
);
time(
	`full fold of all ${REVIEWS} reviews + due queue (restore on a new device, once)`,
	() => dueQueue(buildCards(log).values(), nowDate),
	10
);
time(
	`  the same, log in event-id order (IndexedDB getAll order)`,
	() => dueQueue(buildCards(byId).values(), nowDate),
	10
);
