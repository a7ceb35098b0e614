/**
 * What every console route needs on the server: the signed-in staff member (else the login
 * page), and the one way `ApiFailure`s of the server functions become pages and form answers.
 * Layout loads do not guard actions or run before page loads, so each load and action asks here.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import type { User } from '$lib/server/db/schema';
import { isStaff } from '$lib/server/guards';
import { ApiFailure } from '$lib/server/http';

export const LOGIN_PATH = '/console/login';

/** The staff member of the request; a guest or learner is sent to log in, and back after. */
export function staffOf(locals: App.Locals, url: URL): User {
	const user = locals.user;
	if (user && isStaff(user)) return user;
	const next = url.pathname + url.search;
	redirect(303, `${LOGIN_PATH}?next=${encodeURIComponent(next)}`);
}

export function adminOf(locals: App.Locals, url: URL): User {
	const staff = staffOf(locals, url);
	if (staff.role !== 'admin')
		error(403, { code: 'forbidden', message: 'Only an admin may see this page.' });
	return staff;
}

/** Where to go after logging in: only a console path of this site, never another origin. */
export function safeNext(next: string | null): string {
	if (!next || !/^\/console(?:[/?#]|$)/.test(next) || next.startsWith(LOGIN_PATH))
		return '/console';
	return next;
}

/** For loads: a server function's refusal becomes the error page (404 for what is not yours). */
export async function orErrorPage<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (err) {
		if (err instanceof ApiFailure) error(err.status, { code: err.code, message: err.message });
		throw err;
	}
}

/** For actions: a server function's refusal becomes the form's message, with what was typed. */
export function formFailure<V>(err: unknown, values?: V) {
	if (err instanceof ApiFailure) return fail(err.status, { message: err.message, values });
	throw err;
}
