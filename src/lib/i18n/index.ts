/**
 * svelte-i18n on the phone. Each locale's messages are a separate chunk, loaded when chosen,
 * so one language's strings do not weigh on the others. The learner pages render only on the
 * client, so the global locale store is safe here; the server never sets it.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { init, json, locale, register, waitLocale } from 'svelte-i18n';
import { derived } from 'svelte/store';
import { DEFAULT_LOCALE, isLocale, LOCALE_INFO, LOCALES, type Locale } from './locales';

/** Who drafted a locale's messages and who reviewed them (each messages/<locale>.json). */
export interface TranslationMeta {
	drafted_by: string;
	reviewed_by: string | null;
}

type Messages = Record<string, unknown> & { $meta?: TranslationMeta };
type MessagesModule = { default: Messages };

// One chunk per locale file, fetched only when that language is chosen. Written out rather than
// an import.meta.glob: with the glob, answering a task measured about 20 ms slower (p95, CPU ×4,
// bench/task-answer.bench.ts), for reasons not found.
const files: Record<Locale, () => Promise<MessagesModule>> = {
	ko: () => import('$messages/ko.json'),
	en: () => import('$messages/en.json'),
	zh: () => import('$messages/zh.json'),
	vi: () => import('$messages/vi.json'),
	th: () => import('$messages/th.json'),
	uz: () => import('$messages/uz.json'),
	fil: () => import('$messages/fil.json'),
	km: () => import('$messages/km.json'),
	ne: () => import('$messages/ne.json'),
	id: () => import('$messages/id.json'),
	mn: () => import('$messages/mn.json'),
	ru: () => import('$messages/ru.json'),
	my: () => import('$messages/my.json'),
	si: () => import('$messages/si.json'),
	bn: () => import('$messages/bn.json'),
	ur: () => import('$messages/ur.json')
};
const metas = new Map<Locale, TranslationMeta>();

async function loadMessages(code: Locale): Promise<Record<string, unknown>> {
	const { $meta, ...messages } = (await files[code]()).default;
	if ($meta) metas.set(code, $meta);
	return messages;
}

/** The provenance of a locale's messages, once the locale has loaded. */
export function translationMeta(code: Locale): TranslationMeta | undefined {
	return metas.get(code);
}

let initialised = false;

type Values = Record<string, string | number | boolean | Date | null | undefined>;
const formatters = new Map<string, IntlMessageFormat>();

/**
 * `$t('home.due', { values: { count: 3 } })`: formats a message of the current locale. The
 * dictionaries hold ASTs compiled at build time (vite.config.ts), which svelte-i18n's own `$_`
 * does not format, so this store does it with intl-messageformat.
 */
export const t = derived([locale, json], ([code, lookup]) => {
	return (id: string, options: { values?: Values } = {}): string => {
		const key = `${code}\u0000${id}`;
		let formatter = formatters.get(key);
		if (!formatter) {
			const ast = lookup(id);
			if (!Array.isArray(ast)) return id;
			formatter = new IntlMessageFormat(
				ast,
				LOCALE_INFO[isLocale(code) ? code : DEFAULT_LOCALE].tag,
				undefined,
				{
					ignoreTag: true
				}
			);
			formatters.set(key, formatter);
		}
		return String(formatter.format(options.values));
	};
});

export async function startI18n(initial: Locale): Promise<void> {
	if (!initialised) {
		for (const code of LOCALES) register(code, () => loadMessages(code));
		// Every locale has every key (tests/unit/messages.test.ts), so the chosen language is its
		// own fallback and a Vietnamese learner does not also download the English strings.
		await init({ fallbackLocale: initial, initialLocale: initial });
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
