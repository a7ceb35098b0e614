import { json } from '@sveltejs/kit';
import { ImportChunk, MAX_IMPORT_BODY_BYTES } from '$lib/api/console';
import { importChunk } from '$lib/server/exchange';
import { requireStaff } from '$lib/server/guards';
import { endpoint, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** One chunk of an import: the console sends a file's tasks in chunks, with a progress bar. */
export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const staff = requireStaff(locals);
	const chunk = await readJson(request, ImportChunk, MAX_IMPORT_BODY_BYTES, 'per-item');
	return json(await importChunk(locals.db, staff, params.id, chunk));
});
