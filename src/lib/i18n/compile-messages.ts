/**
 * Build step for messages/*.json: each ICU string becomes its parsed AST, so the phone formats
 * messages without shipping the ICU parser (about a third of the home page's JavaScript).
 * Used by the Vite plugin in vite.config.ts; svelte-check and the messages test still read the
 * JSON sources.
 */
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

type Messages = { [key: string]: string | Messages };

type Compiled = { [key: string]: MessageFormatElement[] | Compiled };

/**
 * A locale file's `$meta` (who drafted it, who reviewed it) is not a message: it passes through
 * as it is, and src/lib/i18n/index.ts takes it out before svelte-i18n sees the messages.
 */
export function compileMessages(messages: Messages, file = 'messages'): Compiled {
	return Object.fromEntries(
		Object.entries(messages).map(([key, value]) => {
			if (key === '$meta') return [key, value as unknown as Compiled];
			if (typeof value !== 'string') return [key, compileMessages(value, `${file}:${key}`)];
			try {
				return [key, parse(value, { ignoreTag: true })];
			} catch (err) {
				throw new Error(`${file}:${key}: ${(err as Error).message}`, { cause: err });
			}
		})
	);
}
