import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/http';
import { lessonsPack } from '$lib/server/packs';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals }) => {
	return json(await lessonsPack(locals.db));
});
