/**
 * Small per-device values in the `meta` store. What is read is parsed and falls back to a
 * default when missing or corrupt, so a bad value never breaks a page.
 */
import * as v from 'valibot';
import { DAILY_GOALS, NEW_WORDS_PER_DAY } from '$lib/api/events';
import { LOCALES } from '$lib/i18n/locales';
import { AccountSchema } from './account';
import type { LocalDb } from './db';

export const Settings = v.object({
	locale: v.optional(v.picklist(LOCALES)),
	wifiOnly: v.optional(v.boolean(), false),
	newWordsPerDay: v.optional(v.picklist(NEW_WORDS_PER_DAY), NEW_WORDS_PER_DAY[0]),
	dailyGoal: v.optional(v.picklist(DAILY_GOALS), DAILY_GOALS[0])
});
export type Settings = v.InferOutput<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = v.parse(Settings, {});

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const ProjectStatusSchema = v.object({
	qualified: v.boolean(),
	attempts: v.array(
		v.object({
			attempt: Count,
			answered: Count,
			correct: Count,
			total: Count,
			passed: v.boolean()
		})
	),
	accuracy: v.nullable(v.object({ correct: Count, total: Count })),
	openTasks: Count,
	/** When the phone asked. */
	checkedAt: v.string()
});
export type KnownStatus = v.InferOutput<typeof ProjectStatusSchema>;

const schemas = {
	settings: Settings,
	learnerId: v.nullable(v.string()),
	/** The account this device is signed in to; null for a guest. */
	account: v.nullable(AccountSchema),
	syncCursor: v.pipe(v.number(), v.integer(), v.minValue(0)),
	persistAsked: v.boolean(),
	lessonsVersion: v.nullable(v.string()),
	/** The language the stored projects' texts were fetched in (src/lib/offline/packs.ts). */
	projectsLocale: v.nullable(v.picklist(LOCALES)),
	/** Review answers per local day 'YYYY-MM-DD' (src/lib/offline/events.ts). */
	answersByDay: v.record(v.string(), v.number()),
	/** The learner was told once that this phone has no Korean voice. */
	noVoiceToldAt: v.nullable(v.string()),
	/** The server's last word on each project (GET /api/projects/[id]/status), for offline. */
	projectStatus: v.record(v.string(), ProjectStatusSchema)
};
type Key = keyof typeof schemas;
type Value<K extends Key> = v.InferOutput<(typeof schemas)[K]>;

const defaults: { [K in Key]: Value<K> } = {
	settings: DEFAULT_SETTINGS,
	learnerId: null,
	account: null,
	syncCursor: 0,
	persistAsked: false,
	lessonsVersion: null,
	projectsLocale: null,
	answersByDay: {},
	noVoiceToldAt: null,
	projectStatus: {}
};

export async function get<K extends Key>(db: LocalDb, key: K): Promise<Value<K>> {
	const parsed = v.safeParse(schemas[key], await db.get('meta', key));
	return parsed.success ? (parsed.output as Value<K>) : defaults[key];
}

export async function set<K extends Key>(db: LocalDb, key: K, value: Value<K>): Promise<void> {
	await db.put('meta', value, key);
}
