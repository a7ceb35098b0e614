import { json } from '@sveltejs/kit';
import { ApiFailure, endpoint } from '$lib/server/http';
import { projectPack } from '$lib/server/packs';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ params, locals }) => {
	const pack = await projectPack(locals.db, params.id, locals.user);
	if (!pack) throw new ApiFailure(404, 'not_found', 'No such project.');
	return json(pack);
});
