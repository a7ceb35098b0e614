/**
 * Numbers, sizes, dates and relative times for people, through Intl in the learner's language.
 * Each takes one of our locale codes and formats with its BCP 47 tag (uz -> uz-Latn).
 */
import { LOCALE_INFO, type Locale } from '$lib/i18n/locales';

const tag = (locale: Locale) => LOCALE_INFO[locale].tag;

/** Byte sizes ("45 KB"). */
export function formatBytes(bytes: number, locale: Locale): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return new Intl.NumberFormat(tag(locale), {
		style: 'unit',
		unit: units[unit],
		unitDisplay: 'short',
		maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0
	}).format(value);
}

/** A plain count with the language's digits grouping ("1,234"). */
export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(tag(locale)).format(value);
}

export function formatDateTime(date: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(
		date
	);
}

export function formatWeekday(date: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(tag(locale), { weekday: 'short' }).format(date);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 5 minutes", "in 3 hours", "tomorrow", "in 4 days" (or the past, the same way). */
export function formatRelative(date: Date, now: Date, locale: Locale): string {
	const format = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' });
	const ms = date.getTime() - now.getTime();
	const abs = Math.abs(ms);
	if (abs < HOUR) return format.format(Math.round(ms / MINUTE), 'minute');
	if (abs < DAY) return format.format(Math.round(ms / HOUR), 'hour');
	return format.format(Math.round(ms / DAY), 'day');
}
