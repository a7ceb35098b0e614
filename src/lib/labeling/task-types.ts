/**
 * The six labeling task types: the schema of a task's data, of an answer and of a gold answer,
 * whether an answer fits its task, and how it scores against gold. The phone uses these for
 * training feedback offline; the server re-checks every answer and scores hidden gold with the
 * very same functions, so the two can never disagree.
 *
 * Task data here is the task as the annotator sees it, project options included (label set,
 * entity types), so an answer can be checked from the task alone. A store that keeps those
 * options once per project spreads them into the data before calling `validateAnswer`.
 */
import * as v from 'valibot';
import { describeIssues } from '$lib/api/events';
import { SomeGlosses } from '$lib/content/schema';
import { LOCALES } from '$lib/i18n/locales';
import { scoreBoxes } from './boxes';
import { scoreClassification } from './classification';
import { findOverlap, scoreSpans, snapToSyllables } from './entities';
import { jamoUnits, MAX_CORRECT_CER, scoreTranscription } from './transcription';
import { scoreTranslation } from './translation';

import { TASK_TYPES, type TaskType } from './types';

export { TASK_TYPES, type TaskType };

// ---------------------------------------------------------------------------------------------
// Shared pieces

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(80), v.regex(/^[a-z0-9-]+$/));

/** A site path (a downloaded pack's /content/...) or an https URL; never http or data:. */
const MediaUrl = v.pipe(
	v.string(),
	v.maxLength(500),
	v.regex(/^(?:\/(?!\/)|https:\/\/)\S+$/, 'must be a site path or an https URL')
);

const isUnique = (items: readonly unknown[]) => new Set(items).size === items.length;

/** A project's options; distinct, so that a tap means exactly one of them. */
const IdSet = (min: number) =>
	v.pipe(
		v.array(Id),
		v.minLength(min),
		v.maxLength(50),
		v.check((ids) => isUnique(ids), 'must not repeat')
	);

const TaskText = v.pipe(v.string(), v.minLength(1), v.maxLength(5000));

/** The hard limit of a transcription; a task may set a lower one. */
export const MAX_TRANSCRIPTION_LENGTH = 2000;
/** Used when a transcription task sets no `maxLength`: a sign or a short form. */
export const DEFAULT_TRANSCRIPTION_LENGTH = 500;
/** Used when a bounding-box task sets no `maxBoxes`. */
export const DEFAULT_MAX_BOXES = 50;

// ---------------------------------------------------------------------------------------------
// Classification (image and text)

/** The learner tapped these labels. Same shape as `ClassificationAnswer` in classification.ts. */
export const LabelsAnswer = v.strictObject({
	labels: v.pipe(v.array(Id), v.minLength(1), v.maxLength(50))
});

/**
 * A yes/no swipe on a proposed label. The label travels with the verdict so the answer scores
 * against ordinary gold labels, without the task data: "yes" is right exactly when gold has it.
 */
export const VerifyAnswer = v.strictObject({ proposed: Id, accept: v.boolean() });

export const ClassificationGold = v.strictObject({ labels: IdSet(1) });

/**
 * An image to label. With `proposed` set the task is a yes/no check of that one label (a
 * project may then have a single label); otherwise the learner picks from `labels`.
 */
export const ImageClassificationData = v.pipe(
	v.strictObject({
		image: MediaUrl,
		alt: v.optional(SomeGlosses),
		labels: IdSet(1),
		/** More than one label may apply; absent means single-label. */
		multiple: v.optional(v.boolean()),
		proposed: v.optional(Id)
	}),
	v.check(
		(d) => (d.proposed === undefined ? d.labels.length >= 2 : d.labels.includes(d.proposed)),
		'proposed must be one of labels, and a choice needs at least two labels'
	)
);
export const ImageClassificationAnswer = v.union([LabelsAnswer, VerifyAnswer]);

export const TextClassificationData = v.strictObject({
	text: TaskText,
	labels: IdSet(2),
	multiple: v.optional(v.boolean())
});

function checkLabels(
	options: { labels: readonly string[]; multiple?: boolean },
	chosen: readonly string[]
): string | null {
	const unknown = chosen.find((label) => !options.labels.includes(label));
	if (unknown !== undefined) return `label ${unknown} is not one of this project's labels`;
	if (!isUnique(chosen)) return 'a label is chosen twice';
	if (!options.multiple && chosen.length !== 1) return 'this task takes exactly one label';
	return null;
}

// ---------------------------------------------------------------------------------------------
// Bounding boxes

const Percent = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100));
// Float sums such as 33.3 + 66.7 may land a hair past 100.
const EDGE_TOLERANCE = 1e-9;

export const BoxSchema = v.pipe(
	v.strictObject({ x: Percent, y: Percent, width: Percent, height: Percent, label: Id }),
	v.check(
		(b) =>
			b.width > 0 &&
			b.height > 0 &&
			b.x + b.width <= 100 + EDGE_TOLERANCE &&
			b.y + b.height <= 100 + EDGE_TOLERANCE,
		'a box must have a positive size and lie inside the image (0..100 %)'
	)
);

export const BoundingBoxesData = v.strictObject({
	image: MediaUrl,
	alt: v.optional(SomeGlosses),
	labels: IdSet(1),
	maxBoxes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
	/** The image's size in pixels, when known: COCO exports give boxes in pixels, not %. */
	width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
	height: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
/** No boxes is a real answer: the image shows nothing to mark. */
export const BoundingBoxesAnswer = v.strictObject({
	boxes: v.pipe(v.array(BoxSchema), v.maxLength(100))
});

// ---------------------------------------------------------------------------------------------
// Named entities

const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));

export const SpanSchema = v.pipe(
	v.strictObject({ start: Offset, end: Offset, type: Id }),
	v.check((s) => s.start < s.end, 'a span must not be empty')
);

export const NamedEntitiesData = v.strictObject({ text: TaskText, types: IdSet(1) });
/** No spans is a real answer: the sentence names nothing. */
export const NamedEntitiesAnswer = v.strictObject({
	spans: v.pipe(v.array(SpanSchema), v.maxLength(200))
});

function checkSpans(
	data: v.InferOutput<typeof NamedEntitiesData>,
	spans: readonly v.InferOutput<typeof SpanSchema>[]
): string | null {
	for (const span of spans) {
		const at = `span ${span.start}..${span.end}`;
		if (span.end > data.text.length) return `${at} runs past the end of the text`;
		if (!data.types.includes(span.type)) return `${at}: type ${span.type} is not in this project`;
		const snapped = snapToSyllables(data.text, span.start, span.end);
		if (snapped.start !== span.start || snapped.end !== span.end) {
			return `${at} splits a character`;
		}
		// Scoring is exact on offsets, so a stray space would make a right span count as wrong.
		const covered = data.text.slice(span.start, span.end);
		if (covered.trim() !== covered) return `${at} starts or ends with a space`;
	}
	const overlap = findOverlap(spans);
	if (overlap) {
		const [a, b] = overlap;
		return `spans ${a.start}..${a.end} and ${b.start}..${b.end} overlap`;
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Transcription

export const TranscriptionData = v.strictObject({
	/** What the learner reads or listens to. */
	media: v.picklist(['image', 'audio']),
	src: MediaUrl,
	alt: v.optional(SomeGlosses),
	/** In characters (code points); defaults to `DEFAULT_TRANSCRIPTION_LENGTH`. */
	maxLength: v.optional(
		v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TRANSCRIPTION_LENGTH))
	)
});
export const TranscriptionAnswer = v.strictObject({
	text: v.pipe(v.string(), v.trim(), v.maxLength(MAX_TRANSCRIPTION_LENGTH))
});
export const TranscriptionGold = v.strictObject({
	text: v.pipe(v.string(), v.trim(), v.nonEmpty())
});

// ---------------------------------------------------------------------------------------------
// Translation check

const PairText = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2000));

/** `target` is the translation being judged; a fix rewrites it. One side is Korean. */
export const TranslationCheckData = v.pipe(
	v.strictObject({
		source: PairText,
		sourceLanguage: v.picklist(LOCALES),
		target: PairText,
		targetLanguage: v.picklist(LOCALES)
	}),
	v.check(
		(d) =>
			d.sourceLanguage !== d.targetLanguage &&
			(d.sourceLanguage === 'ko' || d.targetLanguage === 'ko'),
		'a pair is Korean and one other language'
	)
);
export const TranslationCheckAnswer = v.variant('verdict', [
	v.strictObject({ verdict: v.literal('ok') }),
	v.strictObject({ verdict: v.literal('wrong'), fix: PairText })
]);
export const TranslationCheckGold = v.variant('verdict', [
	v.strictObject({ verdict: v.literal('ok') }),
	v.strictObject({ verdict: v.literal('wrong'), fix: v.optional(PairText) })
]);

// ---------------------------------------------------------------------------------------------
// By type

/** Schema of each type's task data. */
export const TaskDataSchema = {
	image_classification: ImageClassificationData,
	bounding_boxes: BoundingBoxesData,
	text_classification: TextClassificationData,
	named_entities: NamedEntitiesData,
	transcription: TranscriptionData,
	translation_check: TranslationCheckData
} as const satisfies Record<TaskType, v.GenericSchema>;

/** Schema of each type's answer, before it is checked against its task. */
export const TaskAnswerSchema = {
	image_classification: ImageClassificationAnswer,
	bounding_boxes: BoundingBoxesAnswer,
	text_classification: LabelsAnswer,
	named_entities: NamedEntitiesAnswer,
	transcription: TranscriptionAnswer,
	translation_check: TranslationCheckAnswer
} as const satisfies Record<TaskType, v.GenericSchema>;

/** Schema of each type's gold answer. Image verify tasks use ordinary gold labels. */
export const TaskGoldSchema = {
	image_classification: ClassificationGold,
	bounding_boxes: BoundingBoxesAnswer,
	text_classification: ClassificationGold,
	named_entities: NamedEntitiesAnswer,
	transcription: TranscriptionGold,
	translation_check: TranslationCheckGold
} as const satisfies Record<TaskType, v.GenericSchema>;

export type TaskData<T extends TaskType> = v.InferOutput<(typeof TaskDataSchema)[T]>;
export type TaskAnswer<T extends TaskType> = v.InferOutput<(typeof TaskAnswerSchema)[T]>;
export type TaskGold<T extends TaskType> = v.InferOutput<(typeof TaskGoldSchema)[T]>;

/**
 * The score at or above which an answer counts as correct (for qualification and accuracy):
 * - classification, translation check: exact (the label set or verdict equals gold's);
 * - bounding boxes, named entities: F1 ≥ 0.8, so one miss among five objects still passes but
 *   with one or two objects every one must be right;
 * - transcription: score is 1 − CER, so 0.9 means CER ≤ `MAX_CORRECT_CER` (0.1).
 */
export const CORRECT_AT: Record<TaskType, number> = {
	image_classification: 1,
	bounding_boxes: 0.8,
	text_classification: 1,
	named_entities: 0.8,
	transcription: 1 - MAX_CORRECT_CER,
	translation_check: 1
};

interface TypeRules<T extends TaskType> {
	/** Why the answer does not fit its task, or null when it does. */
	check(data: TaskData<T>, answer: TaskAnswer<T>): string | null;
	score(gold: TaskGold<T>, answer: TaskAnswer<T>): number;
}

const RULES: { [T in TaskType]: TypeRules<T> } = {
	image_classification: {
		check(data, answer) {
			if (data.proposed !== undefined) {
				if (!('accept' in answer)) return `this task asks yes or no about ${data.proposed}`;
				return answer.proposed === data.proposed ? null : `this task proposes ${data.proposed}`;
			}
			if (!('labels' in answer)) return 'this task asks for labels, not yes or no';
			return checkLabels(data, answer.labels);
		},
		score(gold, answer) {
			if ('accept' in answer) {
				return answer.accept === gold.labels.includes(answer.proposed) ? 1 : 0;
			}
			return scoreClassification(gold, answer);
		}
	},
	bounding_boxes: {
		check(data, answer) {
			const max = data.maxBoxes ?? DEFAULT_MAX_BOXES;
			if (answer.boxes.length > max) return `at most ${max} boxes`;
			const unknown = answer.boxes.find((b) => !data.labels.includes(b.label));
			return unknown ? `label ${unknown.label} is not one of this project's labels` : null;
		},
		score: (gold, answer) => scoreBoxes(gold.boxes, answer.boxes)
	},
	text_classification: {
		check: (data, answer) => checkLabels(data, answer.labels),
		score: scoreClassification
	},
	named_entities: {
		check: (data, answer) => checkSpans(data, answer.spans),
		score: (gold, answer) => scoreSpans(gold.spans, answer.spans)
	},
	transcription: {
		check(data, answer) {
			const max = data.maxLength ?? DEFAULT_TRANSCRIPTION_LENGTH;
			if (jamoUnits(answer.text).length === 0) return 'the transcription is empty';
			// Code points, as the learner counts characters; UTF-16 would count an emoji twice.
			if ([...answer.text].length > max) return `at most ${max} characters`;
			return null;
		},
		score: (gold, answer) => scoreTranscription(gold.text, answer.text)
	},
	translation_check: {
		check(data, answer) {
			if (answer.verdict === 'wrong' && answer.fix === data.target.trim()) {
				return 'the fix is the same as the translation shown';
			}
			return null;
		},
		score: scoreTranslation
	}
};

export type AnswerCheck<A> = { ok: true; answer: A } | { ok: false; reason: string };

/**
 * Parses an answer from the phone or the network and checks it against its task: label ids in
 * the project's set, boxes inside the image, spans on whole characters and not overlapping,
 * length limits. On success `answer` is the parsed (trimmed) answer to store.
 */
export function validateAnswer<T extends TaskType>(
	type: T,
	data: TaskData<T>,
	answer: unknown
): AnswerCheck<TaskAnswer<T>> {
	const parsed = v.safeParse(TaskAnswerSchema[type], answer);
	if (!parsed.success) return { ok: false, reason: describeIssues(parsed.issues) };
	const output = parsed.output as TaskAnswer<T>;
	const rules: TypeRules<T> = RULES[type];
	const reason = rules.check(data, output);
	return reason === null ? { ok: true, answer: output } : { ok: false, reason };
}

/** How close a valid answer is to gold, 0..1 (see each type's module for the measure). */
export function scoreAnswer<T extends TaskType>(
	type: T,
	gold: TaskGold<T>,
	answer: TaskAnswer<T>
): number {
	const rules: TypeRules<T> = RULES[type];
	return rules.score(gold, answer);
}

/** Whether a valid answer counts as correct: its score reaches `CORRECT_AT[type]`. */
export function isCorrect<T extends TaskType>(
	type: T,
	gold: TaskGold<T>,
	answer: TaskAnswer<T>
): boolean {
	// A hair of slack so that 1 − 0.1 computed in floating point still meets 0.9.
	return scoreAnswer(type, gold, answer) >= CORRECT_AT[type] - 1e-9;
}
