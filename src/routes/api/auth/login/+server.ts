import { json } from '@sveltejs/kit';
import { LoginRequest, MAX_AUTH_BODY_BYTES } from '$lib/api/auth';
import * as accounts from '$lib/server/accounts';
import { endpoint, readJson } from '$lib/server/http';
import { hit, LOGIN_LIMITS } from '$lib/server/rate-limit';
import * as sessions from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/** Logs in with a username and password; a new session replaces the one the device had. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { locals, cookies, url, request } = event;
	await hit(locals.db, `login:${event.getClientAddress()}`, LOGIN_LIMITS.client);
	const input = await readJson(request, LoginRequest, MAX_AUTH_BODY_BYTES);
	await hit(locals.db, `login-user:${input.username}`, LOGIN_LIMITS.account);
	const user = await accounts.login(locals.db, locals.user, input);
	await sessions.renew(locals.db, cookies, user.id, url.protocol === 'https:');
	return json(await accounts.sessionInfo(locals.db, user));
});
