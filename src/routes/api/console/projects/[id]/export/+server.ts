import { ExportQuery } from '$lib/api/console';
import { exportProject } from '$lib/server/exchange';
import { requireStaff } from '$lib/server/guards';
import { endpoint, parseQuery } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A project's results as a download, in the format asked for. */
export const GET: RequestHandler = endpoint(async ({ locals, params, url }) => {
	const staff = requireStaff(locals);
	const { format, answers } = parseQuery(url, ExportQuery);
	const file = await exportProject(locals.db, staff, params.id, format, answers);
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'no-store'
		}
	});
});
