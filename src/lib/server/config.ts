/** Server settings, read once from the environment. */
import { env } from '$env/dynamic/private';

export interface ServerConfig {
	databaseUrl: string | undefined;
	dataDir: string;
	contentDir: string;
	staticDir: string;
	migrationsDir: string;
	/** Seed the demo coordinator, cohort and learner (src/lib/server/seed.ts). */
	demo: boolean;
}

export function serverConfig(): ServerConfig {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
	}
	return {
		databaseUrl,
		dataDir: env.ILGAM_DATA_DIR?.trim() || './data',
		contentDir: env.ILGAM_CONTENT_DIR?.trim() || 'content',
		staticDir: env.ILGAM_STATIC_DIR?.trim() || 'static',
		migrationsDir: env.ILGAM_MIGRATIONS_DIR?.trim() || 'drizzle',
		demo: ['1', 'true'].includes(env.ILGAM_DEMO?.trim() ?? '')
	};
}
