/**
 * svelte-i18n on the phone. Each locale's messages are a separate chunk, loaded when chosen,
 * so one language's strings do not weigh on the others. The learner pages render only on the
 * client, so the global locale store is safe here; the server never sets it.
 */
import { init, locale, register, waitLocale } from 'svelte-i18n';
import { DEFAULT_LOCALE, LOCALE_INFO, LOCALES, type Locale } from './locales';

const loaders: Record<Locale, () => Promise<Record<string, unknown>>> = {
	en: () => import('$messages/en.json').then((m) => m.default),
	ko: () => import('$messages/ko.json').then((m) => m.default),
	vi: () => import('$messages/vi.json').then((m) => m.default),
	zh: () => import('$messages/zh.json').then((m) => m.default)
};

let initialised = false;

export async function startI18n(initial: Locale): Promise<void> {
	if (!initialised) {
		for (const code of LOCALES) register(code, loaders[code]);
		await init({ fallbackLocale: DEFAULT_LOCALE, initialLocale: initial });
		initialised = true;
	}
	await useLocale(initial);
}

export async function useLocale(code: Locale): Promise<void> {
	await locale.set(code);
	await waitLocale(code);
	const { tag, dir } = LOCALE_INFO[code];
	document.documentElement.lang = tag;
	document.documentElement.dir = dir;
}

/** The text of a content gloss in the learner's language, falling back to English. */
export function pick(glosses: Record<string, string> | undefined, code: Locale): string {
	return glosses?.[code] ?? glosses?.[DEFAULT_LOCALE] ?? '';
}
