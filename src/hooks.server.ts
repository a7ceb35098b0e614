import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { app } from '$lib/server/app';
import { gzipJson } from '$lib/server/compress';
import { errorResponse } from '$lib/server/http';
import * as sessions from '$lib/server/sessions';

// Opening the database, migrating and seeding happen before the first request is served, so a
// broken DATABASE_URL or content file stops the server at start with its message.
// Prerendering the learner shells at build time needs no database.
export const init: ServerInit = async () => {
	if (!building) await app();
};

export const handle: Handle = async ({ event, resolve }) => {
	if (building) return resolve(event);
	const { db } = await app();
	event.locals.db = db;
	const token = event.cookies.get(sessions.SESSION_COOKIE);
	event.locals.user = token ? await sessions.read(db, token) : null;
	const response = await resolve(event);
	// Keep the one JSON error shape for the API, also for what SvelteKit answers itself
	// (an unknown /api path, a method the endpoint does not export). A 304 is not an error.
	if (
		event.url.pathname.startsWith('/api/') &&
		response.status >= 400 &&
		!response.headers.get('content-type')?.includes('application/json')
	) {
		const [code, message] =
			response.status === 404
				? ['not_found', 'No such endpoint.']
				: response.status === 405
					? ['method_not_allowed', `${event.request.method} is not allowed here.`]
					: ['error', 'Request failed.'];
		return errorResponse(response.status, code, message);
	}
	return gzipJson(event.request, response);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}`, error);
	return {
		code: status === 404 ? 'not_found' : 'internal',
		message: status === 404 ? 'Not found.' : 'Something went wrong on the server.'
	};
};
