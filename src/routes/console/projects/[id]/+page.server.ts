import { formatsFor } from '$lib/interchange';
import { projectForm } from '$lib/console/project-form';
import * as consoleData from '$lib/server/console';
import { orErrorPage, staffOf } from '../../staff.server';
import { submitProject, vocabulary } from '../project-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const staff = staffOf(locals, url);
	const project = await orErrorPage(consoleData.findOwnProject(locals.db, staff, params.id));
	const [cohorts, projects, words] = await Promise.all([
		consoleData.cohortsOf(locals.db, staff),
		consoleData.projectsOf(locals.db, staff),
		vocabulary(locals.db)
	]);
	const hangulOf = new Map(words.map((w) => [w.id, w.hangul]));
	const labels = project.labels.map(({ id, wordId }) => ({
		id,
		hangul: hangulOf.get(wordId) ?? wordId
	}));
	const tasks = projects.find((p) => p.id === project.id)?.tasks ?? {
		training: 0,
		qualification: 0,
		work: 0
	};
	return {
		project: {
			id: project.id,
			title: project.title,
			description: project.description,
			type: project.type,
			multiple: project.multiple,
			redundancy: project.redundancy,
			goldShare: project.goldShare,
			passAt: project.passAt,
			editable: project.source === 'console'
		},
		cohort: cohorts.find((c) => c.id === project.cohortId)?.name ?? null,
		cohorts: cohorts.map(({ id, name }) => ({ id, name })),
		labels,
		tasks,
		formats: formatsFor(project.type),
		words,
		values: projectForm(project, labels),
		created: url.searchParams.has('created')
	};
};

export const actions: Actions = {
	update: async ({ locals, params, url, request }) => {
		const staff = staffOf(locals, url);
		const result = await submitProject(request, (input) =>
			consoleData.updateProject(locals.db, staff, params.id, input)
		);
		return 'project' in result ? { saved: true } : result;
	}
};
