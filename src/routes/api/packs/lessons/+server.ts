import { json } from '@sveltejs/kit';
import { PackQuery } from '$lib/api/packs';
import { endpoint, parseQuery } from '$lib/server/http';
import { lessonsPack } from '$lib/server/packs';
import type { RequestHandler } from './$types';

/** The whole vocabulary; a phone that has this version already gets a bodiless 304. */
export const GET: RequestHandler = endpoint(async ({ locals, request, url }) => {
	const { locale } = parseQuery(url, PackQuery);
	const pack = await lessonsPack(locals.db, locale);
	const etag = `"${pack.version}"`;
	const headers = { etag, 'cache-control': 'no-cache' };
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	return json(pack, { headers });
});
