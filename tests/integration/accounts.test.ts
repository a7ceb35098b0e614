/**
 * Accounts through the real route handlers on a real database: joining a cohort with its code
 * (a guest keeps their id and progress), logging in (a guest's events move to the account),
 * logging out, session fixation, cookie attributes, the login and join rate limits, and the
 * learner's certificate link. The demo seed (`seedDemo`) gives a coordinator, a cohort with
 * the code DEMO2026 and a learner `minh` in it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reviewEvent, settingsEvent } from '../factories';
import type { CertificateInfo, SessionInfo } from '$lib/api/auth';
import { createAccount } from '$lib/server/accounts';
import { publicCertificate } from '$lib/server/certificates';
import type { Database } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { DEMO, seedDemo } from '$lib/server/seed';
import * as sessions from '$lib/server/sessions';
import {
	coordinator,
	expectApiError,
	joinCohort,
	learner,
	loginAs,
	logout,
	PASSWORD,
	pull,
	pullAll,
	push
} from '../support/api';
import { testContent, testDatabases } from '../support/databases';
import { client, type TestClient } from '../support/request';

const content = await testContent();
const targets = await testDatabases();
const wordIds = content.words.map((word) => word.id);

/** A review of a real word, made now. */
const review = (i = 0) =>
	reviewEvent({ createdAt: new Date().toISOString(), payload: { wordId: wordIds[i]! } });

/** `name=value; attrs…` of the session cookie in a response, or undefined. */
function sessionCookie(response: Response): string | undefined {
	return response.headers
		.getSetCookie()
		.find((cookie) => cookie.startsWith(`${sessions.SESSION_COOKIE}=`));
}

async function sessionOf(api: TestClient): Promise<Response> {
	return api.get('/api/session');
}

/** A device that plays back a stolen or planted token. */
function deviceWithToken(database: Database, token: string): TestClient {
	const api = client(database.db);
	api.cookies.put(sessions.SESSION_COOKIE, token);
	return api;
}

let usernames = 0;
/** A fresh valid username (usernames are per database, and each target has its own). */
const newUsername = (prefix = 'user') => `${prefix}-${++usernames}`;

describe.each(targets)('accounts on $name', (target) => {
	let database: Database;
	let cohort: schema.Cohort;

	beforeAll(async () => {
		database = await target.open();
		await seedDemo(database.db);
		const [row] = await database.db
			.select()
			.from(schema.cohorts)
			.where(eq(schema.cohorts.joinCode, DEMO.cohort.joinCode));
		if (!row) throw new Error('seedDemo made no cohort');
		cohort = row;
	});

	afterAll(async () => {
		await database?.close();
	});

	// Tests log in as minh again and again: each starts with empty rate-limit windows, and the
	// rate-limit tests fill their own.
	beforeEach(async () => {
		await database.db.delete(schema.rateLimits);
	});

	describe('POST /api/auth/join', () => {
		it('turns the guest into the account: same learner id, same synced events', async () => {
			const guest = await learner(database);
			const events = [review(0), review(1), settingsEvent({ createdAt: new Date().toISOString() })];
			expect((await push(guest.api, events)).map((r) => r.status)).toEqual(
				Array(3).fill('accepted')
			);
			const username = newUsername('joiner');
			// Codes are read off a whiteboard: case, spaces and the dash do not matter.
			const joined = await joinCohort(database, ' demo-2026 ', username.toUpperCase(), {
				api: guest.api,
				displayName: '  Thu Trang  '
			});
			expect(joined.info).toEqual({
				learnerId: guest.id,
				account: {
					username,
					displayName: 'Thu Trang',
					role: 'learner',
					cohort: { id: cohort.id, name: DEMO.cohort.name }
				}
			} satisfies SessionInfo);

			const who = await sessionOf(guest.api);
			expect(who.status).toBe(200);
			expect(await who.json()).toEqual(joined.info);
			const pulled = await pullAll(guest.api);
			expect(pulled.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());

			const [user] = await database.db
				.select()
				.from(schema.users)
				.where(eq(schema.users.id, guest.id));
			expect(user).toMatchObject({ anonymous: false, role: 'learner', cohortId: cohort.id });
			expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
			expect(user!.passwordHash).not.toContain(PASSWORD);
		});

		it('without a session makes a new learner with a session', async () => {
			const api = client(database.db);
			const joined = await joinCohort(database, DEMO.cohort.joinCode, newUsername(), { api });
			expect(joined.info.account?.role).toBe('learner');
			expect(api.sessionToken()).toBeTruthy();
			const who = await sessionOf(api);
			expect(((await who.json()) as SessionInfo).learnerId).toBe(joined.id);
		});

		it('answers 404 unknown_code for a code no cohort has, and the guest stays a guest', async () => {
			const guest = await learner(database);
			const response = await guest.api.post('/api/auth/join', {
				code: 'ZZZZ-ZZZZ',
				username: newUsername(),
				displayName: 'Nobody',
				password: PASSWORD
			});
			await expectApiError(response, 404, 'unknown_code');
			expect(sessionCookie(response)).toBeUndefined();
			const who = await sessionOf(guest.api);
			expect(await who.json()).toEqual({ learnerId: guest.id, account: null });
		});

		it('answers 409 username_taken for a taken username, in any case', async () => {
			const guest = await learner(database);
			for (const username of [DEMO.learner.username, DEMO.learner.username.toUpperCase()]) {
				const response = await guest.api.post('/api/auth/join', {
					code: DEMO.cohort.joinCode,
					username,
					displayName: 'Impostor',
					password: PASSWORD
				});
				const error = await expectApiError(response, 409, 'username_taken');
				expect(error.message).toContain(DEMO.learner.username);
			}
			// Nothing of the failed join stuck to the guest.
			expect(await (await sessionOf(guest.api)).json()).toEqual({
				learnerId: guest.id,
				account: null
			});
			// And the taken account is untouched: its owner still logs in.
			await loginAs(database, DEMO.learner.username, DEMO.password);
		});

		it('answers 409 already_member to a device logged in to an account', async () => {
			const minh = await loginAs(database, DEMO.learner.username, DEMO.password);
			const response = await minh.api.post('/api/auth/join', {
				code: DEMO.cohort.joinCode,
				username: newUsername(),
				displayName: 'Second me',
				password: PASSWORD
			});
			await expectApiError(response, 409, 'already_member');
			const who = (await (await sessionOf(minh.api)).json()) as SessionInfo;
			expect(who.account?.username).toBe(DEMO.learner.username);
		});

		it('refuses bodies that do not fit JoinRequest with 400, naming the field', async () => {
			const api = client(database.db);
			const valid = {
				code: DEMO.cohort.joinCode,
				username: newUsername(),
				displayName: 'Valid',
				password: PASSWORD
			};
			const cases: [unknown, RegExp][] = [
				[{ ...valid, password: 'short' }, /password/],
				[{ ...valid, username: 'no spaces please' }, /username/],
				[{ ...valid, username: 'ab' }, /username/],
				[{ ...valid, displayName: '   ' }, /displayName/],
				[{ ...valid, code: 'ABC' }, /code/],
				[{ ...valid, role: 'admin' }, /role/],
				[{ ...valid, cohortId: cohort.id }, /cohortId/]
			];
			for (const [body, field] of cases) {
				const error = await expectApiError(await api.post('/api/auth/join', body), 400);
				expect(error.message, JSON.stringify(body)).toMatch(field);
			}
			expect(api.sessionToken()).toBeUndefined();
		});
	});

	describe('POST /api/auth/login', () => {
		it("moves a guest's events to the account, with seq numbers after the account's", async () => {
			const username = newUsername('mover');
			const phone = await joinCohort(database, DEMO.cohort.joinCode, username);
			const own = [review(0), review(1)];
			await push(phone.api, own);
			const before = await pull(phone.api, 'after=0&limit=500');
			expect(before.events.map((e) => e.id).sort()).toEqual(own.map((e) => e.id).sort());

			// A second device, used as a guest first, then logged in.
			const tablet = await learner(database);
			const guestEvents = [review(2), review(3), review(4)];
			await push(tablet.api, guestEvents);
			const guestToken = tablet.api.sessionToken()!;

			const loggedIn = await loginAs(database, username, PASSWORD, tablet.api);
			expect(loggedIn.id).toBe(phone.id);
			expect(loggedIn.id).not.toBe(tablet.id);
			expect(loggedIn.info.account?.username).toBe(username);

			// The phone, whose cursor is past the account's own events, still gets the guest's.
			const next = await pull(phone.api, `after=${before.cursor}&limit=500`);
			expect(next.events.map((e) => e.id).sort()).toEqual(guestEvents.map((e) => e.id).sort());
			const maxBefore = Math.max(...before.events.map((e) => e.seq));
			for (const event of next.events) expect(event.seq).toBeGreaterThan(maxBefore);
			// Payloads and times travel unchanged.
			for (const event of guestEvents) {
				const moved = next.events.find((e) => e.id === event.id)!;
				expect(moved).toMatchObject({ type: 'review', payload: event.payload });
				expect(Date.parse(moved.createdAt)).toBe(Date.parse(event.createdAt));
			}

			const all = await pullAll(tablet.api);
			expect(all.map((e) => e.id).sort()).toEqual([...own, ...guestEvents].map((e) => e.id).sort());
			// The guest is gone, and with it the session the tablet had.
			const guestRows = await database.db
				.select()
				.from(schema.users)
				.where(eq(schema.users.id, tablet.id));
			expect(guestRows).toEqual([]);
			const guestEventRows = await database.db
				.select()
				.from(schema.events)
				.where(eq(schema.events.userId, tablet.id));
			expect(guestEventRows).toEqual([]);
			await expectApiError(
				await sessionOf(deviceWithToken(database, guestToken)),
				401,
				'unauthenticated'
			);
		});

		it('answers the same 401 for a wrong password and for an unknown username', async () => {
			const wrongPassword = await client(database.db).post('/api/auth/login', {
				username: DEMO.learner.username,
				password: 'not-the-password'
			});
			const unknownUser = await client(database.db).post('/api/auth/login', {
				username: 'nobody-is-called-this',
				password: 'not-the-password'
			});
			const a = await expectApiError(wrongPassword, 401, 'invalid_credentials');
			const b = await expectApiError(unknownUser, 401, 'invalid_credentials');
			expect(a).toEqual(b);
			expect(wrongPassword.headers.get('content-type')).toBe(
				unknownUser.headers.get('content-type')
			);
			expect(sessionCookie(wrongPassword)).toBeUndefined();
			expect(sessionCookie(unknownUser)).toBeUndefined();
		});

		it('keeps a device logged in to another account out with 409 already_member', async () => {
			const other = await joinCohort(database, DEMO.cohort.joinCode, newUsername());
			const response = await other.api.post('/api/auth/login', {
				username: DEMO.learner.username,
				password: DEMO.password
			});
			await expectApiError(response, 409, 'already_member');
			const who = (await (await sessionOf(other.api)).json()) as SessionInfo;
			expect(who.learnerId).toBe(other.id);
		});

		it('lets a device log in again to its own account, with a new token', async () => {
			const minh = await loginAs(database, DEMO.learner.username, DEMO.password);
			const first = minh.api.sessionToken()!;
			const again = await loginAs(database, DEMO.learner.username, DEMO.password, minh.api);
			expect(again.id).toBe(minh.id);
			expect(minh.api.sessionToken()).not.toBe(first);
			await expectApiError(await sessionOf(deviceWithToken(database, first)), 401);
		});
	});

	describe('POST /api/auth/logout', () => {
		it('deletes the session, so the old cookie is worthless, and clears the cookie', async () => {
			const minh = await loginAs(database, DEMO.learner.username, DEMO.password);
			const elsewhere = await loginAs(database, DEMO.learner.username, DEMO.password);
			const token = minh.api.sessionToken()!;

			const response = await logout(minh.api);
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ ok: true });
			const cleared = sessionCookie(response);
			expect(cleared).toBeDefined();
			expect(cleared).toMatch(new RegExp(`^${sessions.SESSION_COOKIE}=;`));
			expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
			expect(cleared).toMatch(/HttpOnly/);
			expect(cleared).toMatch(/Path=\//);
			expect(minh.api.sessionToken()).toBeUndefined();

			await expectApiError(await sessionOf(minh.api), 401, 'unauthenticated');
			// Replaying the token (a copied cookie) does not bring the session back.
			await expectApiError(
				await sessionOf(deviceWithToken(database, token)),
				401,
				'unauthenticated'
			);
			const rows = await database.db
				.select()
				.from(schema.sessions)
				.where(eq(schema.sessions.tokenHash, sessions.hashToken(token)));
			expect(rows).toEqual([]);
			// Only this device's session ended.
			expect((await sessionOf(elsewhere.api)).status).toBe(200);
		});

		it('answers a device without a session with 200 too, and refuses a non-empty body', async () => {
			const response = await logout(client(database.db));
			expect(response.status).toBe(200);
			const minh = await loginAs(database, DEMO.learner.username, DEMO.password);
			await expectApiError(await minh.api.post('/api/auth/logout', { everywhere: true }), 400);
			await expectApiError(
				await minh.api.post('/api/auth/logout', undefined, {
					headers: { 'content-type': 'text/plain' },
					rawBody: '{}'
				}),
				415
			);
			// Neither refused request logged the device out.
			expect((await sessionOf(minh.api)).status).toBe(200);
		});
	});

	describe('session fixation', () => {
		it('a guest token planted before login is dead after it, and the new token differs', async () => {
			// The attacker makes a guest session and gets its cookie into the victim's browser.
			const attacker = await learner(database);
			const planted = attacker.api.sessionToken()!;
			const victim = deviceWithToken(database, planted);

			await loginAs(database, DEMO.learner.username, DEMO.password, victim);
			const fresh = victim.sessionToken()!;
			expect(fresh).not.toBe(planted);
			expect(fresh.length).toBeGreaterThanOrEqual(32);

			// The attacker's copy of the planted token does not open the victim's account.
			await expectApiError(await sessionOf(attacker.api), 401, 'unauthenticated');
			const who = (await (await sessionOf(victim)).json()) as SessionInfo;
			expect(who.account?.username).toBe(DEMO.learner.username);
		});

		it('a guest token planted before join is dead after it', async () => {
			const attacker = await learner(database);
			const planted = attacker.api.sessionToken()!;
			const victim = deviceWithToken(database, planted);
			const joined = await joinCohort(database, DEMO.cohort.joinCode, newUsername('victim'), {
				api: victim
			});
			// The victim took over the planted guest (same id): the token must not come along.
			expect(joined.id).toBe(attacker.id);
			expect(victim.sessionToken()).not.toBe(planted);
			await expectApiError(await sessionOf(attacker.api), 401, 'unauthenticated');
			const rows = await database.db
				.select()
				.from(schema.sessions)
				.where(eq(schema.sessions.tokenHash, sessions.hashToken(planted)));
			expect(rows).toEqual([]);
		});

		it('a made-up token is replaced at login, never adopted', async () => {
			const victim = deviceWithToken(database, 'attacker-chosen-token-value-0123456789');
			await loginAs(database, DEMO.learner.username, DEMO.password, victim);
			expect(victim.sessionToken()).not.toBe('attacker-chosen-token-value-0123456789');
			const replay = deviceWithToken(database, 'attacker-chosen-token-value-0123456789');
			await expectApiError(await sessionOf(replay), 401, 'unauthenticated');
		});
	});

	describe('cookie attributes', () => {
		it('are HttpOnly, SameSite=Lax and Secure on https, for session, join and login', async () => {
			const api = client(database.db);
			const guest = await api.post('/api/session');
			const join = await api.post('/api/auth/join', {
				code: DEMO.cohort.joinCode,
				username: newUsername(),
				displayName: 'Cookie',
				password: PASSWORD
			});
			const login = await client(database.db).post('/api/auth/login', {
				username: DEMO.learner.username,
				password: DEMO.password
			});
			for (const [what, response] of [
				['session', guest],
				['join', join],
				['login', login]
			] as const) {
				const cookie = sessionCookie(response);
				expect(cookie, what).toBeDefined();
				expect(cookie, what).toMatch(/; HttpOnly(;|$)/);
				expect(cookie, what).toMatch(/; Secure(;|$)/);
				expect(cookie, what).toMatch(/; SameSite=Lax(;|$)/);
				expect(cookie, what).toMatch(/; Path=\/(;|$)/);
				expect(cookie, what).not.toMatch(/Domain=/);
			}
		});

		it('are not Secure on plain http (a local network without TLS)', async () => {
			const api = client(database.db, 'http://ilgam.test');
			const guest = await api.post('/api/session');
			const join = await api.post('/api/auth/join', {
				code: DEMO.cohort.joinCode,
				username: newUsername(),
				displayName: 'Plain',
				password: PASSWORD
			});
			const login = await client(database.db, 'http://ilgam.test').post('/api/auth/login', {
				username: DEMO.learner.username,
				password: DEMO.password
			});
			const out = await logout(api);
			for (const [what, response] of [
				['session', guest],
				['join', join],
				['login', login],
				['logout', out]
			] as const) {
				const cookie = sessionCookie(response);
				expect(cookie, what).toBeDefined();
				expect(cookie, what).toMatch(/; HttpOnly(;|$)/);
				expect(cookie, what).toMatch(/; SameSite=Lax(;|$)/);
				expect(cookie, what).not.toMatch(/Secure/);
			}
		});
	});

	describe('rate limits', () => {
		it('the 11th login for one username in the window is 429, even with the right password', async () => {
			const username = newUsername('target');
			await createAccount(database.db, {
				username,
				password: PASSWORD,
				displayName: 'Target',
				role: 'learner',
				cohortId: cohort.id
			});
			// Ten guesses, each from another address: the limit is per account, not per address.
			for (let i = 0; i < 10; i++) {
				const response = await client(database.db).post('/api/auth/login', {
					username,
					password: `guess-number-${i}`
				});
				await expectApiError(response, 401, 'invalid_credentials');
			}
			const limited = await client(database.db).post('/api/auth/login', {
				username: username.toUpperCase(),
				password: PASSWORD
			});
			const error = await expectApiError(limited, 429, 'rate_limited');
			expect(error.message).toMatch(/minute/);
			const retryAfter = limited.headers.get('retry-after');
			expect(retryAfter).toMatch(/^\d+$/);
			expect(Number(retryAfter)).toBeGreaterThan(0);
			expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
			expect(sessionCookie(limited)).toBeUndefined();

			// Another account is not affected.
			await loginAs(database, DEMO.learner.username, DEMO.password);
		});

		it('the 61st login attempt from one address in the window is 429', async () => {
			const address = '192.0.2.10';
			const api = client(database.db, undefined, { address });
			// Malformed bodies are cheap (no hashing) and still count: the address is limited first.
			for (let i = 0; i < 60; i++) {
				await expectApiError(await api.post('/api/auth/login', { username: 'x' }), 400);
			}
			const limited = await api.post('/api/auth/login', {
				username: DEMO.learner.username,
				password: DEMO.password
			});
			await expectApiError(limited, 429, 'rate_limited');
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			// A device at another address logs in to the same account.
			await loginAs(database, DEMO.learner.username, DEMO.password);
		});

		it('the 61st join from one address in the window is 429', async () => {
			const address = '192.0.2.20';
			for (let i = 0; i < 60; i++) {
				const response = await client(database.db, undefined, { address }).post('/api/auth/join', {
					code: 'WRONGCOD',
					username: newUsername(),
					displayName: 'X',
					password: PASSWORD
				});
				await expectApiError(response, 404, 'unknown_code');
			}
			const username = newUsername('late');
			const limited = await client(database.db, undefined, { address }).post('/api/auth/join', {
				code: DEMO.cohort.joinCode,
				username,
				displayName: 'Late',
				password: PASSWORD
			});
			await expectApiError(limited, 429, 'rate_limited');
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			const made = await database.db
				.select()
				.from(schema.users)
				.where(eq(schema.users.username, username));
			expect(made).toEqual([]);
			// From another address the same join goes through.
			await joinCohort(database, DEMO.cohort.joinCode, username);
		});
	});

	describe('/api/certificate', () => {
		it('shares one link, the same when shared again, and withdraws it', async () => {
			const minh = await loginAs(database, DEMO.learner.username, DEMO.password);
			const none = await minh.api.get('/api/certificate');
			expect(none.status).toBe(200);
			expect(await none.json()).toEqual({ certificate: null });

			const shared = await minh.api.post('/api/certificate', {});
			expect(shared.status).toBe(201);
			const { certificate } = (await shared.json()) as CertificateInfo;
			expect(certificate?.url).toMatch(/^\/certificates\/[A-Za-z0-9_-]{22}$/);
			expect(Number.isNaN(Date.parse(certificate!.createdAt))).toBe(false);
			const token = certificate!.url.split('/').at(-1)!;

			const again = await minh.api.post('/api/certificate', {});
			expect(((await again.json()) as CertificateInfo).certificate?.url).toBe(certificate!.url);
			const read = await minh.api.get('/api/certificate');
			expect(((await read.json()) as CertificateInfo).certificate?.url).toBe(certificate!.url);

			const live = await publicCertificate(database.db, token);
			expect(live).toMatchObject({ status: 'live', displayName: DEMO.learner.displayName });

			const revoked = await minh.api.delete('/api/certificate');
			expect(revoked.status).toBe(200);
			expect(await revoked.json()).toEqual({ certificate: null });
			expect(await (await minh.api.get('/api/certificate')).json()).toEqual({ certificate: null });
			expect(await publicCertificate(database.db, token)).toEqual({ status: 'revoked' });

			// Sharing after a withdrawal makes a new link; the old one stays dead.
			const renewed = (await (
				await minh.api.post('/api/certificate', {})
			).json()) as CertificateInfo;
			expect(renewed.certificate?.url).not.toBe(certificate!.url);
			expect(await publicCertificate(database.db, token)).toEqual({ status: 'revoked' });
			await minh.api.delete('/api/certificate');
		});

		it('is for learners with an account: a guest gets 401, staff 403', async () => {
			const guest = await learner(database);
			await expectApiError(await guest.api.get('/api/certificate'), 401, 'unauthenticated');
			await expectApiError(await guest.api.post('/api/certificate', {}), 401, 'unauthenticated');
			await expectApiError(await guest.api.delete('/api/certificate'), 401, 'unauthenticated');
			const certificates = await database.db
				.select()
				.from(schema.certificates)
				.where(eq(schema.certificates.userId, guest.id));
			expect(certificates).toEqual([]);

			const coach = await coordinator(database, newUsername('coach'));
			await expectApiError(await coach.api.post('/api/certificate', {}), 403, 'forbidden');
		});

		it('an unknown or malformed token is no certificate', async () => {
			expect(await publicCertificate(database.db, 'A'.repeat(22))).toBeNull();
			expect(await publicCertificate(database.db, "' or 1=1 --")).toBeNull();
			expect(await publicCertificate(database.db, '')).toBeNull();
		});
	});
});
