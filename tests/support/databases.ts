/**
 * The databases integration tests run against: PGlite in memory always, and a real PostgreSQL
 * server when one is reachable. Each `open()` gives a freshly migrated database with the shipped
 * content (content/, static/) seeded by the server's own `seedContent`.
 *
 * PostgreSQL: every `open()` creates its own uniquely named database and `close()` drops it, so
 * concurrent runs (and test files) never see each other's rows. With `REQUIRE_POSTGRES=1` (CI)
 * an unreachable server is an error, never a silent skip.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadContent, type Content } from '$lib/server/content';
import { openDatabase, type Database } from '$lib/server/db';
import { seedContent } from '$lib/server/seed';

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const CONTENT_DIR =
	process.env.TEST_CONTENT_DIR ?? fileURLToPath(new URL('../../content', import.meta.url));
export const STATIC_DIR = fileURLToPath(new URL('../../static', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type TargetName = 'pglite' | 'postgres';

export interface TestTarget {
	name: TargetName;
	/** A fresh, migrated, seeded database; `close()` releases (and for PostgreSQL drops) it. */
	open(): Promise<Database>;
}

let contentPromise: Promise<Content> | undefined;

/** The real shipped content, loaded once per test file. */
export function testContent(): Promise<Content> {
	contentPromise ??= loadContent(CONTENT_DIR, STATIC_DIR);
	return contentPromise;
}

async function seeded(database: Database): Promise<Database> {
	try {
		await seedContent(database.db, await testContent(), STATIC_DIR);
		return database;
	} catch (err) {
		await database.close();
		throw err;
	}
}

const pglite: TestTarget = {
	name: 'pglite',
	open: async () =>
		seeded(await openDatabase({ dataDir: 'memory://', migrationsDir: MIGRATIONS_DIR }))
};

function adminUrl(): string {
	return process.env.TEST_DATABASE_URL?.trim() || DEFAULT_TEST_DATABASE_URL;
}

/** The URL with its password hidden, for messages. */
function safeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(unparsable TEST_DATABASE_URL)';
	}
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3_000 });
	try {
		await client.connect();
		return await run(client);
	} finally {
		await client.end().catch(() => {});
	}
}

/** null when reachable, else why not. */
async function postgresProblem(): Promise<string | null> {
	try {
		await withAdmin((client) => client.query('select 1'));
		return null;
	} catch (err) {
		return err instanceof Error ? err.message || err.name : String(err);
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createDatabase(name: string): Promise<void> {
	// CREATE DATABASE copies template1 and fails with 55006 while another session is copying
	// it too (parallel test files, other runs on the same server): retry a few times.
	for (let attempt = 1; ; attempt++) {
		try {
			await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
			return;
		} catch (err) {
			const code = (err as { code?: string }).code;
			if (code !== '55006' || attempt >= 10) throw err;
			await sleep(100 * attempt);
		}
	}
}

async function dropDatabase(name: string): Promise<void> {
	await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

const postgres: TestTarget = {
	name: 'postgres',
	async open() {
		const name = `ilgam_test_${randomBytes(6).toString('hex')}`;
		await createDatabase(name);
		const url = new URL(adminUrl());
		url.pathname = `/${name}`;
		let opened: Database;
		try {
			opened = await openDatabase({ url: url.toString(), migrationsDir: MIGRATIONS_DIR });
		} catch (err) {
			await dropDatabase(name).catch(() => {});
			throw err;
		}
		let closed = false;
		const database: Database = {
			...opened,
			async close() {
				if (closed) return;
				closed = true;
				try {
					await opened.close();
				} finally {
					await dropDatabase(name);
				}
			}
		};
		return seeded(database);
	}
};

let targetsPromise: Promise<TestTarget[]> | undefined;

/**
 * The targets for this run: `[pglite]` or `[pglite, postgres]`. Throws when `REQUIRE_POSTGRES=1`
 * and PostgreSQL is unreachable; otherwise warns once, loudly, that its tests are skipped.
 */
export function testDatabases(): Promise<TestTarget[]> {
	targetsPromise ??= (async () => {
		const problem = await postgresProblem();
		if (problem === null) return [pglite, postgres];
		const where = safeUrl(adminUrl());
		if (process.env.REQUIRE_POSTGRES === '1') {
			throw new Error(
				`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${where}: ${problem}. ` +
					'Start PostgreSQL or set TEST_DATABASE_URL.'
			);
		}
		console.warn(
			`!!! POSTGRESQL INTEGRATION TESTS SKIPPED: not reachable at ${where} (${problem}). ` +
				'Only PGlite runs. Set TEST_DATABASE_URL, or REQUIRE_POSTGRES=1 to make this an error.'
		);
		return [pglite];
	})();
	return targetsPromise;
}
