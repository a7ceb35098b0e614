import { json } from '@sveltejs/kit';
import { LoginRequest, MAX_AUTH_BODY_BYTES } from '$lib/api/auth';
import * as accounts from '$lib/server/accounts';
import { endpoint, readJson } from '$lib/server/http';
import { signIn } from '$lib/server/rate-limit';
import * as sessions from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/** Logs in with a username and password; a new session replaces the one the device had. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { locals, cookies, url, request } = event;
	await signIn.loginFrom(locals.db, event.getClientAddress());
	const input = await readJson(request, LoginRequest, MAX_AUTH_BODY_BYTES);
	await signIn.loginAs(locals.db, input.username);
	const user = await accounts.login(locals.db, locals.user, input);
	await sessions.renew(locals.db, cookies, user.id, url.protocol === 'https:');
	return json(await accounts.sessionInfo(locals.db, user));
});
