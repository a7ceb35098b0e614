/**
 * The UI languages Ilgam ships: the languages of the people who come to Korea to work, in
 * the order the first-run picker shows them. `en` is the source of message keys and content.
 */
export const LOCALES = [
	'ko',
	'en',
	'zh',
	'vi',
	'th',
	'uz',
	'fil',
	'km',
	'ne',
	'id',
	'mn',
	'ru',
	'my',
	'si',
	'bn',
	'ur'
] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export interface LocaleInfo {
	/** The language's name in its own script, for the first-run picker. */
	name: string;
	/** BCP 47 tag for `<html lang>`, `Intl` and speech synthesis. */
	tag: string;
	dir: 'ltr' | 'rtl';
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
	ko: { name: '한국어', tag: 'ko', dir: 'ltr' },
	en: { name: 'English', tag: 'en', dir: 'ltr' },
	zh: { name: '简体中文', tag: 'zh-Hans', dir: 'ltr' },
	vi: { name: 'Tiếng Việt', tag: 'vi', dir: 'ltr' },
	th: { name: 'ไทย', tag: 'th', dir: 'ltr' },
	uz: { name: 'Oʻzbekcha', tag: 'uz-Latn', dir: 'ltr' },
	fil: { name: 'Filipino', tag: 'fil', dir: 'ltr' },
	km: { name: 'ខ្មែរ', tag: 'km', dir: 'ltr' },
	ne: { name: 'नेपाली', tag: 'ne', dir: 'ltr' },
	id: { name: 'Bahasa Indonesia', tag: 'id', dir: 'ltr' },
	mn: { name: 'Монгол', tag: 'mn-Cyrl', dir: 'ltr' },
	ru: { name: 'Русский', tag: 'ru', dir: 'ltr' },
	my: { name: 'မြန်မာ', tag: 'my', dir: 'ltr' },
	si: { name: 'සිංහල', tag: 'si', dir: 'ltr' },
	bn: { name: 'বাংলা', tag: 'bn', dir: 'ltr' },
	ur: { name: 'اردو', tag: 'ur', dir: 'rtl' }
};

/** Device language codes that name one of ours differently. */
const ALIASES: Record<string, Locale> = { tl: 'fil', in: 'id' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks our locale from the device's preferred languages ('vi-VN' -> 'vi'), or null. */
export function matchLocale(preferred: readonly string[]): Locale | null {
	for (const tag of preferred) {
		const base = tag.toLowerCase().split('-')[0] ?? '';
		const code = ALIASES[base] ?? base;
		if (isLocale(code)) return code;
	}
	return null;
}

/**
 * Keeps, of every text held in several languages, English and `locale`: a phone needs no more,
 * and the other fourteen would make its downloads and stored records eight times the size.
 * Without a locale, every language.
 */
export function inLanguage<T>(value: T, locale: Locale | undefined): T {
	if (!locale) return value;
	const walk = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(walk);
		if (node === null || typeof node !== 'object' || node instanceof Date) return node;
		const entries = Object.entries(node);
		if (isTexts(entries)) {
			return Object.fromEntries(
				entries.filter(([key]) => key === DEFAULT_LOCALE || key === locale)
			);
		}
		return Object.fromEntries(entries.map(([key, value]) => [key, walk(value)]));
	};
	return walk(value) as T;
}

/** An object of texts by language ({ en, ko, … }), as content glosses are. */
function isTexts(entries: [string, unknown][]): boolean {
	return (
		entries.some(([key]) => key === DEFAULT_LOCALE) &&
		entries.every(([key, value]) => isLocale(key) && typeof value === 'string')
	);
}
