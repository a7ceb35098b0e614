import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, SessionInfo } from '$lib/api/auth';
import * as account from '$lib/offline/account';
import { AccountError } from '$lib/offline/account';
import { clearLocalDb, type LocalDb } from '$lib/offline/db';
import { record } from '$lib/offline/events';
import * as meta from '$lib/offline/meta';
import { freshDb } from '../factories';

// ---------------------------------------------------------------------------------------------
// A fake of the account endpoints: a real fetch-compatible function that records each Request.

interface Seen {
	method: string;
	path: string;
	contentType: string | null;
	credentials: RequestCredentials;
	body: unknown;
}

type Answer = Response | 'network';

function fakeFetch(answers: Record<string, () => Answer>) {
	const seen: Seen[] = [];
	const fetch: typeof globalThis.fetch = async (input, init) => {
		const request = new Request(new URL(String(input), 'http://ilgam.test'), init);
		const url = new URL(request.url);
		const text = await request.text();
		seen.push({
			method: request.method,
			path: url.pathname,
			contentType: request.headers.get('content-type'),
			credentials: init?.credentials ?? 'same-origin',
			body: text ? JSON.parse(text) : undefined
		});
		const answer = answers[`${request.method} ${url.pathname}`]?.();
		if (answer === 'network') throw new TypeError('fetch failed');
		return (
			answer ??
			Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
		);
	};
	return { fetch, seen };
}

const apiError =
	(status: number, code: string, message = `${code} message`) =>
	() =>
		Response.json({ error: { code, message } }, { status });

function accountOf(overrides: Partial<Account> = {}): Account {
	return {
		username: 'minh',
		displayName: 'Minh',
		role: 'learner',
		cohort: { id: 'cohort-1', name: 'Ansan spring' },
		...overrides
	};
}

function sessionOf(overrides: Partial<SessionInfo> = {}): SessionInfo {
	return { learnerId: 'learner-1', account: accountOf(), ...overrides };
}

const JOIN = { code: 'k7pm-3qxd', displayName: 'Minh', username: 'Minh', password: 'long enough' };
const LOGIN = { username: 'minh', password: 'long enough' };

/** Catches what `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<AccountError> {
	const error: unknown = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AccountError);
	return error as AccountError;
}

// ---------------------------------------------------------------------------------------------

describe('readSession', () => {
	it('parses a guest and an account', async () => {
		const guest = { learnerId: 'learner-9', account: null };
		const server = fakeFetch({ 'GET /api/session': () => Response.json(guest) });
		expect(await account.readSession(server.fetch)).toEqual(guest);
		expect(server.seen[0]).toMatchObject({ method: 'GET', credentials: 'same-origin' });

		const signedIn = sessionOf({ account: accountOf({ cohort: null }) });
		const again = fakeFetch({ 'GET /api/session': () => Response.json(signedIn) });
		expect(await account.readSession(again.fetch)).toEqual(signedIn);
	});

	it('refuses an answer of an unknown shape', async () => {
		const server = fakeFetch({
			'GET /api/session': () => Response.json({ learnerId: 'x', account: { username: 1 } })
		});
		const error = await failure(account.readSession(server.fetch));
		expect(error.code).toBe('server');
		expect(account.describeError(error)).toEqual({ key: 'account.error_server' });
	});
});

describe('join', () => {
	it('posts the form as JSON and answers the session', async () => {
		const session = sessionOf();
		const server = fakeFetch({
			'POST /api/auth/join': () => Response.json(session, { status: 201 })
		});

		expect(await account.join(server.fetch, JOIN)).toEqual(session);

		expect(server.seen).toEqual([
			{
				method: 'POST',
				path: '/api/auth/join',
				contentType: 'application/json',
				credentials: 'same-origin',
				body: JOIN
			}
		]);
	});

	it.each([
		[404, 'unknown_code', 'account.error_unknown_code'],
		[409, 'username_taken', 'account.error_username_taken'],
		[409, 'already_member', 'account.error_already_member'],
		[429, 'rate_limited', 'account.error_rate_limited'],
		[500, 'internal', 'account.error_server']
	])('a %i %s is told as %s', async (status, code, key) => {
		const server = fakeFetch({ 'POST /api/auth/join': apiError(status, code) });
		const error = await failure(account.join(server.fetch, JOIN));
		expect(error).toMatchObject({ status, code });
		expect(account.describeError(error)).toEqual({ key });
	});

	it('shows the server’s own words for invalid_request', async () => {
		const message = 'displayName: a display name has at most 60 characters';
		const server = fakeFetch({ 'POST /api/auth/join': apiError(400, 'invalid_request', message) });
		const error = await failure(account.join(server.fetch, JOIN));
		expect(account.describeError(error)).toEqual({
			key: 'account.error_invalid',
			values: { detail: message }
		});
	});

	it.each([
		['code', { code: 'K7PM-3QX' }, 'account.code_rule'],
		['displayName', { displayName: '   ' }, 'account.display_name_rule'],
		['username', { username: 'mi' }, 'account.username_rule'],
		['username', { username: 'min h' }, 'account.username_rule'],
		['password', { password: 'short' }, 'account.password_rule']
	])('a bad %s is refused on the phone, without a request', async (field, change, key) => {
		const server = fakeFetch({});
		const error = await failure(account.join(server.fetch, { ...JOIN, ...change }));
		expect(error).toMatchObject({ code: 'invalid_request', field });
		expect(account.describeError(error)).toEqual({ key });
		expect(server.seen).toHaveLength(0);
	});

	it('without a network says so', async () => {
		const server = fakeFetch({ 'POST /api/auth/join': () => 'network' });
		const error = await failure(account.join(server.fetch, JOIN));
		expect(error.code).toBe('offline');
		expect(account.describeError(error)).toEqual({ key: 'account.error_offline' });
	});

	it('an answer that is not JSON (a proxy’s error page) is a server error', async () => {
		const server = fakeFetch({
			'POST /api/auth/join': () => new Response('<h1>Bad gateway</h1>', { status: 502 })
		});
		const error = await failure(account.join(server.fetch, JOIN));
		expect(error).toMatchObject({ code: 'server', status: 502 });
	});
});

describe('login', () => {
	it('answers the account’s session', async () => {
		const session = sessionOf({ learnerId: 'learner-account' });
		const server = fakeFetch({ 'POST /api/auth/login': () => Response.json(session) });
		expect(await account.login(server.fetch, LOGIN)).toEqual(session);
		expect(server.seen[0]).toMatchObject({
			method: 'POST',
			contentType: 'application/json',
			body: LOGIN
		});
	});

	it.each([
		[401, 'invalid_credentials', 'account.error_invalid_credentials'],
		[409, 'already_member', 'account.error_already_member'],
		[429, 'rate_limited', 'account.error_rate_limited']
	])('a %i %s is told as %s', async (status, code, key) => {
		const server = fakeFetch({ 'POST /api/auth/login': apiError(status, code) });
		const error = await failure(account.login(server.fetch, LOGIN));
		expect(account.describeError(error)).toEqual({ key });
	});

	it('an empty password is refused on the phone', async () => {
		const server = fakeFetch({});
		const error = await failure(account.login(server.fetch, { ...LOGIN, password: '' }));
		expect(error.field).toBe('password');
		expect(server.seen).toHaveLength(0);
	});
});

describe('logout', () => {
	it('posts an empty JSON body', async () => {
		const server = fakeFetch({ 'POST /api/auth/logout': () => Response.json({ ok: true }) });
		await account.logout(server.fetch);
		expect(server.seen).toEqual([
			{
				method: 'POST',
				path: '/api/auth/logout',
				contentType: 'application/json',
				credentials: 'same-origin',
				body: {}
			}
		]);
	});

	it('a session already gone counts as logged out', async () => {
		const server = fakeFetch({ 'POST /api/auth/logout': apiError(401, 'unauthenticated') });
		await expect(account.logout(server.fetch)).resolves.toBeUndefined();
	});

	it('offline it fails, so the phone is not emptied while the cookie still works', async () => {
		const server = fakeFetch({ 'POST /api/auth/logout': () => 'network' });
		expect((await failure(account.logout(server.fetch))).code).toBe('offline');
	});
});

describe('certificate', () => {
	const shared = {
		certificate: { url: '/certificates/abc123', createdAt: '2026-03-01T09:00:00Z' }
	};

	it('reads, creates and withdraws the link', async () => {
		const server = fakeFetch({
			'GET /api/certificate': () => Response.json({ certificate: null }),
			'POST /api/certificate': () => Response.json(shared, { status: 201 }),
			'DELETE /api/certificate': () => Response.json({ certificate: null })
		});

		expect(await account.readCertificate(server.fetch)).toEqual({ certificate: null });
		expect(await account.createCertificate(server.fetch)).toEqual(shared);
		expect(await account.withdrawCertificate(server.fetch)).toEqual({ certificate: null });

		expect(server.seen.map((r) => [r.method, r.body, r.contentType])).toEqual([
			['GET', undefined, null],
			['POST', {}, 'application/json'],
			['DELETE', undefined, null]
		]);
	});

	it('a lost session asks to log in again', async () => {
		const server = fakeFetch({ 'GET /api/certificate': apiError(401, 'unauthenticated') });
		const error = await failure(account.readCertificate(server.fetch));
		expect(account.describeError(error)).toEqual({ key: 'account.login_again' });
	});

	it('links on this origin', () => {
		expect(account.certificateLink('/certificates/abc123', 'https://ilgam.example')).toBe(
			'https://ilgam.example/certificates/abc123'
		);
		// Should the server ever answer a whole address, it is kept as it is.
		expect(
			account.certificateLink('https://cdn.example/certificates/x', 'https://ilgam.example')
		).toBe('https://cdn.example/certificates/x');
	});
});

describe('guards', () => {
	it.each([
		[0, 0, null],
		[1, 0, 'unsynced'],
		[0, 2, 'rejected'],
		[3, 2, 'unsynced']
	] as const)('logout with %i pending and %i rejected: %s', (pending, rejected, expected) => {
		expect(account.logoutBlocker({ pending, rejected })).toBe(expected);
	});

	it('login waits for the outbox to be empty', () => {
		expect(account.loginBlocker(0)).toBeNull();
		expect(account.loginBlocker(1)).toBe('unsynced');
	});

	it('the same user is the same after trimming and lower-casing', () => {
		const minh = accountOf({ username: 'minh' });
		expect(account.isSameUser(minh, ' Minh ')).toBe(true);
		expect(account.isSameUser(minh, 'minh2')).toBe(false);
	});

	it('every message it can answer exists', () => {
		const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<
			string,
			Record<string, string>
		>;
		const codes = [
			'offline',
			'server',
			'invalid_request',
			'unknown_code',
			'username_taken',
			'already_member',
			'invalid_credentials',
			'rate_limited',
			'unauthenticated',
			'unsynced',
			'other_account'
		];
		const fields = ['code', 'displayName', 'username', 'password'];
		const keys = [
			...codes.map((code) => account.describeError(new AccountError(code, 'x')).key),
			...fields.map(
				(field) => account.describeError(new AccountError('invalid_request', 'x', 400, field)).key
			),
			account.describeError(new Error('boom')).key
		];
		for (const key of keys) {
			const [section, name] = key.split('.');
			expect(en[section!]?.[name!], key).toBeTypeOf('string');
		}
	});
});

describe('the stored account', () => {
	let db: LocalDb;
	beforeEach(async () => {
		db = await freshDb();
	});
	afterEach(() => db.close());

	it('is null for a guest and falls back to null when corrupt', async () => {
		expect(await meta.get(db, 'account')).toBeNull();
		await meta.set(db, 'account', accountOf());
		expect(await meta.get(db, 'account')).toEqual(accountOf());
		await db.put('meta', { username: 'minh' }, 'account');
		expect(await meta.get(db, 'account')).toBeNull();
	});

	it('clearLocalDb leaves nothing of the learner behind', async () => {
		await meta.set(db, 'learnerId', 'learner-1');
		await meta.set(db, 'account', accountOf());
		await record(db, 'review', {
			wordId: 'word-1',
			correct: true,
			rating: 3,
			exercise: 'meaning_choice',
			durationMs: 1_000
		});
		await db.put('drafts', { key: 'lesson:x', updatedAt: 1, state: {} });

		await clearLocalDb(db);

		for (const name of db.objectStoreNames) expect(await db.count(name), name).toBe(0);
		expect(await meta.get(db, 'learnerId')).toBeNull();
		expect(await meta.get(db, 'account')).toBeNull();
	});
});
