/**
 * The shapes that cross the interchange boundary: what an import gives back, what an export
 * takes. Kept apart from the format modules so each of them, and callers, can name them.
 */
import type { TaskType } from '$lib/labeling/types';

export const INTERCHANGE_FORMATS = ['label-studio', 'jsonl', 'csv', 'coco', 'conll'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

/** Which answers an export carries: one aggregated row per task, or one per answer. */
export type ExportMode = 'aggregated' | 'raw';

/**
 * What an import or export needs to know of its project. `labels` are label ids (entity types
 * for named entities); transcription and translation projects have none.
 */
export interface ProjectShape {
	type: TaskType;
	labels: readonly string[];
	multiple: boolean;
}

export interface ExportProject extends ProjectShape {
	id: string;
	title: string;
}

/**
 * Marks the aggregated answer wherever a format has only "annotators" to put it under: the
 * Label Studio prediction's `model_version`, the annotator of a consensus CoNLL block, and the
 * annotator an imported consensus comes back under.
 */
export const CONSENSUS_ANNOTATOR = 'ilgam-consensus';

// ---------------------------------------------------------------------------------------------
// Import

export interface ImportedAnnotation {
	annotator: string;
	/** Checked with `validateAnswer` against the task; an answer that does not fit is reported. */
	answer: unknown;
}

export interface ImportedTask {
	/** The task's id in the file, or `row-<line>` when the file gives none. */
	ref: string;
	/** 1-based line (JSONL, CSV, CoNLL) or 1-based item index (Label Studio, COCO image). */
	line: number;
	/** The task's data as stored: the project's options (labels, multiple, types) left out. */
	data: Record<string, unknown>;
	/** Validated gold, or null. */
	gold: unknown | null;
	/** Answers in the file that are not gold (raw answers, the consensus). */
	annotations: ImportedAnnotation[];
}

/** One thing wrong with a file, in plain English, naming the field; `line` as in `ImportedTask`. */
export interface ImportProblem {
	line: number;
	ref?: string;
	message: string;
}

export interface ImportResult {
	tasks: ImportedTask[];
	problems: ImportProblem[];
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportAnswer {
	annotator: string;
	annotatorAccuracy: number | null;
	answer: unknown;
	/** ISO 8601. */
	answeredAt: string;
	/** Against gold; null when the task has none. */
	correct: boolean | null;
}

export interface ExportTask {
	id: string;
	/** Data as stored, without the project's options. */
	data: Record<string, unknown>;
	gold: unknown | null;
	/** The aggregated answer, shaped like an answer; null when nobody answered. */
	consensus: unknown | null;
	/** 0..1, or null when nobody answered. */
	agreement: number | null;
	answers: ExportAnswer[];
}

export interface ExportOptions {
	answers: ExportMode;
}

export interface ExportFile {
	filename: string;
	contentType: string;
	body: string;
}
