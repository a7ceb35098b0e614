import { json } from '@sveltejs/kit';
import type { Identity } from '$lib/api/sync';
import { requireUser } from '$lib/server/guards';
import { endpoint } from '$lib/server/http';
import * as learners from '$lib/server/learners';
import * as sessions from '$lib/server/sessions';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(({ locals }) => {
	const user = requireUser(locals);
	return json({ learnerId: user.id } satisfies Identity);
});

/** First contact: a device without a session gets an anonymous learner and a session cookie. */
export const POST: RequestHandler = endpoint(async ({ locals, cookies, url }) => {
	if (locals.user) return json({ learnerId: locals.user.id } satisfies Identity);
	const learnerId = await learners.createAnonymous(locals.db);
	const { token, expiresAt } = await sessions.create(locals.db, learnerId);
	sessions.setCookie(cookies, token, expiresAt, url.protocol === 'https:');
	return json({ learnerId } satisfies Identity, { status: 201 });
});
