/**
 * U+0000 is valid in JSON and JavaScript strings, but PostgreSQL stores it in neither text nor
 * jsonb: one that reached an insert would fail it (a 500, and a phone retrying the same batch
 * for ever). Inputs are checked for it before they are stored.
 */
import * as v from 'valibot';

/** Where a U+0000 hides in a JSON value (in a string or a key), or null. */
export function nulPath(value: unknown, path = 'body'): string | null {
	if (typeof value === 'string') return value.includes('\0') ? path : null;
	if (typeof value !== 'object' || value === null) return null;
	for (const [key, item] of Object.entries(value)) {
		if (key.includes('\0')) return `${path} key`;
		const found = nulPath(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
		if (found) return found;
	}
	return null;
}

/** A valibot check for one string field. */
export const noNul = () =>
	v.check((text: string) => !text.includes('\0'), 'must not contain the character U+0000');
