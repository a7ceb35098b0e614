import { json } from '@sveltejs/kit';
import { JoinRequest, MAX_AUTH_BODY_BYTES } from '$lib/api/auth';
import * as accounts from '$lib/server/accounts';
import { endpoint, readJson } from '$lib/server/http';
import { signIn } from '$lib/server/rate-limit';
import * as sessions from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/** Joins a cohort with its code; the guest of this device becomes the account. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { locals, cookies, url, request } = event;
	await signIn.joinFrom(locals.db, event.getClientAddress());
	const input = await readJson(request, JoinRequest, MAX_AUTH_BODY_BYTES);
	const user = await accounts.join(locals.db, locals.user, input);
	await sessions.renew(locals.db, cookies, user.id, url.protocol === 'https:');
	return json(await accounts.sessionInfo(locals.db, user), { status: 201 });
});
