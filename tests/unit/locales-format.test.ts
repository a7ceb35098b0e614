/**
 * Choosing the learner's language from the device, and formatting numbers, sizes, dates and
 * relative times with Intl in each of the 16 languages.
 */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatRelative, formatWeekday } from '$lib/format';
import { LOCALE_INFO, LOCALES, matchLocale } from '$lib/i18n/locales';

describe('matchLocale', () => {
	it('takes the first device language that is one of ours', () => {
		expect(matchLocale(['fr-FR', 'vi-VN', 'en-US'])).toBe('vi');
		expect(matchLocale(['ne-NP'])).toBe('ne');
		expect(matchLocale(['ur-PK', 'en'])).toBe('ur');
		expect(matchLocale(['zh-Hans-CN'])).toBe('zh');
		expect(matchLocale(['uz-Latn-UZ'])).toBe('uz');
		expect(matchLocale(['fil-PH'])).toBe('fil');
	});

	it('knows the older codes phones still send for Filipino (Tagalog) and Indonesian', () => {
		expect(matchLocale(['tl-PH'])).toBe('fil');
		expect(matchLocale(['in-ID'])).toBe('id');
	});

	it('gives null when none is ours, so the picker asks', () => {
		expect(matchLocale(['fr-FR', 'de'])).toBeNull();
		expect(matchLocale([])).toBeNull();
	});
});

describe('the 16 languages', () => {
	it('are named in their own script, with Urdu alone right to left', () => {
		expect(LOCALES).toHaveLength(16);
		expect(new Set(LOCALES.map((code) => LOCALE_INFO[code].name)).size).toBe(16);
		expect(LOCALES.filter((code) => LOCALE_INFO[code].dir === 'rtl')).toEqual(['ur']);
	});

	it('each have a tag Intl knows', () => {
		for (const code of LOCALES) {
			const tag = LOCALE_INFO[code].tag;
			expect(Intl.NumberFormat.supportedLocalesOf([tag]), code).toEqual([tag]);
		}
	});
});

describe('formatting', () => {
	const now = new Date('2026-11-24T09:00:00Z');

	it('says relative times the way each language does', () => {
		const inHours = new Date(now.getTime() + 3 * 3600_000);
		const tomorrow = new Date(now.getTime() + 24 * 3600_000);
		expect(formatRelative(inHours, now, 'en')).toBe('in 3 hours');
		expect(formatRelative(tomorrow, now, 'en')).toBe('tomorrow');
		expect(formatRelative(tomorrow, now, 'ko')).toBe('내일');
		expect(formatRelative(new Date(now.getTime() + 10 * 60_000), now, 'en')).toBe('in 10 minutes');
		expect(formatRelative(new Date(now.getTime() + 4 * 24 * 3600_000), now, 'ru')).toBe(
			'через 4 дня'
		);
	});

	it('writes numbers and sizes with the language’s digits and separators', () => {
		expect(formatNumber(1234, 'en')).toBe('1,234');
		expect(formatNumber(1234, 'bn')).toBe('১,২৩৪');
		expect(formatBytes(45_000, 'en')).toBe('45 kB');
		expect(formatBytes(2_500_000, 'ko')).toBe('2.5MB');
	});

	it('names weekdays in the learner’s language', () => {
		expect(formatWeekday(now, 'en')).toBe('Tue');
		expect(formatWeekday(now, 'vi')).toBe('Thứ 3');
	});
});
