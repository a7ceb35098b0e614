/**
 * `npm run create-admin -- <username> [display name]`: creates the first admin account (or
 * another one) in the database the server uses: DATABASE_URL, else the PGlite data directory
 * (ILGAM_DATA_DIR, default ./data). The password comes from ILGAM_ADMIN_PASSWORD or is asked
 * for on the terminal, so it never lands in the shell history. Stop the server first when it
 * runs on PGlite: one process at a time may open its data directory.
 */
import { createInterface } from 'node:readline/promises';
import * as v from 'valibot';
import { Password, Username } from '../src/lib/api/auth';
import { createAccount } from '../src/lib/server/accounts';
import { openDatabase } from '../src/lib/server/db';

async function askPassword(): Promise<string> {
	if (process.env.ILGAM_ADMIN_PASSWORD) return process.env.ILGAM_ADMIN_PASSWORD;
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	// Typed characters are not echoed: readline writes through _writeToOutput.
	const muted = rl as unknown as { _writeToOutput: (s: string) => void };
	const question = rl.question('Password for the new admin (at least 8 characters): ');
	muted._writeToOutput = () => {};
	const answer = await question;
	rl.close();
	process.stdout.write('\n');
	return answer;
}

async function main() {
	const [rawName, ...nameParts] = process.argv.slice(2);
	const username = v.safeParse(Username, rawName ?? '');
	if (!username.success) {
		console.error(
			`Usage: npm run create-admin -- <username> [display name]\n${username.issues[0].message}`
		);
		process.exit(2);
	}
	const password = v.safeParse(Password, await askPassword());
	if (!password.success) {
		console.error(password.issues[0].message);
		process.exit(2);
	}
	const database = await openDatabase({
		url: process.env.DATABASE_URL?.trim() || undefined,
		dataDir: process.env.ILGAM_DATA_DIR?.trim() || './data',
		migrationsDir: process.env.ILGAM_MIGRATIONS_DIR?.trim() || 'drizzle'
	});
	try {
		const user = await createAccount(database.db, {
			username: username.output,
			password: password.output,
			displayName: nameParts.join(' ') || username.output,
			role: 'admin'
		});
		console.log(`Admin ${user.username} created. Log in at /console/login.`);
	} catch (err) {
		console.error(err instanceof Error ? err.message : err);
		process.exitCode = 1;
	} finally {
		await database.close();
	}
}

await main();
