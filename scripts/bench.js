#!/usr/bin/env node
/** `npm run bench`: builds, then runs every bench/*.bench.ts and prints its figures. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;

if (!run('npx', ['vite', 'build', '--logLevel', 'warn'])) process.exit(1);
let ok = true;
for (const file of readdirSync('bench')
	.filter((f) => f.endsWith('.bench.ts'))
	.sort()) {
	console.log(`\n# ${file}`);
	ok = run('npx', ['tsx', `bench/${file}`]) && ok;
}
process.exit(ok ? 0 : 1);
