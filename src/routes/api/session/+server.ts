import { json } from '@sveltejs/kit';
import type { SessionInfo } from '$lib/api/auth';
import * as accounts from '$lib/server/accounts';
import { requireUser } from '$lib/server/guards';
import { endpoint } from '$lib/server/http';
import * as learners from '$lib/server/learners';
import * as sessions from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const user = requireUser(locals);
	return json(await accounts.sessionInfo(locals.db, user));
});

/** First contact: a device without a session gets a guest learner and a session cookie. */
export const POST: RequestHandler = endpoint(async ({ locals, cookies, url }) => {
	if (locals.user) return json(await accounts.sessionInfo(locals.db, locals.user));
	const learnerId = await learners.createAnonymous(locals.db);
	const { token, expiresAt } = await sessions.create(locals.db, learnerId);
	sessions.setCookie(cookies, token, expiresAt, url.protocol === 'https:');
	return json({ learnerId, account: null } satisfies SessionInfo, { status: 201 });
});
