import * as consoleData from '$lib/server/console';
import { orErrorPage, staffOf } from '../../staff.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const staff = staffOf(locals, url);
	const now = new Date();
	const [{ cohort, learner }, projects] = await Promise.all([
		orErrorPage(consoleData.learnerDetail(locals.db, staff, params.id, now)),
		consoleData.projectsOf(locals.db, staff)
	]);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		learner,
		projects: Object.fromEntries(
			projects.map((p) => [p.id, { title: p.title.en ?? p.id, type: p.type }])
		),
		now
	};
};
