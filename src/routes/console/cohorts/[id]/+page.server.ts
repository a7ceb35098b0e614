import { DEFAULT_LEARNER_SORT, learnerColumns } from '$lib/console/learner-table';
import { readSort, sortRows } from '$lib/console/sort';
import { formatJoinCode } from '$lib/server/accounts';
import * as consoleData from '$lib/server/console';
import { rotateCode } from '../../cohort-actions.server';
import { orErrorPage, staffOf } from '../../staff.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const staff = staffOf(locals, url);
	const now = new Date();
	const [{ cohort, learners }, projects] = await Promise.all([
		orErrorPage(consoleData.cohortLearners(locals.db, staff, params.id, now)),
		consoleData.projectsOf(locals.db, staff)
	]);
	const columns = learnerColumns(learners);
	const sort = readSort(
		url.searchParams,
		columns.map((c) => c.key),
		DEFAULT_LEARNER_SORT
	);
	const sortBy = columns.find((c) => c.key === sort.column) ?? columns[0];
	// Learners come by name, and the sort is stable: equal values stay in name order.
	const sorted = sortBy ? sortRows(learners, sortBy.value, sort.dir) : learners;
	return {
		cohort: { id: cohort.id, name: cohort.name, joinCode: formatJoinCode(cohort.joinCode) },
		learners: sorted.map(({ id, displayName, username, lastSyncAt, report }) => ({
			id,
			displayName,
			username,
			lastSyncAt,
			report
		})),
		columns: columns.map(({ key, firstDir, type }) => ({ key, firstDir, type })),
		sort,
		projectTitles: Object.fromEntries(projects.map((p) => [p.id, p.title.en ?? p.id])),
		now
	};
};

export const actions: Actions = { rotateCode };
