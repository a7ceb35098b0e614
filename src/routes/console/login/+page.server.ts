import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { LoginRequest } from '$lib/api/auth';
import * as accounts from '$lib/server/accounts';
import { ApiFailure } from '$lib/server/http';
import { signIn } from '$lib/server/rate-limit';
import * as sessions from '$lib/server/sessions';
import { isStaff } from '$lib/server/guards';
import { safeNext } from '../staff.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (isStaff(locals.user)) redirect(303, safeNext(url.searchParams.get('next')));
	return { learner: !!locals.user && !locals.user.anonymous };
};

const WRONG = 'The username or password is not right.';

export const actions: Actions = {
	default: async (event) => {
		const { locals, cookies, url, request } = event;
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		try {
			await signIn.loginFrom(locals.db, event.getClientAddress());
			const input = v.safeParse(LoginRequest, { username, password });
			// A name that cannot exist gets the same answer as a wrong password.
			if (!input.success) return fail(400, { username, message: WRONG });
			await signIn.loginAs(locals.db, input.output.username);
			const user = await accounts.authenticate(locals.db, input.output);
			if (!isStaff(user)) {
				return fail(403, {
					username,
					message: 'This account is a learner account; learners use the app on their phone.'
				});
			}
			await sessions.renew(locals.db, cookies, user.id, url.protocol === 'https:');
		} catch (err) {
			if (err instanceof ApiFailure) return fail(err.status, { username, message: err.message });
			throw err;
		}
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
