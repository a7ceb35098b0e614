import { json } from '@sveltejs/kit';
import { StatusQuery } from '$lib/api/work';
import { requireUser } from '$lib/server/guards';
import { endpoint, parseQuery } from '$lib/server/http';
import { projectStatus } from '$lib/server/work';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ params, url, locals }) => {
	const user = requireUser(locals);
	const { locale } = parseQuery(url, StatusQuery);
	return json(await projectStatus(locals.db, user, params.id, locale));
});
