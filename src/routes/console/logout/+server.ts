import { redirect } from '@sveltejs/kit';
import * as sessions from '$lib/server/sessions';
import { LOGIN_PATH } from '../staff.server';
import type { RequestHandler } from './$types';

/**
 * The header's "Log out" form posts here. A plain POST endpoint rather than a page action, so
 * any console page can hold the form; SvelteKit's origin check guards it like an action.
 */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	await sessions.end(locals.db, cookies, url.protocol === 'https:');
	redirect(303, LOGIN_PATH);
};
