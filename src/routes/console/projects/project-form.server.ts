/** The create and edit forms of a project share how a submission is read, checked and refused. */
import { fail } from '@sveltejs/kit';
import type { ProjectInput } from '$lib/api/console';
import {
	fieldOfMessage,
	projectInput,
	readProjectForm,
	type FieldErrors,
	type ProjectFormValues
} from '$lib/console/project-form';
import type { LabelProblem } from '$lib/console/labels';
import type { Project } from '$lib/server/db/schema';
import { ApiFailure } from '$lib/server/http';
import { lessonsPack } from '$lib/server/packs';
import type { Db } from '$lib/server/db';

export interface ProjectFormFailure {
	message: string;
	values: ProjectFormValues;
	errors: FieldErrors;
	labelProblems: LabelProblem[];
}

/** Saves the submitted form with `save`; a refusal keeps every typed value for the page. */
export async function submitProject(
	request: Request,
	save: (input: ProjectInput) => Promise<Project>
) {
	const values = readProjectForm(await request.formData());
	const checked = projectInput(values);
	if (!checked.ok) {
		return fail(400, {
			message: 'Check the marked fields.',
			values,
			errors: checked.errors,
			labelProblems: checked.labelProblems
		} satisfies ProjectFormFailure);
	}
	try {
		return { project: await save(checked.input) };
	} catch (err) {
		if (!(err instanceof ApiFailure)) throw err;
		const field = fieldOfMessage(err.message);
		return fail(err.status, {
			message: err.message,
			values,
			errors: field ? { [field]: err.message } : {},
			labelProblems: []
		} satisfies ProjectFormFailure);
	}
}

/**
 * The vocabulary a label can name, for the form's hint and to show a project's labels as
 * words: the lessons' words and every project label's word.
 */
export async function vocabulary(db: Db) {
	const { words } = await lessonsPack(db);
	return words.map(({ id, hangul, gloss }) => ({ id, hangul, en: gloss.en ?? '' }));
}
