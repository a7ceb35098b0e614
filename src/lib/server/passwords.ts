/**
 * Passwords: argon2id, memory-hard, with the library's defaults (19 MiB, 2 passes — OWASP's
 * minimum), stored in the PHC string form so the parameters can rise later without a migration.
 */
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

/**
 * Verifies, and takes about as long when there is no account: a quick "no" for unknown
 * usernames would tell an attacker which ones exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
	if (!stored) {
		await verify(await dummyHash(), password).catch(() => false);
		return false;
	}
	return verify(stored, password).catch(() => false);
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
	dummy ??= hash('no such account');
	return dummy;
}
