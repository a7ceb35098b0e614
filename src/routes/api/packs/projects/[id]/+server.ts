import { json } from '@sveltejs/kit';
import { PackQuery } from '$lib/api/packs';
import { ApiFailure, endpoint, parseQuery } from '$lib/server/http';
import { projectPack } from '$lib/server/packs';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ params, locals, url }) => {
	const { locale } = parseQuery(url, PackQuery);
	const pack = await projectPack(locals.db, params.id, locals.user, locale);
	if (!pack) throw new ApiFailure(404, 'not_found', 'No such project.');
	return json(pack);
});
