/**
 * COCO object detection JSON, for bounding-box projects: `images`, `annotations` with
 * `bbox: [x, y, width, height]` in pixels from the top-left corner, and `categories` (one per
 * project label, ids from 1 in label order, `name` the label id).
 *
 * Export needs each image's size (data.width/height) to turn our % boxes into pixels and
 * refuses a task without it. Every annotation carries `gold: true | false`, so a consumer can
 * keep one set: gold boxes, and the consensus boxes (aggregated) or each answer's boxes with
 * its `annotator` (raw). COCO has no place for the rest, so each image keeps an `ilgam` block:
 * the task id, the other data fields (alt, maxBoxes) and whether the task has gold at all (a
 * gold of no boxes has no annotations to show it). An answer or consensus without boxes has no
 * annotation either and does not come back on import.
 *
 * Import: an image becomes a task `{ image: coco_url ?? file_name, width, height }` whose ref
 * is `ilgam.task_id` or the image id. Annotations without `annotator` or `gold: false` are gold
 * (in a plain COCO file that is all of them, and an image without annotations has gold of no
 * boxes); `gold: false` ones without annotator are the consensus. Pixels become % rounded to
 * 0.01 %, the precision of boxes drawn in the app, so exported boxes come back exactly.
 */
import * as v from 'valibot';
import { roundBox } from '$lib/labeling/box-editing';
import type { TaskAnswer } from '$lib/labeling/task-types';
import { attempt, isRecord, omit, rowError, type Candidate, type Gathered } from './check';
import { parseJsonDocument } from './text';
import {
	CONSENSUS_ANNOTATOR,
	type ExportMode,
	type ExportProject,
	type ExportTask,
	type ImportProblem
} from './types';

type Box = TaskAnswer<'bounding_boxes'>['boxes'][number];

const IdSchema = v.union([v.string(), v.number()]);

const Image = v.looseObject({
	id: IdSchema,
	file_name: v.optional(v.string()),
	coco_url: v.optional(v.string()),
	width: v.optional(v.number()),
	height: v.optional(v.number()),
	ilgam: v.optional(
		v.looseObject({
			task_id: v.optional(v.string()),
			data: v.optional(v.record(v.string(), v.unknown()), {}),
			has_gold: v.optional(v.boolean(), true)
		})
	)
});
type Image = v.InferOutput<typeof Image>;

const Annotation = v.looseObject({
	image_id: IdSchema,
	category_id: IdSchema,
	bbox: v.tuple([v.number(), v.number(), v.number(), v.number()]),
	gold: v.optional(v.boolean()),
	annotator: v.optional(v.string())
});
type Annotation = v.InferOutput<typeof Annotation>;

const CocoFile = v.looseObject({
	images: v.array(v.unknown()),
	annotations: v.optional(v.array(v.unknown()), []),
	categories: v.optional(v.array(v.looseObject({ id: IdSchema, name: v.string() })), [])
});

/** Fields COCO itself holds; the rest of the data travels in the image's `ilgam` block. */
const IMAGE_FIELDS = ['image', 'width', 'height'];

// ---------------------------------------------------------------------------------------------
// Import

export function read(text: string): Gathered {
	const document = parseJsonDocument(text);
	if (!document.ok) return { candidates: [], problems: [document.problem] };
	const parsed = v.safeParse(CocoFile, document.value);
	if (!parsed.success) {
		const message = 'a COCO file is an object with images, annotations and categories';
		return { candidates: [], problems: [{ line: 1, message }] };
	}
	const { images, annotations, categories } = parsed.output;
	const names = new Map(categories.map((category) => [String(category.id), category.name]));
	const byImage = groupByImage(annotations);
	const problems: ImportProblem[] = [];
	const candidates: Candidate[] = [];
	images.forEach((image, index) => {
		const line = index + 1;
		const candidate = attempt(problems, { line, ref: refOf(image) }, () => {
			const own = readImage(image);
			const boxes = byImage.get(String(own.id)) ?? [];
			byImage.delete(String(own.id));
			return imageCandidate(own, boxes, names, line);
		});
		if (candidate) candidates.push(candidate);
	});
	for (const [imageId, orphans] of byImage) {
		const message = `${orphans.length} annotation(s) refer to image ${imageId}, which is not in images`;
		problems.push({ line: 1, message });
	}
	return { candidates, problems };
}

/** The task's ref, read loosely so that a problem with the image can name it. */
function refOf(image: unknown): string | undefined {
	if (!isRecord(image)) return undefined;
	const ilgam = isRecord(image.ilgam) ? image.ilgam : {};
	const ref = ilgam.task_id ?? image.id;
	return typeof ref === 'string' || typeof ref === 'number' ? String(ref) : undefined;
}

function readImage(image: unknown): Image {
	const parsed = v.safeParse(Image, image);
	if (!parsed.success) rowError(`image: ${describe(parsed.issues)}`);
	return parsed.output;
}

/** Annotations by image id, still unchecked: a bad one fails its image, not the file. */
function groupByImage(annotations: readonly unknown[]): Map<string, unknown[]> {
	const groups = new Map<string, unknown[]>();
	for (const annotation of annotations) {
		const key = isRecord(annotation) ? String(annotation.image_id) : 'undefined';
		const group = groups.get(key) ?? [];
		group.push(annotation);
		groups.set(key, group);
	}
	return groups;
}

function imageCandidate(
	image: Image,
	annotations: readonly unknown[],
	categories: ReadonlyMap<string, string>,
	line: number
): Candidate {
	const read = annotations.map((annotation, index) => {
		const parsed = v.safeParse(Annotation, annotation);
		if (!parsed.success) rowError(`annotation ${index + 1}: ${describe(parsed.issues)}`);
		return { annotation: parsed.output, box: toPercent(parsed.output, image, categories) };
	});
	const gold: Box[] = [];
	// Each person's boxes (and the consensus's) together, as one answer.
	const byAnnotator = new Map<string, Box[]>();
	for (const { annotation, box } of read) {
		if (annotation.annotator === undefined && annotation.gold !== false) gold.push(box);
		else {
			const annotator = annotation.annotator ?? CONSENSUS_ANNOTATOR;
			byAnnotator.set(annotator, [...(byAnnotator.get(annotator) ?? []), box]);
		}
	}
	return {
		line,
		ref: refOf(image),
		data: {
			...image.ilgam?.data,
			image: image.coco_url ?? image.file_name,
			...(image.width === undefined ? {} : { width: image.width }),
			...(image.height === undefined ? {} : { height: image.height })
		},
		gold: image.ilgam?.has_gold === false ? null : { boxes: gold },
		annotations: [...byAnnotator].map(([annotator, boxes]) => ({
			annotator,
			answer: { boxes },
			line
		}))
	};
}

function toPercent(
	annotation: Annotation,
	image: Image,
	categories: ReadonlyMap<string, string>
): Box {
	const { width, height } = image;
	if (!width || !height) rowError('the image needs width and height to place its boxes');
	const label = categories.get(String(annotation.category_id));
	if (label === undefined) rowError(`category_id ${annotation.category_id} is not in categories`);
	const [x, y, w, h] = annotation.bbox;
	return roundBox({
		x: (x / width) * 100,
		y: (y / height) * 100,
		width: (w / width) * 100,
		height: (h / height) * 100,
		label
	});
}

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	const path = issue ? v.getDotPath(issue) : null;
	return `${path ?? 'value'}: ${issue?.message ?? 'invalid'}`;
}

// ---------------------------------------------------------------------------------------------
// Export

export function write(
	project: ExportProject,
	tasks: readonly ExportTask[],
	mode: ExportMode
): string {
	const unsized = tasks.filter((task) => !pixelSize(task.data)).map((task) => task.id);
	if (unsized.length > 0) {
		throw new Error(`COCO needs each image's width and height; missing for: ${unsized.join(', ')}`);
	}
	const categories = project.labels.map((name, index) => ({ id: index + 1, name }));
	const categoryOf = new Map(categories.map((category) => [category.name, category.id]));
	const images = tasks.map((task, index) => imageEntry(task, index + 1));
	const annotations = tasks
		.flatMap((task, index) =>
			boxSets(task, mode).flatMap(({ boxes, marks }) =>
				boxes.map((box) => ({
					image_id: index + 1,
					...toPixels(box, sizeOf(task), categoryOf),
					...marks
				}))
			)
		)
		.map((annotation, index) => ({ id: index + 1, ...annotation }));
	return JSON.stringify(
		{ info: { description: project.title }, images, annotations, categories },
		null,
		2
	);
}

/** The boxes a task contributes, each set with the fields that say whose boxes they are. */
function boxSets(
	task: ExportTask,
	mode: ExportMode
): { boxes: readonly Box[]; marks: Record<string, unknown> }[] {
	const gold = { boxes: boxesOf(task.gold), marks: { gold: true } };
	if (mode === 'aggregated')
		return [gold, { boxes: boxesOf(task.consensus), marks: { gold: false } }];
	return [
		gold,
		...task.answers.map((answer) => ({
			boxes: boxesOf(answer.answer),
			marks: { gold: false, annotator: answer.annotator }
		}))
	];
}

function pixelSize(data: Record<string, unknown>): { width: number; height: number } | null {
	const { width, height } = data;
	return typeof width === 'number' && typeof height === 'number' ? { width, height } : null;
}

function sizeOf(task: ExportTask): { width: number; height: number } {
	const size = pixelSize(task.data);
	if (!size) throw new Error(`COCO needs the width and height of task ${task.id}`);
	return size;
}

function boxesOf(answer: unknown): readonly Box[] {
	return answer === null ? [] : (answer as TaskAnswer<'bounding_boxes'>).boxes;
}

function imageEntry(task: ExportTask, id: number) {
	const image = String(task.data.image);
	return {
		id,
		file_name: image.split('?')[0]?.split('/').pop() ?? image,
		coco_url: image,
		...pixelSize(task.data),
		ilgam: { task_id: task.id, data: omit(task.data, IMAGE_FIELDS), has_gold: task.gold !== null }
	};
}

// Pixels to a thousandth: whole-pixel noise-free, and fine enough that % come back exactly.
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function toPixels(
	box: Box,
	size: { width: number; height: number },
	categoryOf: ReadonlyMap<string, number>
) {
	const categoryId = categoryOf.get(box.label);
	if (categoryId === undefined) throw new Error(`box label ${box.label} is not a project label`);
	const width = round3((box.width / 100) * size.width);
	const height = round3((box.height / 100) * size.height);
	return {
		category_id: categoryId,
		bbox: [round3((box.x / 100) * size.width), round3((box.y / 100) * size.height), width, height],
		area: round3(width * height),
		iscrowd: 0
	};
}
