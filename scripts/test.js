#!/usr/bin/env node
/**
 * `npm test`: unit, integration and end-to-end tests in one run.
 * - Builds the app first: the end-to-end tests drive the production build (the service worker
 *   only exists there).
 * - Finds Chromium and PostgreSQL. In CI (CI=true) both are required: their tests fail, never
 *   skip. Elsewhere a missing one is skipped, and this script says so loudly.
 * - Ends with a plain "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { startVitest } from 'vitest/node';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome'
].find((path) => path && existsSync(path));
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable() {
	const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

function loud(message) {
	const bar = '!'.repeat(78);
	console.warn(`\n${bar}\n!! ${message}\n${bar}\n`);
}

const projects = ['unit', 'integration'];
if (chromium) {
	projects.push('e2e');
	process.env.CHROMIUM_PATH = chromium;
} else if (ci) {
	// Still run the e2e project: without a browser its setup throws, so the run fails.
	projects.push('e2e');
} else {
	loud(
		'No Chromium found: END-TO-END TESTS SKIPPED. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.'
	);
}

if (ci) process.env.REQUIRE_POSTGRES = '1';
else if (!(await postgresReachable())) {
	loud(`PostgreSQL not reachable at ${pgUrl}: POSTGRESQL TESTS SKIPPED (PGlite tests still run).`);
}
process.env.TEST_DATABASE_URL = pgUrl;

if (projects.includes('e2e')) {
	const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) {
		console.error('build failed');
		process.exit(1);
	}
}

const filters = process.argv.slice(2);
const vitest = await startVitest('test', filters, { run: true, project: projects, watch: false });
const files = vitest?.state.getFiles() ?? [];
let passed = 0;
let failed = 0;
let skipped = 0;
const visit = (task) => {
	if (task.type === 'test') {
		const state = task.result?.state;
		if (state === 'pass') passed++;
		else if (state === 'fail') failed++;
		else skipped++;
	}
	for (const child of task.tasks ?? []) visit(child);
};
files.forEach(visit);
const errors = vitest?.state.getUnhandledErrors().length ?? 0;
await vitest?.close();
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
const ok =
	failed === 0 && errors === 0 && files.every((f) => f.result?.state !== 'fail') && passed > 0;
process.exit(ok ? 0 : 1);
