/**
 * Calls every integration test makes: a learner with a session, push, pull, an API error; and
 * accounts: joining a cohort, logging in, staff accounts.
 */
import { expect } from 'vitest';
import type { Role, SessionInfo } from '$lib/api/auth';
import { isApiError } from '$lib/api/errors';
import type { EventResult, Identity, PullResponse, PushResponse } from '$lib/api/sync';
import { createAccount } from '$lib/server/accounts';
import type { Database } from '$lib/server/db';
import type { User } from '$lib/server/db/schema';
import { client, type TestClient } from './request';

export async function learner(database: Database): Promise<{ api: TestClient; id: string }> {
	const api = client(database.db);
	const response = await api.post('/api/session');
	expect(response.status).toBe(201);
	const { learnerId } = (await response.json()) as Identity;
	return { api, id: learnerId };
}

export async function push(api: TestClient, events: unknown[]): Promise<EventResult[]> {
	const response = await api.post('/api/sync', { events });
	expect(response.status, await response.clone().text()).toBe(200);
	return ((await response.json()) as PushResponse).results;
}

export async function pull(api: TestClient, query = 'after=0'): Promise<PullResponse> {
	const response = await api.get(`/api/sync?${query}`);
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as PullResponse;
}

export async function pullAll(api: TestClient): Promise<PullResponse['events']> {
	const all: PullResponse['events'] = [];
	let after = 0;
	for (;;) {
		const page = await pull(api, `after=${after}&limit=500`);
		all.push(...page.events);
		after = page.cursor;
		if (!page.more) return all;
	}
}

/** A 4xx answer in the API's one error shape; returns the error for further checks. */
export async function expectApiError(response: Response, status: number, code?: string) {
	const text = await response.clone().text();
	expect(response.status, text).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const body: unknown = JSON.parse(text);
	expect(isApiError(body), text).toBe(true);
	const { error } = body as { error: { code: unknown; message: unknown } };
	expect(typeof error.code).toBe('string');
	expect(typeof error.message).toBe('string');
	expect((error.message as string).length).toBeGreaterThan(0);
	if (code) expect(error.code).toBe(code);
	return error as { code: string; message: string };
}

// --- accounts --------------------------------------------------------------------------------

/** The password of every account the helpers below make (at least 8 characters). */
export const PASSWORD = 'correct-horse-battery';

export interface Member {
	api: TestClient;
	/** The learner id (users.id) of the session. */
	id: string;
	info: SessionInfo;
}

/**
 * Joins the cohort with `code` as `username`: from `api`'s device (a guest there becomes the
 * account), or from a new device without a session.
 */
export async function joinCohort(
	database: Database,
	code: string,
	username: string,
	options: { api?: TestClient; displayName?: string; password?: string } = {}
): Promise<Member> {
	const api = options.api ?? client(database.db);
	const response = await api.post('/api/auth/join', {
		code,
		username,
		displayName: options.displayName ?? username,
		password: options.password ?? PASSWORD
	});
	expect(response.status, await response.clone().text()).toBe(201);
	const info = (await response.json()) as SessionInfo;
	return { api, id: info.learnerId, info };
}

/** Logs in on `api` (a new device unless given). */
export async function loginAs(
	database: Database,
	username: string,
	password = PASSWORD,
	api: TestClient = client(database.db)
): Promise<Member> {
	const response = await api.post('/api/auth/login', { username, password });
	expect(response.status, await response.clone().text()).toBe(200);
	const info = (await response.json()) as SessionInfo;
	return { api, id: info.learnerId, info };
}

/** A staff account (coordinator unless told), made directly, and a device logged in to it. */
export async function coordinator(
	database: Database,
	username: string,
	role: Extract<Role, 'coordinator' | 'admin'> = 'coordinator'
): Promise<Member & { user: User }> {
	const user = await createAccount(database.db, {
		username,
		password: PASSWORD,
		displayName: username,
		role
	});
	return { ...(await loginAs(database, username)), user };
}

/** POST /api/auth/logout as the app sends it. */
export function logout(api: TestClient): Promise<Response> {
	return api.post('/api/auth/logout', {});
}

/** Keys that give a task's answer away: only training items may carry them to a learner. */
const ANSWER_KEYS = new Set(['gold', 'explanation']);

/**
 * Every `gold` (or `explanation`) key in a JSON value, by path, outside a training task: the
 * nearest enclosing object with a string `kind` decides (none counts as not training).
 */
export function goldLeaks(value: unknown, path = '$', kind?: string): string[] {
	if (Array.isArray(value)) {
		return value.flatMap((item, i) => goldLeaks(item, `${path}[${i}]`, kind));
	}
	if (typeof value !== 'object' || value === null) return [];
	const record = value as Record<string, unknown>;
	const own = typeof record.kind === 'string' ? record.kind : kind;
	const leaks = Object.keys(record)
		.filter((key) => ANSWER_KEYS.has(key) && own !== 'training')
		.map((key) => `${path}.${key} (kind ${own ?? 'none'})`);
	return [
		...leaks,
		...Object.entries(record).flatMap(([key, item]) => goldLeaks(item, `${path}.${key}`, own))
	];
}
