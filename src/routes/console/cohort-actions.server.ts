/** The class actions that more than one console page offers. */
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { CohortName } from '$lib/api/console';
import * as consoleData from '$lib/server/console';
import { formFailure, staffOf } from './staff.server';
import type { RequestEvent } from '@sveltejs/kit';

export async function rotateCode({ locals, url, request }: RequestEvent) {
	const staff = staffOf(locals, url);
	const cohortId = String((await request.formData()).get('cohortId') ?? '');
	try {
		await consoleData.rotateJoinCode(locals.db, staff, cohortId);
	} catch (err) {
		return formFailure(err, null);
	}
	return { rotated: cohortId };
}

export async function createCohort({ locals, url, request }: RequestEvent) {
	const staff = staffOf(locals, url);
	const name = String((await request.formData()).get('name') ?? '');
	const parsed = v.safeParse(CohortName, name);
	if (!parsed.success) {
		return fail(400, { message: parsed.issues[0].message, values: { name } });
	}
	try {
		const cohort = await consoleData.createCohort(locals.db, staff, parsed.output);
		return { created: cohort.id };
	} catch (err) {
		return formFailure(err, { name });
	}
}
