import { formatJoinCode } from '$lib/server/accounts';
import * as consoleData from '$lib/server/console';
import { createCohort, rotateCode } from './cohort-actions.server';
import { staffOf } from './staff.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = staffOf(locals, url);
	const [cohorts, projects] = await Promise.all([
		consoleData.cohortsOf(locals.db, staff),
		consoleData.projectsOf(locals.db, staff)
	]);
	return {
		cohorts: cohorts.map(({ id, name, learners, joinCode }) => ({
			id,
			name,
			learners,
			joinCode: formatJoinCode(joinCode)
		})),
		projects
	};
};

export const actions: Actions = { createCohort, rotateCode };
