/** Calls every integration test makes: a learner with a session, push, pull, an API error. */
import { expect } from 'vitest';
import { isApiError } from '$lib/api/errors';
import type { EventResult, Identity, PullResponse, PushResponse } from '$lib/api/sync';
import type { Database } from '$lib/server/db';
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
