/**
 * The server's process-wide state: the database, opened once, migrated, with the shipped
 * content seeded. Every request handler gets it through `app()`.
 */
import { serverConfig } from './config';
import { loadContent } from './content';
import { database, type Database } from './db';
import { seedContent, seedDemo } from './seed';

let ready: Promise<Database> | undefined;

export function app(): Promise<Database> {
	ready ??= (async () => {
		const config = serverConfig();
		const opened = await database({
			url: config.databaseUrl,
			dataDir: config.dataDir,
			migrationsDir: config.migrationsDir
		});
		const content = await loadContent(config.contentDir, config.staticDir);
		await seedContent(opened.db, content, config.staticDir);
		if (config.demo) await seedDemo(opened.db);
		return opened;
	})();
	return ready;
}
