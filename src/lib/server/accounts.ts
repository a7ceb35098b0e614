/**
 * Accounts: joining a cohort with its code, logging in, and creating staff accounts. A guest who
 * joins keeps their learner id, so everything they practised is already theirs; a guest who logs
 * in to an existing account hands their events over to it.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Account, JoinRequest, LoginRequest, Role, SessionInfo } from '$lib/api/auth';
import { isUniqueViolation, type Db } from './db';
import { cohorts, events, leases, users, type User } from './db/schema';
import { ApiFailure } from './http';
import { hashPassword, verifyPassword } from './passwords';

/** No 0/O, 1/I/L: a code read aloud in a classroom or copied off a whiteboard stays right. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;

export function newJoinCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** "K7PMQ3XD" → "K7PM-QXD3": easier to read out and type. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export async function accountOf(db: Db, user: User): Promise<Account | null> {
	if (user.anonymous || !user.username) return null;
	const [cohort] = user.cohortId
		? await db
				.select({ id: cohorts.id, name: cohorts.name })
				.from(cohorts)
				.where(eq(cohorts.id, user.cohortId))
		: [];
	return {
		username: user.username,
		displayName: user.displayName ?? user.username,
		role: user.role,
		cohort: cohort ?? null
	};
}

export async function sessionInfo(db: Db, user: User): Promise<SessionInfo> {
	return { learnerId: user.id, account: await accountOf(db, user) };
}

function alreadyMember(): ApiFailure {
	return new ApiFailure(409, 'already_member', 'You are logged in to an account. Log out first.');
}

function usernameTaken(username: string): ApiFailure {
	return new ApiFailure(
		409,
		'username_taken',
		`The username ${username} is taken. Choose another.`
	);
}

/**
 * Joins the cohort whose code is given. The request's guest becomes the account (same id, so
 * their synced progress stays theirs); without a guest a new learner is made.
 */
export async function join(db: Db, current: User | null, input: JoinRequest): Promise<User> {
	if (current && !current.anonymous) throw alreadyMember();
	const [cohort] = await db.select().from(cohorts).where(eq(cohorts.joinCode, input.code));
	if (!cohort) {
		throw new ApiFailure(
			404,
			'unknown_code',
			'No class has this code. Check it with your coordinator.'
		);
	}
	const passwordHash = await hashPassword(input.password);
	const fields = {
		anonymous: false,
		role: 'learner' as const,
		username: input.username,
		displayName: input.displayName,
		passwordHash,
		cohortId: cohort.id
	};
	try {
		const [user] = current
			? await db
					.update(users)
					.set(fields)
					.where(and(eq(users.id, current.id), eq(users.anonymous, true)))
					.returning()
			: await db.insert(users).values(fields).returning();
		if (!user) throw alreadyMember();
		return user;
	} catch (err) {
		if (isUniqueViolation(err)) throw usernameTaken(input.username);
		throw err;
	}
}

/**
 * Checks a username and password. The same answer for an unknown name and a wrong password,
 * after the same work, so the endpoint does not tell which usernames exist.
 */
export async function authenticate(db: Db, input: LoginRequest): Promise<User> {
	const [user] = await db
		.select()
		.from(users)
		.where(and(eq(users.username, input.username), eq(users.anonymous, false)));
	const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
	if (!user || !ok) {
		throw new ApiFailure(401, 'invalid_credentials', 'The username or password is not right.');
	}
	return user;
}

/**
 * Logs in. A guest's synced events move to the account, re-inserted so that they get new
 * sequence numbers: the account's other devices, whose pull cursors are past the old ones,
 * still receive them. The guest's open leases move too, unless the account holds the task.
 */
export async function login(db: Db, current: User | null, input: LoginRequest): Promise<User> {
	const user = await authenticate(db, input);
	if (current && !current.anonymous && current.id !== user.id) throw alreadyMember();
	if (current?.anonymous) await adoptGuest(db, current.id, user.id);
	return user;
}

const MOVE_BATCH = 500;

async function adoptGuest(db: Db, guestId: string, accountId: string): Promise<void> {
	await db.transaction(async (tx) => {
		for (;;) {
			const batch = await tx
				.select()
				.from(events)
				.where(eq(events.userId, guestId))
				.orderBy(asc(events.seq))
				.limit(MOVE_BATCH);
			if (batch.length === 0) break;
			const ids = batch.map((event) => event.id);
			await tx.delete(events).where(inArray(events.id, ids));
			await tx
				.insert(events)
				.values(batch.map(({ seq: _seq, ...event }) => ({ ...event, userId: accountId })));
		}
		const held = tx
			.select({ taskId: leases.taskId })
			.from(leases)
			.where(eq(leases.userId, accountId));
		await tx
			.update(leases)
			.set({ userId: accountId })
			.where(and(eq(leases.userId, guestId), notInArray(leases.taskId, held)));
		await tx.delete(users).where(and(eq(users.id, guestId), eq(users.anonymous, true)));
	});
}

export interface NewAccount {
	username: string;
	password: string;
	displayName: string;
	role: Role;
	cohortId?: string | null;
}

/** For staff accounts (the admin script, the admin's console) and the demo seed. */
export async function createAccount(db: Db, input: NewAccount): Promise<User> {
	try {
		const [user] = await db
			.insert(users)
			.values({
				anonymous: false,
				role: input.role,
				username: input.username,
				displayName: input.displayName,
				passwordHash: await hashPassword(input.password),
				cohortId: input.cohortId ?? null
			})
			.returning();
		if (!user) throw new Error('insert into users returned nothing');
		return user;
	} catch (err) {
		if (isUniqueViolation(err)) throw usernameTaken(input.username);
		throw err;
	}
}
