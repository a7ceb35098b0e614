/**
 * The project form's values as typed (strings, shares in percent) and their conversion to a
 * `ProjectInput` for the server, which validates it again with the schema. Kept as typed so a
 * refused form comes back exactly as it was sent.
 */
import type { ProjectInput } from '$lib/api/console';
import { LOCALES, type Locale } from '$lib/i18n/locales';
import { TASK_TYPES, type TaskType } from '$lib/labeling/types';
import { formatLabels, parseLabels, type LabelLine, type LabelProblem } from './labels';

export const TEXT_FIELDS = ['title', 'description', 'guidelines'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface ProjectFormValues {
	title: Record<Locale, string>;
	description: Record<Locale, string>;
	guidelines: Record<Locale, string>;
	type: string;
	/** `label-id: 한국어 word`, one per line. */
	labels: string;
	multiple: boolean;
	redundancy: string;
	/** Percent. */
	goldShare: string;
	/** Percent. */
	passAt: string;
	cohortId: string;
}

/** A field's name in the form, e.g. `title.en`, `labels`, `goldShare`. */
export type FieldErrors = Partial<Record<string, string>>;

export interface ProjectSettings {
	title: Record<string, string>;
	description: Record<string, string>;
	guidelines: Record<string, string>;
	type: TaskType;
	multiple: boolean;
	redundancy: number;
	goldShare: number;
	passAt: number;
	cohortId: string | null;
}

const perLocale = (texts: Record<string, string> = {}) =>
	Object.fromEntries(LOCALES.map((locale) => [locale, texts[locale] ?? ''])) as Record<
		Locale,
		string
	>;

/** Rounds away float noise: 0.15 * 100 is 15.000000000000002. */
const toPercent = (share: number) => String(Math.round(share * 1000) / 10);

export function newProjectForm(cohortId = ''): ProjectFormValues {
	return {
		title: perLocale(),
		description: perLocale(),
		guidelines: perLocale(),
		type: TASK_TYPES[0],
		labels: '',
		multiple: false,
		redundancy: '3',
		goldShare: '20',
		passAt: '80',
		cohortId
	};
}

export function projectForm(
	project: ProjectSettings,
	labels: readonly LabelLine[]
): ProjectFormValues {
	return {
		title: perLocale(project.title),
		description: perLocale(project.description),
		guidelines: perLocale(project.guidelines),
		type: project.type,
		labels: formatLabels(labels),
		multiple: project.multiple,
		redundancy: String(project.redundancy),
		goldShare: toPercent(project.goldShare),
		passAt: toPercent(project.passAt),
		cohortId: project.cohortId ?? ''
	};
}

export function readProjectForm(form: FormData): ProjectFormValues {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const texts = (field: TextField) =>
		perLocale(Object.fromEntries(LOCALES.map((locale) => [locale, text(`${field}.${locale}`)])));
	return {
		title: texts('title'),
		description: texts('description'),
		guidelines: texts('guidelines'),
		type: text('type'),
		labels: text('labels'),
		multiple: form.get('multiple') !== null,
		redundancy: text('redundancy'),
		goldShare: text('goldShare'),
		passAt: text('passAt'),
		cohortId: text('cohortId')
	};
}

function numberIn(value: string, min: number, max: number): number | null {
	const trimmed = value.trim();
	if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
	const n = Number(trimmed);
	return n >= min && n <= max ? n : null;
}

export type ProjectFormResult =
	| { ok: true; input: ProjectInput }
	| { ok: false; errors: FieldErrors; labelProblems: LabelProblem[] };

/**
 * The input to send, or what to fix. Checks only what the form itself can get wrong (numbers,
 * label lines, missing English text); the server's schema has the last word.
 */
export function projectInput(values: ProjectFormValues): ProjectFormResult {
	const errors: FieldErrors = {};
	for (const field of TEXT_FIELDS) {
		if (!values[field].en.trim()) errors[`${field}.en`] = 'English is required.';
	}
	const redundancy = numberIn(values.redundancy, 1, 10);
	if (redundancy === null || !Number.isInteger(redundancy)) {
		errors.redundancy = 'A whole number from 1 to 10.';
	}
	const goldShare = numberIn(values.goldShare, 0, 50);
	if (goldShare === null) errors.goldShare = 'A percentage from 0 to 50.';
	const passAt = numberIn(values.passAt, 50, 100);
	if (passAt === null) errors.passAt = 'A percentage from 50 to 100.';
	if (!values.cohortId) errors.cohortId = 'Choose one of your classes.';
	const { labels, problems } = parseLabels(values.labels);
	if (problems.length) errors.labels = 'Some label lines need fixing.';
	else if (labels.length === 0) errors.labels = 'Give at least one label.';
	if (
		Object.keys(errors).length > 0 ||
		redundancy === null ||
		goldShare === null ||
		passAt === null
	) {
		return { ok: false, errors, labelProblems: problems };
	}
	return {
		ok: true,
		input: {
			title: values.title,
			description: values.description,
			guidelines: values.guidelines,
			type: values.type as TaskType,
			labels,
			multiple: values.multiple,
			redundancy,
			goldShare: goldShare / 100,
			passAt: passAt / 100,
			cohortId: values.cohortId
		}
	};
}

/**
 * The form field a server message names ("title.en: at most 120 characters",
 * "labels: not in the vocabulary: …"), to show it there too; null when it names none.
 */
export function fieldOfMessage(message: string): string | null {
	const match = /^([a-zA-Z]+)(?:\.([a-z]+))?(?:\.\d+.*?)?:/.exec(message);
	if (!match) return null;
	const [, field, sub] = match;
	if ((TEXT_FIELDS as readonly string[]).includes(field ?? '')) {
		return sub && (LOCALES as readonly string[]).includes(sub) ? `${field}.${sub}` : `${field}.en`;
	}
	return field ?? null;
}
