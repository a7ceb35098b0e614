/** The UI languages Ilgam ships. `en` is the source of message keys. */
export const LOCALES = ['en', 'ko', 'vi', 'zh'] as const;
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
	en: { name: 'English', tag: 'en', dir: 'ltr' },
	ko: { name: '한국어', tag: 'ko', dir: 'ltr' },
	vi: { name: 'Tiếng Việt', tag: 'vi', dir: 'ltr' },
	zh: { name: '简体中文', tag: 'zh-Hans', dir: 'ltr' }
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks our locale from the device's preferred languages ('vi-VN' -> 'vi'), or null. */
export function matchLocale(preferred: readonly string[]): Locale | null {
	for (const tag of preferred) {
		const base = tag.toLowerCase().split('-')[0];
		if (isLocale(base)) return base;
	}
	return null;
}
