/**
 * Every locale in messages/ against the English source: the same keys, messages that parse as
 * ICU MessageFormat the way svelte-i18n parses them, and the same arguments, so no translation
 * can drop `{count}` or break a plural. The checkers are plain functions over parsed files, so
 * the last test can feed them a broken copy of messages/ and see that they notice.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	isPluralElement,
	isPoundElement,
	isLiteralElement,
	isSelectElement,
	isTagElement,
	parse,
	TYPE,
	type MessageFormatElement
} from '@formatjs/icu-messageformat-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES } from '../../src/lib/i18n/locales';
import {
	flatten,
	metaProblems,
	readLocaleFiles,
	sameAsEnglish,
	untranslated,
	type Flat,
	type Tree
} from '../support/locale-files';

const MESSAGES_DIR = fileURLToPath(new URL('../../messages/', import.meta.url));
const SOURCE = DEFAULT_LOCALE;
const KEY_PATTERN = /^[a-z]+(_[a-z]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/;
/** As svelte-i18n formats: tags are plain text there (its default `ignoreTag: true`). */
const PARSE_OPTIONS = { ignoreTag: true, requiresOtherClause: true };

/** Locale code -> flattened messages, without `$meta`. */
function flattenAll(files: Record<string, Tree>): Record<string, Flat> {
	return Object.fromEntries(Object.entries(files).map(([code, file]) => [code, flatten(file)]));
}

function keyDiff(source: Flat, target: Flat): { missing: string[]; extra: string[] } {
	return {
		missing: Object.keys(source).filter((key) => !(key in target)),
		extra: Object.keys(target).filter((key) => !(key in source))
	};
}

function badKeyNames(messages: Flat): string[] {
	return Object.keys(messages).filter((key) => !KEY_PATTERN.test(key));
}

function nonStrings(messages: Flat): string[] {
	return Object.keys(messages).filter((key) => typeof messages[key] !== 'string');
}

/** `key: ERROR_KIND` for each message the ICU parser rejects. */
function syntaxErrors(messages: Flat): string[] {
	const errors: string[] = [];
	for (const [key, message] of Object.entries(messages)) {
		if (typeof message !== 'string') continue;
		try {
			parse(message, PARSE_OPTIONS);
		} catch (error) {
			errors.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return errors;
}

/** Argument name -> the ways it is formatted (`argument`, `number`, `time`, `plural`, ...). */
function argumentsOf(message: string): Map<string, Set<string>> {
	const found = new Map<string, Set<string>>();
	const walk = (elements: MessageFormatElement[]) => {
		for (const element of elements) {
			if (isLiteralElement(element) || isPoundElement(element)) continue;
			if (isTagElement(element)) {
				walk(element.children);
				continue;
			}
			const kind =
				isPluralElement(element) && element.pluralType === 'ordinal'
					? 'selectordinal'
					: TYPE[element.type];
			const kinds = found.get(element.value) ?? new Set<string>();
			kinds.add(kind);
			found.set(element.value, kinds);
			if (isPluralElement(element) || isSelectElement(element)) {
				for (const option of Object.values(element.options)) walk(option.value);
			}
		}
	};
	walk(parse(message, PARSE_OPTIONS));
	return found;
}

/** Differences in arguments between two locales, for keys both have and both can parse. */
function argumentMismatches(source: Flat, target: Flat): string[] {
	const problems: string[] = [];
	for (const [key, theirs] of Object.entries(target)) {
		const ours = source[key];
		if (typeof ours !== 'string' || typeof theirs !== 'string') continue;
		let want: Map<string, Set<string>>;
		let got: Map<string, Set<string>>;
		try {
			want = argumentsOf(ours);
			got = argumentsOf(theirs);
		} catch {
			continue; // reported by syntaxErrors
		}
		for (const [name, kinds] of want) {
			const theirKinds = got.get(name);
			if (!theirKinds) {
				problems.push(`${key} lacks {${name}}`);
			} else if ([...kinds].sort().join() !== [...theirKinds].sort().join()) {
				problems.push(
					`${key} formats {${name}} as ${[...theirKinds].sort().join('/')}, ` +
						`not ${[...kinds].sort().join('/')}`
				);
			}
		}
		for (const name of got.keys()) {
			if (!want.has(name)) problems.push(`${key} has {${name}}, which ${SOURCE} lacks`);
		}
	}
	return problems;
}

function localeSetProblems(found: readonly string[], expected: readonly string[]): string[] {
	return [
		...found
			.filter((code) => !expected.includes(code))
			.map((code) => `${code}.json is not in LOCALES`),
		...expected.filter((code) => !found.includes(code)).map((code) => `${code}.json is missing`)
	];
}

/** Every problem in a set of locales, one line each, prefixed with the locale. */
function checkMessages(files: Record<string, Tree>, expected: readonly string[]): string[] {
	const locales = flattenAll(files);
	const problems = localeSetProblems(Object.keys(locales), expected);
	const source = locales[SOURCE];
	if (!source) return problems;
	for (const [code, messages] of Object.entries(locales)) {
		const { missing, extra } = keyDiff(source, messages);
		const file = files[code] ?? {};
		problems.push(
			...metaProblems(code, file, messages),
			...(code === SOURCE ? [] : untranslated(source, messages, sameAsEnglish(file))).map(
				(key) => `${code}: ${key} is still in English`
			),
			...missing.map((key) => `${code}: missing key ${key}`),
			...extra.map((key) => `${code}: extra key ${key}`),
			...badKeyNames(messages).map(
				(key) => `${code}: key ${key} is not snake_case, one namespace deep`
			),
			...nonStrings(messages).map((key) => `${code}: ${key} is not a string`),
			...syntaxErrors(messages).map((error) => `${code}: ICU syntax error in ${error}`),
			...argumentMismatches(source, messages).map((problem) => `${code}: ${problem}`)
		);
	}
	return problems;
}

const files = readLocaleFiles(MESSAGES_DIR);
const locales = flattenAll(files);
const source = locales[SOURCE] ?? {};
const translations = Object.keys(locales).filter((code) => code !== SOURCE);

describe('messages/', () => {
	it('holds exactly the LOCALES of src/lib/i18n/locales.ts', () => {
		expect(localeSetProblems(Object.keys(locales), LOCALES)).toEqual([]);
	});

	it(`has ${SOURCE}.json with messages`, () => {
		expect(Object.keys(source).length).toBeGreaterThan(0);
	});

	it.each(Object.keys(locales))('%s: keys are snake_case, one namespace deep', (code) => {
		expect(badKeyNames(locales[code] ?? {})).toEqual([]);
	});

	it.each(Object.keys(locales))('%s: every message is a string that parses as ICU', (code) => {
		const messages = locales[code] ?? {};
		expect(nonStrings(messages)).toEqual([]);
		expect(syntaxErrors(messages)).toEqual([]);
	});

	it.each(translations)(`%s: has the same keys as ${SOURCE}`, (code) => {
		expect(keyDiff(source, locales[code] ?? {})).toEqual({ missing: [], extra: [] });
	});

	it.each(translations)(`%s: uses the same ICU arguments as ${SOURCE}`, (code) => {
		expect(argumentMismatches(source, locales[code] ?? {})).toEqual([]);
	});

	it.each(Object.keys(locales))('%s: says who drafted and who reviewed it', (code) => {
		expect(metaProblems(code, files[code] ?? {}, locales[code] ?? {})).toEqual([]);
	});

	it.each(translations)(`%s: translates every message that has words`, (code) => {
		const allowed = sameAsEnglish(files[code] ?? {});
		expect(untranslated(source, locales[code] ?? {}, allowed)).toEqual([]);
	});

	it('passes the whole check', () => {
		expect(checkMessages(files, LOCALES)).toEqual([]);
	});
});

describe('the checker', () => {
	let dir = '';
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('reports every fault planted in a broken copy of messages/', () => {
		dir = mkdtempSync(join(tmpdir(), 'ilgam-messages-'));
		cpSync(MESSAGES_DIR, dir, { recursive: true });
		const file = join(dir, 'ko.json');
		const ko = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
		delete ko.home!.title;
		ko.home!.not_in_english = '영어에 없어요';
		ko.learn!.words = '{count, plural, other {단어 #개}'; // unclosed
		ko.sync!.waiting = '업로드할 답이 있어요'; // {count} dropped
		ko.tasks!.progress = '{done}/{all} 완료'; // {total} renamed
		ko.progress!.percent = '{value}'; // no longer a percent
		ko.Bad = { key: 'x' };
		ko.nav!.home = 1;
		ko.lesson!.check = 'Check'; // left in English
		ko.$meta!.drafted_by = '';
		writeFileSync(file, JSON.stringify(ko));
		writeFileSync(join(dir, 'fr.json'), readFileSync(join(dir, 'en.json')));

		const problems = checkMessages(readLocaleFiles(dir), LOCALES);

		expect(problems).toEqual(
			expect.arrayContaining([
				'fr.json is not in LOCALES',
				'ko: missing key home.title',
				'ko: extra key home.not_in_english',
				'ko: extra key Bad.key',
				'ko: key Bad.key is not snake_case, one namespace deep',
				'ko: nav.home is not a string',
				'ko: sync.waiting lacks {count}',
				'ko: tasks.progress lacks {total}',
				`ko: tasks.progress has {all}, which ${SOURCE} lacks`,
				'ko: progress.percent formats {value} as argument, not number',
				'ko: lesson.check is still in English',
				'ko: $meta.drafted_by must say who or what drafted it'
			])
		);
		expect(problems).toContainEqual(
			expect.stringMatching(/^ko: ICU syntax error in learn\.words: /)
		);
		expect(
			problems.filter((problem) => !problem.startsWith('ko: ') && !problem.startsWith('fr'))
		).toEqual([]);
	});
});
