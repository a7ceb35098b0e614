/**
 * Inputs of the coordinator's console: cohorts, projects, task imports and exports. The console's
 * forms and its JSON endpoints both validate with these.
 */
import * as v from 'valibot';
import { noNul } from './nul';
import { INTERCHANGE_FORMATS } from '$lib/interchange';
import { LOCALES } from '$lib/i18n/locales';
import { TASK_KINDS, TASK_TYPES } from '$lib/labeling/types';

export const CohortName = v.pipe(
	v.string(),
	v.trim(),
	noNul(),
	v.minLength(1, 'give the class a name'),
	v.maxLength(80, 'a class name has at most 80 characters')
);

const LabelId = v.pipe(
	v.string(),
	v.trim(),
	v.regex(/^[a-z0-9-]{1,40}$/, 'a label id uses a–z, digits and dashes (at most 40)')
);

/** Text per language; English is required, as the fallback every learner can be shown. */
const PerLocale = (max: number) =>
	v.pipe(
		v.record(
			v.picklist(LOCALES),
			v.pipe(v.string(), v.trim(), noNul(), v.maxLength(max, `at most ${max} characters`))
		),
		v.transform((texts) =>
			Object.fromEntries(Object.entries(texts).filter(([, text]) => text.length > 0))
		),
		v.check((texts) => 'en' in texts, 'English text is required')
	);

/**
 * A project's settings. Labels name a Korean word of the vocabulary (`hangul`), which the server
 * looks up, so every label a learner taps is also a word they can review.
 */
export const ProjectInput = v.pipe(
	v.strictObject({
		title: PerLocale(120),
		description: PerLocale(500),
		guidelines: PerLocale(5000),
		type: v.picklist(TASK_TYPES),
		labels: v.pipe(
			v.array(
				v.strictObject({
					id: LabelId,
					hangul: v.pipe(v.string(), v.trim(), noNul(), v.minLength(1))
				})
			),
			v.maxLength(50, 'a project has at most 50 labels'),
			v.check(
				(labels) => new Set(labels.map((l) => l.id)).size === labels.length,
				'label ids repeat'
			)
		),
		multiple: v.boolean(),
		redundancy: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
		goldShare: v.pipe(v.number(), v.minValue(0), v.maxValue(0.5)),
		passAt: v.pipe(v.number(), v.minValue(0.5), v.maxValue(1)),
		/** The cohort whose learners see it. */
		cohortId: v.pipe(v.string(), v.uuid('choose one of your classes'))
	}),
	// Transcriptions and translation checks are answered in words, not with labels.
	v.forward(
		v.check(
			(project) =>
				project.type === 'transcription' ||
				project.type === 'translation_check' ||
				project.labels.length > 0,
			'this task type needs at least one label'
		),
		['labels']
	)
);
export type ProjectInput = v.InferInput<typeof ProjectInput>;

/** Imported tasks travel in chunks, so a 10,000-task file shows real progress and no request is huge. */
export const MAX_IMPORT_CHUNK = 500;
/** Within adapter-node's default BODY_SIZE_LIMIT (512K): the console makes chunks smaller. */
export const MAX_IMPORT_BODY_BYTES = 512 * 1024;

export const ImportChunk = v.strictObject({
	kind: v.picklist(TASK_KINDS),
	tasks: v.pipe(
		v.array(
			v.strictObject({
				/** The task's id in its source file: importing it again updates, never duplicates. */
				ref: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
				data: v.record(v.string(), v.unknown()),
				gold: v.optional(v.unknown())
			})
		),
		v.minLength(1),
		v.maxLength(MAX_IMPORT_CHUNK)
	)
});
export type ImportChunk = v.InferInput<typeof ImportChunk>;

export interface ImportResult {
	imported: number;
	/** Tasks the server refused, by index in the chunk. */
	problems: { index: number; message: string }[];
}

export const ExportQuery = v.strictObject({
	format: v.picklist(INTERCHANGE_FORMATS),
	answers: v.optional(v.picklist(['aggregated', 'raw']), 'aggregated')
});
