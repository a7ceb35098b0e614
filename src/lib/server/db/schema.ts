import {
	type AnyPgColumn,
	bigint,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	real,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
// Relative, not $lib: drizzle-kit loads this file without Vite's aliases.
import { ROLES } from '../../api/auth';
import { TASK_KINDS, TASK_TYPES } from '../../labeling/types';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		role: text('role', { enum: ROLES }).notNull().default('learner'),
		/** A guest until the learner joins a cohort with an account. */
		anonymous: boolean('anonymous').notNull().default(true),
		/** Lower-case; set for accounts only. */
		username: text('username'),
		displayName: text('display_name'),
		/** argon2id, in its PHC string form (algorithm, parameters and salt included). */
		passwordHash: text('password_hash'),
		cohortId: uuid('cohort_id').references((): AnyPgColumn => cohorts.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		lastSyncAt: timestamp('last_sync_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('users_username_idx').on(t.username),
		index('users_cohort_idx').on(t.cohortId)
	]
);

/** A class of learners run by one coordinator; learners join it with its code. */
export const cohorts = pgTable(
	'cohorts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		coordinatorId: uuid('coordinator_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Eight letters and digits without look-alikes; rotating it retires the old one. */
		joinCode: text('join_code').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('cohorts_join_code_idx').on(t.joinCode),
		index('cohorts_coordinator_idx').on(t.coordinatorId)
	]
);

/**
 * A learner's public skills page. The token is the capability: whoever has the link sees the
 * page, so it is random (128 bits) and the learner can withdraw it.
 */
export const certificates = pgTable(
	'certificates',
	{
		token: text('token').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('certificates_user_idx').on(t.userId)]
);

/**
 * Fixed-window counters for login and join. In the database, not in memory, so the limit holds
 * across every replica of the app server.
 */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const events = pgTable(
	'events',
	{
		/** The client-made UUID: the primary key is what makes a retried batch harmless. */
		id: uuid('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		type: text('type').notNull(),
		payload: jsonb('payload').notNull(),
		clientCreatedAt: timestamp('client_created_at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
		/** Server order, the cursor of GET /api/sync?after=. */
		seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique()
	},
	(t) => [index('events_user_seq_idx').on(t.userId, t.seq)]
);

export const decks = pgTable('decks', {
	id: text('id').primaryKey(),
	title: jsonb('title').$type<Record<string, string>>().notNull(),
	level: integer('level').notNull(),
	position: integer('position').notNull()
});

export const words = pgTable(
	'words',
	{
		id: text('id').primaryKey(),
		deckId: text('deck_id')
			.notNull()
			.references(() => decks.id),
		hangul: text('hangul').notNull(),
		romanization: text('romanization').notNull(),
		pos: text('pos').notNull(),
		level: integer('level').notNull(),
		gloss: jsonb('gloss').$type<Record<string, string>>().notNull(),
		example: jsonb('example').$type<{ ko: string; gloss: Record<string, string> }>().notNull(),
		position: integer('position').notNull()
	},
	(t) => [index('words_deck_idx').on(t.deckId)]
);

export const lessons = pgTable('lessons', {
	id: text('id').primaryKey(),
	deckId: text('deck_id')
		.notNull()
		.references(() => decks.id),
	title: jsonb('title').$type<Record<string, string>>().notNull(),
	wordIds: jsonb('word_ids').$type<string[]>().notNull(),
	position: integer('position').notNull()
});

export const projects = pgTable('projects', {
	id: text('id').primaryKey(),
	type: text('type', { enum: TASK_TYPES }).notNull(),
	multiple: boolean('multiple').notNull().default(false),
	title: jsonb('title').$type<Record<string, string>>().notNull(),
	description: jsonb('description').$type<Record<string, string>>().notNull(),
	guidelines: jsonb('guidelines').$type<Record<string, string>>().notNull(),
	labels: jsonb('labels').$type<{ id: string; wordId: string }[]>().notNull(),
	/** Learners who answer each work task. */
	redundancy: integer('redundancy').notNull().default(3),
	/** Share of a leased batch that is hidden gold. */
	goldShare: real('gold_share').notNull().default(0.2),
	/** Share of the qualification set to get right to unlock work. */
	passAt: real('pass_at').notNull().default(0.8),
	/** Shipped content is re-seeded at every start; console projects are the coordinator's. */
	source: text('source', { enum: ['content', 'console'] })
		.notNull()
		.default('content'),
	/** The coordinator who runs it; null for shipped content without a demo coordinator. */
	ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
	/** Only this cohort's learners see it; null means every learner, guests included. */
	cohortId: uuid('cohort_id').references(() => cohorts.id, { onDelete: 'restrict' }),
	createdAt: createdAt()
});

export const tasks = pgTable(
	'tasks',
	{
		id: text('id').primaryKey(),
		projectId: text('project_id')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: TASK_KINDS }).notNull(),
		/** The id the task had where it came from (a Label Studio id, a CSV row's id). */
		ref: text('ref').notNull(),
		position: integer('position').notNull(),
		/** As authored: without the project's options, which `taskData` spreads in. */
		data: jsonb('data').$type<Record<string, unknown>>().notNull(),
		/**
		 * Gold answer. Goes to the phone for training items only; qualification items and hidden
		 * gold among work items are scored here.
		 */
		gold: jsonb('gold'),
		explanation: jsonb('explanation').$type<Record<string, string>>(),
		/** Bytes of the task's image or audio, so a phone can show a batch's size first. */
		assetBytes: integer('asset_bytes').notNull().default(0)
	},
	(t) => [
		index('tasks_project_idx').on(t.projectId, t.kind, t.position),
		uniqueIndex('tasks_project_ref_idx').on(t.projectId, t.ref)
	]
);

/**
 * A work task handed to one learner until `expiresAt`. Answers are accepted only under a lease;
 * open leases and answers together never exceed the project's redundancy, except on hidden gold,
 * which every learner may get once.
 */
export const leases = pgTable(
	'leases',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		projectId: text('project_id')
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		leasedAt: timestamp('leased_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** Set by the first accepted answer: the slot stays taken after the lease runs out. */
		answeredAt: timestamp('answered_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('leases_user_task_idx').on(t.userId, t.taskId),
		index('leases_task_idx').on(t.taskId),
		index('leases_user_project_idx').on(t.userId, t.projectId)
	]
);

export type User = typeof users.$inferSelect;
export type StoredEvent = typeof events.$inferSelect;
export type Cohort = typeof cohorts.$inferSelect;
export type Project = typeof projects.$inferSelect;
