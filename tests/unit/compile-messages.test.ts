import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { compileMessages } from '$lib/i18n/compile-messages';

type Tree = { [key: string]: unknown };
const flat = (tree: Tree, prefix = ''): [string, unknown][] =>
	Object.entries(tree).flatMap(([key, value]) =>
		value && typeof value === 'object' && !Array.isArray(value)
			? flat(value as Tree, `${prefix}${key}.`)
			: [[`${prefix}${key}`, value]]
	);

// Values that exercise every branch our messages use: plurals (=0, one, other), numbers,
// percentages, times and plain strings.
const samples = [0, 1, 7].map((n) => ({
	count: n,
	done: n,
	total: 28,
	correct: n,
	learned: n,
	words: n,
	days: n,
	goal: 10,
	limit: 14,
	hint: 'ㅇㅈㅁ',
	expected: 'ㅗ',
	typed: 'ㅓ',
	day: 'Mon',
	when: 'Mon 9:00',
	value: n / 10,
	accuracy: n / 10,
	time: new Date(Date.UTC(2026, 10, 24, 8, 30)),
	title: 'Lesson',
	word: '안전모',
	gloss: 'hard hat',
	size: '45 KB',
	used: '1 MB',
	quota: '2 GB',
	index: n + 1,
	share: 0.8,
	needed: 8,
	label: '안전모',
	left: n * 10,
	top: 5,
	width: 30,
	height: 42,
	text: '서울역',
	detail: 'username: a username has at least 3 characters',
	name: 'Mai Tran'
}));

describe('precompiled messages', () => {
	for (const file of readdirSync('messages').filter((f) => f.endsWith('.json'))) {
		it(`${file} formats the same from its AST as from its source`, () => {
			const locale = file.replace('.json', '');
			const source = JSON.parse(readFileSync(`messages/${file}`, 'utf8')) as Tree;
			const compiled = new Map(flat(compileMessages(source as never, file)));
			for (const [key, message] of flat(source).filter(([key]) => !key.startsWith('$meta.'))) {
				const ast = compiled.get(key);
				expect(Array.isArray(ast), key).toBe(true);
				for (const values of samples) {
					const fromSource = new IntlMessageFormat(message as string, locale, undefined, {
						ignoreTag: true
					});
					const fromAst = new IntlMessageFormat(ast as never, locale, undefined, {
						ignoreTag: true
					});
					expect(fromAst.format(values), `${file} ${key}`).toEqual(fromSource.format(values));
				}
			}
		});
	}

	it('names the file and key of a broken message', () => {
		expect(() => compileMessages({ home: { due: '{count, plural, one {#}' } }, 'xx.json')).toThrow(
			/xx\.json:home:due/
		);
	});
});
