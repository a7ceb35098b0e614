import { redirect } from '@sveltejs/kit';
import { newProjectForm } from '$lib/console/project-form';
import * as consoleData from '$lib/server/console';
import { staffOf } from '../../staff.server';
import { submitProject, vocabulary } from '../project-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = staffOf(locals, url);
	const [cohorts, words] = await Promise.all([
		consoleData.cohortsOf(locals.db, staff),
		vocabulary(locals.db)
	]);
	const asked = url.searchParams.get('cohort');
	const cohortId = cohorts.find((c) => c.id === asked)?.id ?? cohorts[0]?.id ?? '';
	return {
		cohorts: cohorts.map(({ id, name }) => ({ id, name })),
		words,
		values: newProjectForm(cohortId)
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const staff = staffOf(locals, url);
		const result = await submitProject(request, (input) =>
			consoleData.createProject(locals.db, staff, input)
		);
		if ('project' in result) redirect(303, `/console/projects/${result.project.id}?created=1`);
		return result;
	}
};
