/**
 * Daily goal and streak. Days are local calendar days written 'YYYY-MM-DD': a review at 00:30
 * in Seoul belongs to that Seoul day, whatever the UTC date.
 *
 * The streak forgives: many learners work night shifts or six-day weeks, and a streak that dies
 * on the first missed day teaches them to give up, not to come back.
 */

/** Answers (review events) a day needs for its goal to be met, unless the learner sets another. */
export const DEFAULT_DAILY_GOAL = 10;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day; throws on anything else. */
export function dayNumber(day: string): number {
	const match = DAY_PATTERN.exec(day);
	const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
	if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
		throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
	}
	return ms / DAY_MS;
}

/** The 'YYYY-MM-DD' of a day number. */
export function dayString(dayNo: number): string {
	return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
	return dayString(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

/** The Monday that starts a day's ISO week, as a day number (1970-01-01 was a Thursday). */
function isoWeek(dayNo: number): number {
	return dayNo - ((((dayNo + 3) % 7) + 7) % 7);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local calendar day of `date`: in `timeZone` (an IANA name such as 'Asia/Seoul') when
 * given — the server must pass the learner's — else in the runtime's own time zone.
 */
export function localDay(date: Date, timeZone?: string): string {
	if (timeZone === undefined) {
		const y = date.getFullYear();
		const m = date.getMonth() + 1;
		const d = date.getDate();
		return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
	}
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		formatters.set(timeZone, format);
	}
	const parts: Record<string, string> = {};
	for (const part of format.formatToParts(date)) parts[part.type] = part.value;
	return `${(parts.year ?? '').padStart(4, '0')}-${parts.month}-${parts.day}`;
}

/** How many events fall on each local day. */
export function dailyCounts(
	times: Iterable<string | Date>,
	timeZone?: string
): Map<string, number> {
	const counts = new Map<string, number>();
	for (const time of times) {
		const day = localDay(typeof time === 'string' ? new Date(time) : time, timeZone);
		counts.set(day, (counts.get(day) ?? 0) + 1);
	}
	return counts;
}

/** The days whose count reached `goal`, oldest first: the `activeDays` of `streak`. */
export function goalDays(counts: ReadonlyMap<string, number>, goal = DEFAULT_DAILY_GOAL): string[] {
	return [...counts]
		.filter(([, count]) => count >= goal)
		.map(([day]) => day)
		.sort();
}

export interface Streak {
	/** Goal days in the streak that reaches today. */
	current: number;
	/** The most goal days any streak has had, this one included. */
	longest: number;
	/** This ISO week's missed day is used up: one more missed day this week ends the streak. */
	forgivenThisWeek: boolean;
	todayDone: boolean;
}

/**
 * The learner's streak, by these rules:
 *
 * - A day is a *goal day* when it is in `activeDays` (the daily goal was met that day), and a
 *   *missed day* otherwise — except `today`, which is never missed: the day is not over.
 * - A streak is a run of consecutive calendar days that starts on a goal day and holds at most
 *   one missed day in each ISO week (Monday–Sunday). That missed day is *forgiven*: it does
 *   not break the run, and it does not add to it either. A second missed day in the same week
 *   ends the run. (So one day off on Sunday and one on Monday are both forgiven: they are in
 *   different weeks.)
 * - `current` counts the goal days of the longest such run that ends today (today counts once
 *   it is done). It is 0 when no run reaches today.
 * - `longest` is the most goal days of any such run, ending on any day up to today.
 * - `forgivenThisWeek` is true when the current run holds a missed day of today's ISO week.
 *
 * Days after `today` (a clock or time zone change) are ignored; repeats do not matter.
 */
export function streak(activeDays: Iterable<string>, today: string): Streak {
	const end = dayNumber(today);
	const goal = new Set<number>();
	let first = end;
	for (const day of activeDays) {
		const n = dayNumber(day);
		if (n > end) continue;
		goal.add(n);
		first = Math.min(first, n);
	}
	const todayDone = goal.has(end);

	// Slide a window [start, d] over the days, keeping it as long as the rules allow: at most
	// one missed day per ISO week inside it. Its goal-day count is the streak ending on d.
	const missesInWeek = new Map<number, number>();
	let start = first;
	let goalDaysInWindow = 0;
	let longest = 0;
	let current = 0;
	let forgivenThisWeek = false;
	for (let d = first; d <= end; d++) {
		const missed = !goal.has(d) && d !== end;
		if (missed) {
			const week = isoWeek(d);
			missesInWeek.set(week, (missesInWeek.get(week) ?? 0) + 1);
			while ((missesInWeek.get(week) ?? 0) > 1) {
				if (goal.has(start)) goalDaysInWindow--;
				else if (start !== end) {
					const w = isoWeek(start);
					missesInWeek.set(w, (missesInWeek.get(w) ?? 0) - 1);
				}
				start++;
			}
		} else if (goal.has(d)) {
			goalDaysInWindow++;
		}
		longest = Math.max(longest, goalDaysInWindow);
		if (d === end) {
			current = goalDaysInWindow;
			// The run begins at its first goal day; misses before that are not part of it.
			let runStart = start;
			while (runStart < end && !goal.has(runStart)) runStart++;
			const week = isoWeek(end);
			for (let x = Math.max(runStart, week); x < end; x++) {
				if (!goal.has(x)) forgivenThisWeek = current > 0;
			}
		}
	}
	return { current, longest, forgivenThisWeek, todayDone };
}
