/**
 * The database: PGlite in a data directory when no DATABASE_URL is set, PostgreSQL when it is.
 * Both get the same Drizzle schema and the same migrations, applied when the database opens.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** A postgres:// URL. Wins over dataDir. */
	url?: string;
	/** PGlite data directory; 'memory://' keeps it in memory (tests). */
	dataDir?: string;
	migrationsDir?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	const migrationsFolder = resolve(options.migrationsDir ?? 'drizzle');
	if (options.url) {
		const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
			import('pg'),
			import('drizzle-orm/node-postgres'),
			import('drizzle-orm/node-postgres/migrator')
		]);
		const pool = new pg.Pool({ connectionString: options.url, max: 10 });
		// An idle connection dropped by the server (a restart, a failover) is an 'error' on the
		// pool; unheard, it would crash the process. The pool opens a new one on the next query.
		pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
		const db = drizzle({ client: pool, schema });
		await migrate(db, { migrationsFolder });
		return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
	}
	const dataDir = options.dataDir ?? './data';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
		import('@electric-sql/pglite'),
		import('drizzle-orm/pglite'),
		import('drizzle-orm/pglite/migrator')
	]);
	const client = await PGlite.create(dataDir);
	const db = drizzle({ client, schema });
	await migrate(db, { migrationsFolder });
	return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

let opening: Promise<Database> | undefined;

/**
 * The process-wide database. PGlite allows one connection per data directory, so the server
 * opens it once and every request shares it.
 */
export function database(options: DatabaseOptions): Promise<Database> {
	opening ??= openDatabase(options);
	return opening;
}

/** PostgreSQL's unique_violation; Drizzle wraps the driver's error in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
		if ('code' in e && e.code === '23505') return true;
	}
	return false;
}

export { schema };
