import { json } from '@sveltejs/kit';
import { LeaseRequest } from '$lib/api/work';
import { requireUser } from '$lib/server/guards';
import { endpoint, readJson } from '$lib/server/http';
import { leaseWork } from '$lib/server/work';
import type { RequestHandler } from './$types';

/** A batch of work for the learner (POST: it changes who holds which task). */
export const POST: RequestHandler = endpoint(async ({ params, request, locals }) => {
	const user = requireUser(locals);
	const { locale } = await readJson(request, LeaseRequest, 1024);
	return json(await leaseWork(locals.db, user, params.id, locale));
});
