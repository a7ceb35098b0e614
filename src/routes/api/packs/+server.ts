import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http';
import { packIndex } from '$lib/server/packs';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals }) => {
	return json(await packIndex(locals.db, locals.user));
});
