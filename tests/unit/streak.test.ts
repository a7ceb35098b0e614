import { describe, expect, it } from 'vitest';
import {
	addDays,
	dailyCounts,
	daysBetween,
	dayNumber,
	goalDays,
	localDay,
	streak
} from '$lib/srs/streak';

/** Every day from `from` to `to`, both included. */
function range(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}

const without = (days: string[], ...gone: string[]) => days.filter((d) => !gone.includes(d));

// March 2025: Sat 1, Mon 3, Mon 10, Mon 17, Mon 24, Mon 31; April 1 is a Tuesday.
// 2024-12-30 is the Monday of ISO week 2025-W01.

describe('streak', () => {
	it('no goal days: nothing', () => {
		expect(streak([], '2025-03-05')).toEqual({
			current: 0,
			longest: 0,
			forgivenThisWeek: false,
			todayDone: false
		});
	});

	it('only today done: 1', () => {
		expect(streak(['2025-03-05'], '2025-03-05')).toEqual({
			current: 1,
			longest: 1,
			forgivenThisWeek: false,
			todayDone: true
		});
	});

	it('counts consecutive goal days up to today', () => {
		const days = range('2025-03-03', '2025-03-07'); // Mon–Fri
		expect(streak(days, '2025-03-07')).toEqual({
			current: 5,
			longest: 5,
			forgivenThisWeek: false,
			todayDone: true
		});
	});

	it('today not done yet does not break it', () => {
		const days = range('2025-03-03', '2025-03-07');
		expect(streak(days, '2025-03-08')).toEqual({
			current: 5,
			longest: 5,
			forgivenThisWeek: false,
			todayDone: false
		});
	});

	it('one missed day in the week is forgiven and not counted', () => {
		const days = without(range('2025-03-03', '2025-03-07'), '2025-03-05'); // Wed missed
		expect(streak(days, '2025-03-07')).toEqual({
			current: 4,
			longest: 4,
			forgivenThisWeek: true,
			todayDone: true
		});
	});

	it('a second missed day in the same week ends the streak', () => {
		// Mon, Tue done; Wed, Thu missed; Fri (today) done.
		const days = ['2025-03-03', '2025-03-04', '2025-03-07'];
		expect(streak(days, '2025-03-07')).toEqual({
			current: 1,
			longest: 2,
			// The new run starts Friday: its own allowance for this week is still there.
			forgivenThisWeek: false,
			todayDone: true
		});
		// ...and indeed missing Saturday then does not end the new run.
		expect(streak(days, '2025-03-09').current).toBe(1);
		expect(streak([...days, '2025-03-09'], '2025-03-09').current).toBe(2);
	});

	it('yesterday a second missed day of the week, today pending', () => {
		// Mon, Tue, Thu done; Wed and Fri missed; today Saturday, not done yet.
		const days = ['2025-03-03', '2025-03-04', '2025-03-06'];
		expect(streak(days, '2025-03-08')).toEqual({
			current: 1,
			longest: 3,
			forgivenThisWeek: true,
			todayDone: false
		});
	});

	it('missed Sunday and Monday are in two weeks: both forgiven', () => {
		// Mon 3 – Sat 8 done, Sun 9 and Mon 10 missed, Tue 11 done.
		const days = [...range('2025-03-03', '2025-03-08'), '2025-03-11'];
		expect(streak(days, '2025-03-11')).toEqual({
			current: 7,
			longest: 7,
			forgivenThisWeek: true,
			todayDone: true
		});
	});

	it('a missed day last week is not this week’s', () => {
		const days = range('2025-03-03', '2025-03-08'); // Sun 9 missed
		expect(streak(days, '2025-03-10')).toEqual({
			current: 6,
			longest: 6,
			forgivenThisWeek: false,
			todayDone: false
		});
	});

	it('one missed day every week, three weeks long', () => {
		const days = without(
			range('2025-03-03', '2025-03-23'),
			'2025-03-05',
			'2025-03-12',
			'2025-03-19'
		);
		expect(days).toHaveLength(18);
		expect(streak(days, '2025-03-23')).toMatchObject({ current: 18, forgivenThisWeek: true });
		// Monday of the next week, not done yet: last week's miss is no longer "this week".
		expect(streak(days, '2025-03-24')).toMatchObject({ current: 18, forgivenThisWeek: false });
	});

	it('across a month boundary inside one ISO week (Mon 31 Mar – Sun 6 Apr)', () => {
		// Sat 29 Mar missed (week of 24 Mar), Mon 31 Mar missed (week of 31 Mar): both forgiven.
		const days = ['2025-03-27', '2025-03-28', '2025-03-30', '2025-04-01', '2025-04-02'];
		expect(streak(days, '2025-04-02')).toEqual({
			current: 5,
			longest: 5,
			forgivenThisWeek: true,
			todayDone: true
		});
		// Mon 31 Mar and Tue 1 Apr are in the same week: the second ends it.
		const broken = ['2025-03-27', '2025-03-28', '2025-03-30', '2025-04-02'];
		expect(streak(broken, '2025-04-02')).toEqual({
			current: 1,
			longest: 3,
			forgivenThisWeek: false,
			todayDone: true
		});
	});

	it('across the year boundary (ISO week 2025-W01 starts Mon 30 Dec 2024)', () => {
		// Sun 29 Dec missed (week of 23 Dec), Mon 30 Dec missed, Thu 2 Jan missed (week of 30 Dec).
		const days = ['2024-12-27', '2024-12-28', '2024-12-31', '2025-01-01', '2025-01-03'];
		expect(streak(days, '2025-01-03')).toEqual({
			current: 3,
			longest: 4,
			forgivenThisWeek: true,
			todayDone: true
		});
	});

	it('keeps the longest of an older run', () => {
		const days = [...range('2025-02-01', '2025-02-20'), '2025-03-03', '2025-03-04'];
		expect(streak(days, '2025-03-04')).toMatchObject({ current: 2, longest: 20 });
		// Wed 5 and Thu 6 missed, Fri 7 (today) not done yet: no run reaches today.
		expect(streak(days, '2025-03-07')).toMatchObject({ current: 0, longest: 20 });
	});

	it('ignores order, repeats and days after today', () => {
		const days = ['2025-03-07', '2025-03-03', '2025-03-05', '2025-03-03', '2025-03-12'];
		// Tue 4 and Thu 6 missed: Thu is the second miss of the week, so the run starts Wed 5
		// and holds Thu 6 as its forgiven day.
		expect(streak(days, '2025-03-07')).toEqual({
			current: 2,
			longest: 2,
			forgivenThisWeek: true,
			todayDone: true
		});
	});

	it('refuses days that are not YYYY-MM-DD', () => {
		expect(() => streak(['2025-3-1'], '2025-03-05')).toThrow(RangeError);
		expect(() => streak([], '2025-02-30')).toThrow(RangeError);
	});
});

/** The rules of `streak`, checked the slow way: every window [start, end] is tried. */
function bruteStreak(active: string[], today: string) {
	const goal = new Set(active.filter((d) => d <= today));
	const monday = (day: string) => {
		const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
		return addDays(day, -weekday);
	};
	const firstDay = [...goal].sort()[0] ?? today;
	const days = range(addDays(firstDay, -14), today);
	const valid = (from: number, to: number) => {
		const misses = new Map<string, number>();
		for (let i = from; i <= to; i++) {
			const day = days[i]!;
			if (goal.has(day) || day === today) continue;
			const week = monday(day);
			misses.set(week, (misses.get(week) ?? 0) + 1);
			if (misses.get(week)! > 1) return false;
		}
		return true;
	};
	const goalCount = (from: number, to: number) =>
		days.slice(from, to + 1).filter((d) => goal.has(d)).length;
	let longest = 0;
	for (let end = 0; end < days.length; end++) {
		for (let start = 0; start <= end; start++) {
			if (valid(start, end)) longest = Math.max(longest, goalCount(start, end));
		}
	}
	const last = days.length - 1;
	let start = last;
	while (start > 0 && valid(start - 1, last)) start--;
	while (start < last && !goal.has(days[start]!)) start++;
	const current = goalCount(start, last);
	const forgivenThisWeek =
		current > 0 && days.slice(start, last).some((d) => !goal.has(d) && monday(d) === monday(today));
	return { current, longest, forgivenThisWeek, todayDone: goal.has(today) };
}

describe('streak against the rules checked the slow way', () => {
	it('agrees on random calendars', () => {
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		for (let trial = 0; trial < 300; trial++) {
			const today = addDays('2025-03-01', Math.floor(next() * 60));
			const span = 1 + Math.floor(next() * 40);
			const p = 0.4 + next() * 0.6;
			const active = range(addDays(today, -span), today).filter(() => next() < p);
			expect(streak(active, today), `${today} ${active.join(',')}`).toEqual(
				bruteStreak(active, today)
			);
		}
	});
});

describe('days', () => {
	it('adds and counts days across months and years', () => {
		expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
		expect(daysBetween('2024-12-30', '2025-03-01')).toBe(61);
		expect(dayNumber('1970-01-02')).toBe(1);
	});

	it('localDay is the calendar day where the learner is', () => {
		const late = new Date('2025-03-01T15:30:00Z');
		expect(localDay(late, 'Asia/Seoul')).toBe('2025-03-02');
		expect(localDay(late, 'UTC')).toBe('2025-03-01');
		expect(localDay(new Date('2025-03-01T03:00:00Z'), 'America/New_York')).toBe('2025-02-28');
		expect(localDay(new Date('2024-12-31T15:00:00Z'), 'Asia/Seoul')).toBe('2025-01-01');
		// Without a time zone: the runtime's own.
		expect(localDay(new Date(2025, 2, 1, 23, 59))).toBe('2025-03-01');
		expect(localDay(new Date(2025, 0, 9, 0, 1))).toBe('2025-01-09');
	});

	it('goal days are the local days with enough answers', () => {
		const times = [
			// 2025-03-02 in Seoul: 3 answers, one of them at 00:10 local (15:10 UTC the day before).
			'2025-03-01T15:10:00Z',
			'2025-03-02T01:00:00Z',
			'2025-03-02T14:59:00Z',
			// 2025-03-03 in Seoul: 2 answers.
			'2025-03-02T15:00:00Z',
			'2025-03-03T10:00:00Z'
		];
		const counts = dailyCounts(times, 'Asia/Seoul');
		expect(Object.fromEntries(counts)).toEqual({ '2025-03-02': 3, '2025-03-03': 2 });
		expect(goalDays(counts, 3)).toEqual(['2025-03-02']);
		expect(goalDays(counts, 2)).toEqual(['2025-03-02', '2025-03-03']);
		expect(Object.fromEntries(dailyCounts(times, 'UTC'))).toEqual({
			'2025-03-01': 1,
			'2025-03-02': 3,
			'2025-03-03': 1
		});
	});
});
