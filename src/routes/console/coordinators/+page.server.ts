import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { DisplayName, Password, Username } from '$lib/api/auth';
import { createAccount } from '$lib/server/accounts';
import { adminOf, formFailure } from '../staff.server';
import { staffAccounts } from '$lib/server/console';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	adminOf(locals, url);
	return { accounts: await staffAccounts(locals.db) };
};

const NewCoordinator = v.object({
	username: Username,
	displayName: DisplayName,
	password: Password
});

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		adminOf(locals, url);
		const form = await request.formData();
		const values = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? '')
		};
		const parsed = v.safeParse(NewCoordinator, { ...values, password: form.get('password') ?? '' });
		if (!parsed.success) {
			const issue = parsed.issues[0];
			const field = v.getDotPath(issue) ?? '';
			return fail(400, { message: issue.message, field, values });
		}
		try {
			const user = await createAccount(locals.db, { ...parsed.output, role: 'coordinator' });
			return { created: user.username };
		} catch (err) {
			return formFailure(err, values);
		}
	}
};
