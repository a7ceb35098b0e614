/**
 * Sessions: a random 256-bit token in an HttpOnly cookie; the database keeps only its SHA-256,
 * so the app servers stay stateless and a leaked table holds no usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from './db';
import { sessions as sessionsTable, users, type User } from './db/schema';

export const SESSION_COOKIE = 'ilgam_session';
const SESSION_DAYS = 365;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function create(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
	await db.insert(sessionsTable).values({ tokenHash: hashToken(token), userId, expiresAt });
	return { token, expiresAt };
}

export async function read(db: Db, token: string): Promise<User | null> {
	const [row] = await db
		.select({ user: users })
		.from(sessionsTable)
		.innerJoin(users, eq(users.id, sessionsTable.userId))
		.where(
			and(eq(sessionsTable.tokenHash, hashToken(token)), gt(sessionsTable.expiresAt, new Date()))
		)
		.limit(1);
	return row?.user ?? null;
}

export function setCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

/** Ends the session the token names; the row goes, so the cookie is worthless everywhere. */
export async function destroy(db: Db, token: string): Promise<void> {
	await db.delete(sessionsTable).where(eq(sessionsTable.tokenHash, hashToken(token)));
}

/** Logs this device out: its session row goes and its cookie is cleared. */
export async function end(db: Db, cookies: Cookies, secure: boolean): Promise<void> {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await destroy(db, token);
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/**
 * Starts a fresh session for `userId` and ends the one the request came with. A new token at
 * every login and join is what defeats session fixation: a token planted before sign-in is
 * dead after it.
 */
export async function renew(
	db: Db,
	cookies: Cookies,
	userId: string,
	secure: boolean
): Promise<void> {
	const old = cookies.get(SESSION_COOKIE);
	if (old) await destroy(db, old);
	const { token, expiresAt } = await create(db, userId);
	setCookie(cookies, token, expiresAt, secure);
}
