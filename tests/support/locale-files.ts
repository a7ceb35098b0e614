/**
 * Reading and checking the per-locale files: messages/<locale>.json (the app's strings) and
 * content/translations/<locale>.json (glosses, guidelines, explanations). Both hold a `$meta`
 * record of who drafted and who reviewed the translation, and nested texts under it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenTexts } from '$lib/server/content';

export type Tree = Record<string, unknown>;
/** Dotted key -> value; values are left as found so non-strings can be reported. */
export type Flat = Record<string, unknown>;

/** Names and codes that stay as they are in every language. */
export const SAME_IN_EVERY_LANGUAGE = ['app.name'];

/** Locale code (file name without `.json`) -> parsed file, for every JSON file in `dir`. */
export function readLocaleFiles(dir: string): Record<string, Tree> {
	const files: Record<string, Tree> = {};
	for (const file of readdirSync(dir).sort()) {
		if (!file.endsWith('.json')) continue;
		files[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
	}
	return files;
}

/** Dotted key -> value, without `$meta`: the content loader's reading of a locale file. */
export function flatten(tree: Tree): Flat {
	return Object.fromEntries(flattenTexts(tree));
}

/** Problems with a file's `$meta`: who drafted it, who reviewed it, what may equal English. */
export function metaProblems(code: string, file: Tree, keys: Flat): string[] {
	const meta = file.$meta as Tree | undefined;
	if (!meta || typeof meta !== 'object') return [`${code}: no $meta`];
	const problems: string[] = [];
	if (meta.language !== code) problems.push(`${code}: $meta.language is not ${code}`);
	if (typeof meta.drafted_by !== 'string' || !meta.drafted_by.trim()) {
		problems.push(`${code}: $meta.drafted_by must say who or what drafted it`);
	}
	if (meta.reviewed_by !== null && typeof meta.reviewed_by !== 'string') {
		problems.push(`${code}: $meta.reviewed_by must be a reviewer's name or null`);
	}
	const same = meta.same_as_english;
	if (!Array.isArray(same)) problems.push(`${code}: $meta.same_as_english must be a list`);
	else {
		for (const key of same) {
			if (typeof key !== 'string' || !(key in keys)) {
				problems.push(`${code}: $meta.same_as_english names ${String(key)}, which is not a key`);
			}
		}
	}
	return problems;
}

/** The letters of a message outside its `{arguments}`: what a translator has to write. */
function wording(message: string): string {
	let depth = 0;
	let text = '';
	for (const char of message) {
		if (char === '{') depth++;
		else if (char === '}') depth--;
		else if (depth === 0) text += char;
	}
	return text;
}

/**
 * Keys whose text is still the English one, where it has words to translate: not a name from
 * SAME_IN_EVERY_LANGUAGE, not in the locale's `$meta.same_as_english`, not just arguments.
 */
export function untranslated(source: Flat, target: Flat, allowed: readonly string[]): string[] {
	const allow = new Set([...SAME_IN_EVERY_LANGUAGE, ...allowed]);
	return Object.keys(target).filter((key) => {
		const text = target[key];
		return (
			typeof text === 'string' &&
			text === source[key] &&
			!allow.has(key) &&
			/\p{L}{2}/u.test(wording(text))
		);
	});
}

export function sameAsEnglish(file: Tree): string[] {
	const same = (file.$meta as Tree | undefined)?.same_as_english;
	return Array.isArray(same) ? same.filter((key) => typeof key === 'string') : [];
}
