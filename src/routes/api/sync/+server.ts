import { json } from '@sveltejs/kit';
import { MAX_BODY_BYTES, PullQuery, PushRequest, type PushResponse } from '$lib/api/sync';
import { requireUser } from '$lib/server/guards';
import { endpoint, parseQuery, readJson } from '$lib/server/http';
import { pullEvents, pushEvents } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async ({ request, locals }) => {
	const user = requireUser(locals);
	const body = await readJson(request, PushRequest, MAX_BODY_BYTES, 'per-item');
	const results = await pushEvents(locals.db, user, body.events);
	return json({ results } satisfies PushResponse);
});

export const GET: RequestHandler = endpoint(async ({ url, locals }) => {
	const user = requireUser(locals);
	const { after, limit } = parseQuery(url, PullQuery);
	return json(await pullEvents(locals.db, user.id, after, limit));
});
