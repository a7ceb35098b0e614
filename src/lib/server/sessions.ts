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
