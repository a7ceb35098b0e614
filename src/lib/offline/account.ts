/**
 * The account endpoints as the phone calls them: read the session, join a class, log in and
 * out, and share the skills certificate. Each verb takes `fetch`, so tests run them against a
 * fake server. Every failure is an `AccountError` with the server's code; `describeError` turns
 * it into a message key, and the guards (`loginBlocker`, `logoutBlocker`) decide from counts
 * alone, so the rules are tested without a browser.
 */
import * as v from 'valibot';
import {
	JoinRequest,
	LoginRequest,
	ROLES,
	type Account,
	type CertificateInfo,
	type SessionInfo
} from '$lib/api/auth';
import { isApiError } from '$lib/api/errors';

// The shared types are interfaces; these parse what the server answers and are checked against
// them (`satisfies`), so a field added there fails the build here instead of being dropped.
export const AccountSchema = v.object({
	username: v.string(),
	displayName: v.string(),
	role: v.picklist(ROLES),
	cohort: v.nullable(v.object({ id: v.string(), name: v.string() }))
}) satisfies v.GenericSchema<Account>;

const SessionInfoSchema = v.object({
	learnerId: v.string(),
	account: v.nullable(AccountSchema)
}) satisfies v.GenericSchema<SessionInfo>;

const CertificateInfoSchema = v.object({
	certificate: v.nullable(v.object({ url: v.string(), createdAt: v.string() }))
}) satisfies v.GenericSchema<CertificateInfo>;

/**
 * Why an account call failed. `code` is the server's (`unknown_code`, `username_taken`, …) or
 * one of the phone's: `offline` (no answer), `server` (an answer we cannot use), `unsynced`,
 * `other_account`. `field` names the input a local check refused.
 */
export class AccountError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status = 0,
		readonly field: string | null = null
	) {
		super(message);
		this.name = 'AccountError';
	}
}

/** A message to show: a key of `messages/*.json` and its values. */
export interface MessageRef {
	key: string;
	values?: Record<string, string>;
}

const CODE_KEYS: Record<string, string> = {
	offline: 'account.error_offline',
	unknown_code: 'account.error_unknown_code',
	username_taken: 'account.error_username_taken',
	already_member: 'account.error_already_member',
	invalid_credentials: 'account.error_invalid_credentials',
	rate_limited: 'account.error_rate_limited',
	unauthenticated: 'account.login_again',
	unsynced: 'account.login_unsynced',
	other_account: 'account.error_other_account'
};

/** The rule of each field, also shown under the join form's inputs. */
const FIELD_KEYS: Record<string, string> = {
	code: 'account.code_rule',
	displayName: 'account.display_name_rule',
	username: 'account.username_rule',
	password: 'account.password_rule'
};

/** The learner-facing message for a failed call, in their language (via its key). */
export function describeError(error: unknown): MessageRef {
	if (!(error instanceof AccountError)) return { key: 'account.error_server' };
	const fieldKey = error.field ? FIELD_KEYS[error.field] : undefined;
	if (fieldKey) return { key: fieldKey };
	// The server's words say which field and why; shown inside a sentence of their language.
	if (error.code === 'invalid_request') {
		return { key: 'account.error_invalid', values: { detail: error.message } };
	}
	return { key: CODE_KEYS[error.code] ?? 'account.error_server' };
}

/** GET /api/session: who this device's session is. */
export async function readSession(fetch: typeof globalThis.fetch): Promise<SessionInfo> {
	return parse(SessionInfoSchema, await call(fetch, '/api/session'));
}

/**
 * POST /api/auth/join. A guest session becomes the account (same learner id). The input is
 * checked here first with the shared schema, so a typo costs no request (and no rate limit).
 */
export async function join(
	fetch: typeof globalThis.fetch,
	input: JoinRequest
): Promise<SessionInfo> {
	check(JoinRequest, input);
	return parse(SessionInfoSchema, await call(fetch, '/api/auth/join', 'POST', input));
}

/** POST /api/auth/login. Answers the account's learner id, usually not this device's guest's. */
export async function login(
	fetch: typeof globalThis.fetch,
	input: LoginRequest
): Promise<SessionInfo> {
	check(LoginRequest, input);
	return parse(SessionInfoSchema, await call(fetch, '/api/auth/login', 'POST', input));
}

/** POST /api/auth/logout. A session already gone (401) is as good as ended. */
export async function logout(fetch: typeof globalThis.fetch): Promise<void> {
	try {
		await call(fetch, '/api/auth/logout', 'POST', {});
	} catch (error) {
		if (error instanceof AccountError && error.status === 401) return;
		throw error;
	}
}

export async function readCertificate(fetch: typeof globalThis.fetch): Promise<CertificateInfo> {
	return parse(CertificateInfoSchema, await call(fetch, '/api/certificate'));
}

/** Makes the public link, or answers the one that exists. */
export async function createCertificate(fetch: typeof globalThis.fetch): Promise<CertificateInfo> {
	return parse(CertificateInfoSchema, await call(fetch, '/api/certificate', 'POST', {}));
}

/** Withdraws the link: whoever opens it from now on sees that it was withdrawn. */
export async function withdrawCertificate(
	fetch: typeof globalThis.fetch
): Promise<CertificateInfo> {
	return parse(CertificateInfoSchema, await call(fetch, '/api/certificate', 'DELETE'));
}

/** The link to show and share: the server answers a path on this origin. */
export function certificateLink(url: string, origin: string): string {
	return new URL(url, origin).href;
}

/**
 * Logging in moves this device to another learner id. The guest's work is only carried over
 * when it is on the server, so answers still in the outbox (offline) must go up first.
 */
export function loginBlocker(pending: number): 'unsynced' | null {
	return pending > 0 ? 'unsynced' : null;
}

/**
 * Logging out empties the phone, so anything not stored on the server would be lost: answers
 * waiting to upload, and answers the server refused (kept only here for the coordinator).
 */
export function logoutBlocker(counts: {
	pending: number;
	rejected: number;
}): 'unsynced' | 'rejected' | null {
	if (counts.pending > 0) return 'unsynced';
	if (counts.rejected > 0) return 'rejected';
	return null;
}

/** Whether `username`, as typed, names this account (usernames are trimmed and lower-cased). */
export function isSameUser(account: Account, username: string): boolean {
	return username.trim().toLowerCase() === account.username;
}

function check(schema: v.GenericSchema, input: unknown): void {
	const result = v.safeParse(schema, input, { abortEarly: true });
	if (result.success) return;
	const [issue] = result.issues;
	const key = issue.path?.[0]?.key;
	throw new AccountError('invalid_request', issue.message, 0, typeof key === 'string' ? key : null);
}

async function call(
	fetch: typeof globalThis.fetch,
	path: string,
	method = 'GET',
	body?: unknown
): Promise<unknown> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: 'same-origin',
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error;
		// fetch rejects only when no answer came: no network, or the server is unreachable.
		throw new AccountError('offline', error instanceof Error ? error.message : String(error));
	}
	const answer: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		if (isApiError(answer)) {
			throw new AccountError(answer.error.code, answer.error.message, response.status);
		}
		throw new AccountError('server', `HTTP ${response.status}`, response.status);
	}
	return answer;
}

function parse<T>(schema: v.GenericSchema<unknown, T>, body: unknown): T {
	const result = v.safeParse(schema, body);
	if (!result.success) throw new AccountError('server', 'The server answered in an unknown shape.');
	return result.output;
}
