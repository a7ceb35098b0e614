/**
 * Label Studio JSON: an array of tasks `{ id, data, annotations, predictions }`, each
 * annotation and prediction a list of results `{ from_name, to_name, type, value }`.
 *
 * Import: gold is the annotation marked `ground_truth: true`, else the only annotation when
 * there is exactly one (cancelled ones do not count, nor do answers this app exported, which
 * carry an `ilgam` block). Other annotations come back as answers. Predictions are model
 * output and are skipped, except the consensus this app exports (model_version
 * `ilgam-consensus`), which comes back as an answer by that name. A bare item without `data`
 * is all data, as Label Studio allows for simple tasks.
 *
 * Export always carries everything: gold as a ground-truth annotation, every raw answer as an
 * annotation (`completed_by.email` is the annotator, `ilgam` keeps accuracy and correctness),
 * and the consensus as a prediction scored by the agreement.
 *
 * Results per type (RESULTS below): classification is `choices` (`from_name: "label"`), a yes/no
 * check is `choices` yes/no (`from_name: "verdict"`), boxes are `rectanglelabels` in % (like
 * ours) with `original_width/height` when the data has the image size, entities are `labels`
 * with UTF-16 `start`/`end` (like ours) and the covered `text`, a transcription is a `textarea`,
 * a translation check is `choices` ok/wrong (`"verdict"`) plus a `textarea` (`"fix"`).
 */
import * as v from 'valibot';
import type { TaskAnswer, TaskGold } from '$lib/labeling/task-types';
import type { TaskType } from '$lib/labeling/types';
import {
	attempt,
	isRecord,
	omit,
	rowError,
	RowError,
	type Candidate,
	type Gathered
} from './check';
import { parseJsonDocument } from './text';
import {
	CONSENSUS_ANNOTATOR,
	type ExportAnswer,
	type ExportTask,
	type ImportProblem,
	type ProjectShape
} from './types';

// ---------------------------------------------------------------------------------------------
// The file's shapes: loose, because Label Studio adds many fields we do not need.

const Result = v.looseObject({
	from_name: v.optional(v.string(), ''),
	to_name: v.optional(v.string(), ''),
	type: v.string(),
	value: v.record(v.string(), v.unknown()),
	original_width: v.optional(v.number()),
	original_height: v.optional(v.number())
});
type Result = v.InferOutput<typeof Result>;

const Person = v.looseObject({ email: v.optional(v.string()), username: v.optional(v.string()) });

const Annotation = v.looseObject({
	result: v.optional(v.array(Result), []),
	ground_truth: v.optional(v.boolean(), false),
	was_cancelled: v.optional(v.boolean(), false),
	completed_by: v.optional(v.union([v.number(), v.string(), Person])),
	ilgam: v.optional(v.looseObject({ annotator: v.optional(v.string()) }))
});
type Annotation = v.InferOutput<typeof Annotation>;

const Prediction = v.looseObject({
	model_version: v.optional(v.unknown()),
	result: v.optional(v.array(Result), [])
});

const Task = v.looseObject({
	id: v.optional(v.union([v.string(), v.number()])),
	data: v.record(v.string(), v.unknown()),
	annotations: v.optional(v.array(Annotation), []),
	predictions: v.optional(v.array(Prediction), [])
});

// ---------------------------------------------------------------------------------------------
// Results per task type

type Data = Record<string, unknown>;

interface ResultMapping<T extends TaskType> {
	/** An answer or gold as results. */
	toResults(answer: TaskAnswer<T> | TaskGold<T>, data: Data): Result[];
	/** What results say, shaped as an answer or gold; checked by the caller. */
	fromResults(results: readonly Result[], data: Data): unknown;
}

const LABEL = 'label';
const VERDICT = 'verdict';
const FIX = 'fix';

function result(fromName: string, toName: string, type: string, value: Data): Result {
	return { from_name: fromName, to_name: toName, type, value };
}

/** The results of the kinds a type uses; any other kind is a problem rather than lost. */
function ofTypes(results: readonly Result[], types: readonly string[], task: TaskType): Result[] {
	const other = results.find((r) => !types.includes(r.type));
	if (other) rowError(`result type '${other.type}' does not fit ${task} tasks`);
	return [...results];
}

function strings(value: unknown, field: string): string[] {
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
		rowError(`value.${field} must be a list of strings`);
	}
	return value;
}

function single(value: unknown, field: string): string {
	const [only, ...rest] = strings(value, field);
	if (only === undefined || rest.length > 0) rowError(`value.${field} must hold exactly one`);
	return only;
}

/** Image and text classification: the same results, pointing at a different object. */
function classification<T extends 'image_classification' | 'text_classification'>(
	task: T,
	toName: string
): ResultMapping<T> {
	return {
		toResults(answer) {
			// Text answers are the label picks among image answers; only images have yes/no.
			const given = answer as TaskAnswer<'image_classification'>;
			return 'accept' in given
				? [result(VERDICT, toName, 'choices', { choices: [given.accept ? 'yes' : 'no'] })]
				: [result(LABEL, toName, 'choices', { choices: given.labels })];
		},
		fromResults(results, data) {
			const choices = ofTypes(results, ['choices'], task);
			const verdict = choices.find((r) => r.from_name === VERDICT);
			if (!verdict) return { labels: choices.flatMap((r) => strings(r.value.choices, 'choices')) };
			if (typeof data.proposed !== 'string') rowError('a yes/no verdict needs data.proposed');
			const said = single(verdict.value.choices, 'choices');
			if (said !== 'yes' && said !== 'no') rowError(`verdict '${said}' is not yes or no`);
			return { proposed: data.proposed, accept: said === 'yes' };
		}
	};
}

const boundingBoxes: ResultMapping<'bounding_boxes'> = {
	toResults: (answer, data) =>
		answer.boxes.map((box) => ({
			...result(LABEL, 'image', 'rectanglelabels', {
				x: box.x,
				y: box.y,
				width: box.width,
				height: box.height,
				rotation: 0,
				rectanglelabels: [box.label]
			}),
			...imageSize(data)
		})),
	fromResults: (results) => ({
		boxes: ofTypes(results, ['rectanglelabels'], 'bounding_boxes').map(({ value }) => {
			// Our boxes are upright; turning a rotated one upright would move it.
			if (typeof value.rotation === 'number' && value.rotation !== 0) {
				rowError('rotated boxes are not supported');
			}
			const label = single(value.rectanglelabels, 'rectanglelabels');
			return { x: value.x, y: value.y, width: value.width, height: value.height, label };
		})
	})
};

function imageSize(data: Data): { original_width?: number; original_height?: number } {
	return typeof data.width === 'number' && typeof data.height === 'number'
		? { original_width: data.width, original_height: data.height }
		: {};
}

const namedEntities: ResultMapping<'named_entities'> = {
	toResults: (answer, data) =>
		answer.spans.map((span) =>
			result(LABEL, 'text', 'labels', {
				start: span.start,
				end: span.end,
				text: String(data.text).slice(span.start, span.end),
				labels: [span.type]
			})
		),
	fromResults: (results, data) => ({
		spans: ofTypes(results, ['labels'], 'named_entities').map(({ value }) => {
			const { start, end } = value;
			const covered =
				typeof data.text === 'string' ? data.text.slice(Number(start), Number(end)) : '';
			// Offsets are what we keep; the text is a check that both sides count the same way.
			if (typeof value.text === 'string' && value.text !== covered) {
				rowError(`entity text '${value.text}' is not the text at ${start}..${end}`);
			}
			return { start, end, type: single(value.labels, 'labels') };
		})
	})
};

const transcription: ResultMapping<'transcription'> = {
	toResults: (answer, data) => [
		result('transcription', data.media === 'audio' ? 'audio' : 'image', 'textarea', {
			text: [answer.text]
		})
	],
	fromResults: (results) => ({
		// A textarea may hold several lines as separate strings.
		text: ofTypes(results, ['textarea'], 'transcription')
			.flatMap((r) => strings(r.value.text, 'text'))
			.join('\n')
	})
};

const translationCheck: ResultMapping<'translation_check'> = {
	toResults: (answer) => [
		result(VERDICT, 'target', 'choices', { choices: [answer.verdict] }),
		...(answer.verdict === 'wrong' && answer.fix !== undefined
			? [result(FIX, 'target', 'textarea', { text: [answer.fix] })]
			: [])
	],
	fromResults(results) {
		const used = ofTypes(results, ['choices', 'textarea'], 'translation_check');
		const verdicts = used.filter((r) => r.type === 'choices');
		const fixes = used.filter((r) => r.type === 'textarea');
		if (verdicts.length !== 1) rowError('a translation check needs one ok/wrong verdict');
		const verdict = single(verdicts[0]?.value.choices, 'choices');
		if (fixes.length === 0) return { verdict };
		return { verdict, fix: fixes.flatMap((r) => strings(r.value.text, 'text')).join('\n') };
	}
};

const RESULTS: { [T in TaskType]: ResultMapping<T> } = {
	image_classification: classification('image_classification', 'image'),
	text_classification: classification('text_classification', 'text'),
	bounding_boxes: boundingBoxes,
	named_entities: namedEntities,
	transcription,
	translation_check: translationCheck
};

function toResults(type: TaskType, answer: unknown, data: Data): Result[] {
	const mapping: ResultMapping<TaskType> = RESULTS[type];
	return mapping.toResults(answer as never, data);
}

function fromResults(type: TaskType, results: readonly Result[], data: Data): unknown {
	const mapping: ResultMapping<TaskType> = RESULTS[type];
	return mapping.fromResults(results, data);
}

// ---------------------------------------------------------------------------------------------
// Import

export function read(text: string, project: ProjectShape): Gathered {
	const document = parseJsonDocument(text);
	if (!document.ok) return { candidates: [], problems: [document.problem] };
	if (!Array.isArray(document.value)) {
		return {
			candidates: [],
			problems: [{ line: 1, message: 'a Label Studio file is a JSON array of tasks' }]
		};
	}
	const problems: ImportProblem[] = [];
	const candidates = document.value.flatMap((item: unknown, index) => {
		const at = { line: index + 1, ref: refOf(item) };
		return attempt(problems, at, () => readTask(item, at.line, project, problems)) ?? [];
	});
	return { candidates, problems };
}

function refOf(item: unknown): string | undefined {
	const id = isRecord(item) ? item.id : undefined;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function readTask(
	item: unknown,
	line: number,
	project: ProjectShape,
	problems: ImportProblem[]
): Candidate {
	if (!isRecord(item)) rowError(`item ${line} is not an object`);
	const parsed = v.safeParse(
		Task,
		'data' in item ? item : { id: item.id, data: omit(item, ['id']) }
	);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		rowError(`${v.getDotPath(issue) ?? 'item'}: ${issue.message}`);
	}
	const task = parsed.output;
	const ref = refOf(task);
	const kept = task.annotations.filter((annotation) => !annotation.was_cancelled);
	const gold = pickGold(kept);
	const read = (results: readonly Result[]) => fromResults(project.type, results, task.data);

	const answers = kept
		.filter((annotation) => annotation !== gold)
		.map((annotation) => ({ annotator: annotatorOf(annotation), results: annotation.result }));
	const consensus = task.predictions.find((p) => p.model_version === CONSENSUS_ANNOTATOR);
	if (consensus) answers.push({ annotator: CONSENSUS_ANNOTATOR, results: consensus.result });

	return {
		line,
		ref,
		data: task.data,
		gold: gold ? attemptGold(() => read(gold.result)) : null,
		annotations: answers.flatMap(({ annotator, results }) => {
			const prefix = `answer by ${annotator} left out: `;
			const answer = attempt(problems, { line, ref }, () => read(results), prefix);
			return answer === null ? [] : [{ annotator, answer, line }];
		})
	};
}

/** Gold that cannot be read fails its whole task: importing it without gold would mislead. */
function attemptGold(readGold: () => unknown): unknown {
	try {
		return readGold();
	} catch (error) {
		if (error instanceof RowError) rowError(`gold: ${error.message}`);
		throw error;
	}
}

function pickGold(annotations: readonly Annotation[]): Annotation | undefined {
	const marked = annotations.find((annotation) => annotation.ground_truth);
	if (marked) return marked;
	const [only, ...rest] = annotations;
	return only && rest.length === 0 && !only.ilgam ? only : undefined;
}

function annotatorOf(annotation: Annotation): string {
	const by = annotation.completed_by;
	const person = typeof by === 'object' ? (by.email ?? by.username) : by;
	return annotation.ilgam?.annotator ?? (person === undefined ? 'unknown' : String(person));
}

// ---------------------------------------------------------------------------------------------
// Export

export function write(project: ProjectShape, tasks: readonly ExportTask[]): string {
	return JSON.stringify(
		tasks.map((task) => exportTask(project.type, task)),
		null,
		2
	);
}

function exportTask(type: TaskType, task: ExportTask) {
	const results = (answer: unknown) => toResults(type, answer, task.data);
	const gold =
		task.gold === null
			? []
			: [{ ground_truth: true, was_cancelled: false, result: results(task.gold) }];
	const predictions =
		task.consensus === null
			? []
			: [
					{
						model_version: CONSENSUS_ANNOTATOR,
						...(task.agreement === null ? {} : { score: task.agreement }),
						result: results(task.consensus)
					}
				];
	return {
		id: task.id,
		data: task.data,
		annotations: [...gold, ...task.answers.map((answer) => exportAnswer(answer, results))],
		predictions
	};
}

function exportAnswer(answer: ExportAnswer, results: (answer: unknown) => Result[]) {
	return {
		completed_by: { email: answer.annotator },
		created_at: answer.answeredAt,
		ground_truth: false,
		was_cancelled: false,
		result: results(answer.answer),
		ilgam: {
			annotator: answer.annotator,
			annotator_accuracy: answer.annotatorAccuracy,
			correct: answer.correct
		}
	};
}
