/**
 * Small per-device values in the `meta` store. What is read is parsed and falls back to a
 * default when missing or corrupt, so a bad value never breaks a page.
 */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n/locales';
import type { LocalDb } from './db';

export const Settings = v.object({
	locale: v.optional(v.picklist(LOCALES)),
	wifiOnly: v.optional(v.boolean(), false)
});
export type Settings = v.InferOutput<typeof Settings>;

const schemas = {
	settings: Settings,
	learnerId: v.nullable(v.string()),
	syncCursor: v.pipe(v.number(), v.integer(), v.minValue(0)),
	persistAsked: v.boolean(),
	lessonsVersion: v.nullable(v.string())
};
type Key = keyof typeof schemas;
type Value<K extends Key> = v.InferOutput<(typeof schemas)[K]>;

const defaults: { [K in Key]: Value<K> } = {
	settings: { wifiOnly: false },
	learnerId: null,
	syncCursor: 0,
	persistAsked: false,
	lessonsVersion: null
};

export async function get<K extends Key>(db: LocalDb, key: K): Promise<Value<K>> {
	const parsed = v.safeParse(schemas[key], await db.get('meta', key));
	return parsed.success ? (parsed.output as Value<K>) : defaults[key];
}

export async function set<K extends Key>(db: LocalDb, key: K, value: Value<K>): Promise<void> {
	await db.put('meta', value, key);
}
