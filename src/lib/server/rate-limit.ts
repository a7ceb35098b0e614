/**
 * Fixed-window rate limits for login and join, counted in the database so that they hold across
 * every replica of the app server and survive a restart.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { rateLimits } from './db/schema';
import { ApiFailure } from './http';

export interface Limit {
	/** Attempts allowed per window. */
	max: number;
	windowMs: number;
}

export const LOGIN_LIMITS = {
	/** Per username: slows guessing one learner's password to a crawl. */
	account: { max: 10, windowMs: 15 * 60_000 },
	/** Per client address: a classroom shares one, so it is roomier. */
	client: { max: 60, windowMs: 15 * 60_000 }
} satisfies Record<string, Limit>;

/** Counts one attempt under `key`; throws 429 with the wait when the window is full. */
export async function hit(db: Db, key: string, limit: Limit, now = new Date()): Promise<void> {
	const cutoff = sql`${new Date(now.getTime() - limit.windowMs).toISOString()}::timestamptz`;
	const at = sql`${now.toISOString()}::timestamptz`;
	const [row] = await db
		.insert(rateLimits)
		.values({ key, windowStart: now, count: 1 })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.windowStart} <= ${cutoff} then 1 else ${rateLimits.count} + 1 end`,
				windowStart: sql`case when ${rateLimits.windowStart} <= ${cutoff} then ${at} else ${rateLimits.windowStart} end`
			}
		})
		.returning();
	if (row && row.count > limit.max) {
		const retryAfter = Math.ceil(
			(row.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000
		);
		throw new ApiFailure(
			429,
			'rate_limited',
			`Too many attempts. Try again in ${Math.max(1, Math.ceil(retryAfter / 60))} minutes.`,
			{ 'retry-after': String(Math.max(1, retryAfter)) }
		);
	}
}

/**
 * The attempts each sign-in path counts, by key, so the app's login, the console's login and
 * join share one budget per client and per username.
 */
export const signIn = {
	loginFrom: (db: Db, address: string) => hit(db, `login:${address}`, LOGIN_LIMITS.client),
	loginAs: (db: Db, username: string) => hit(db, `login-user:${username}`, LOGIN_LIMITS.account),
	joinFrom: (db: Db, address: string) => hit(db, `join:${address}`, LOGIN_LIMITS.client)
};
