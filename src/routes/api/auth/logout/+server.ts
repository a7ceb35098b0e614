import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { endpoint, readJson } from '$lib/server/http';
import * as sessions from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/**
 * Ends this device's session. The phone calls it only with an empty outbox (it checks first),
 * then clears the account's local data.
 */
export const POST: RequestHandler = endpoint(async ({ locals, cookies, url, request }) => {
	await readJson(request, v.strictObject({}), 256);
	await sessions.end(locals.db, cookies, url.protocol === 'https:');
	return json({ ok: true });
});
