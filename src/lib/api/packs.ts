/** What the phone downloads to work offline: lessons with their words, and task projects. */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n/locales';
import type { TaskKind, TaskType } from '$lib/labeling/types';

/**
 * `?locale=` on the packs: every text in that language and in English (the phone's fallback)
 * only, not in all sixteen. Without it, every language.
 */
export const PackQuery = v.strictObject({ locale: v.optional(v.picklist(LOCALES)) });

export type Glosses = Record<string, string>;

export interface PackWord {
	id: string;
	deckId: string;
	hangul: string;
	romanization: string;
	pos: string;
	level: number;
	gloss: Glosses;
	example: { ko: string; gloss: Glosses };
}

export interface PackLesson {
	id: string;
	deckId: string;
	deckTitle: Glosses;
	/** The deck's level: 1 beginner … 6. */
	level: number;
	title: Glosses;
	wordIds: string[];
	position: number;
}

export interface LessonsPack {
	/** Changes whenever the content does; the phone sends it back as If-None-Match. */
	version: string;
	lessons: PackLesson[];
	words: PackWord[];
}

export interface ProjectLabel {
	id: string;
	/** The vocabulary word the label is: its card can join the learner's reviews. */
	wordId: string;
}

export interface ProjectSummary {
	id: string;
	type: TaskType;
	title: Glosses;
	description: Glosses;
	/** Training and qualification items, which come with the download. */
	taskCount: number;
	/** Sum of those tasks' image/audio bytes, shown before a download. */
	assetBytes: number;
	/** Average bytes of one work task's image/audio, to show a batch's size before leasing. */
	workTaskBytes: number;
}

export interface PackTask {
	id: string;
	projectId: string;
	kind: TaskKind;
	position: number;
	/**
	 * The task as the annotator sees it, with the project's options (labels, entity types,
	 * multiple) spread in: a `TaskData<type>` from src/lib/labeling/task-types.ts.
	 */
	data: Record<string, unknown>;
	/** Training items only. Qualification and work items never carry gold to the phone. */
	gold?: unknown;
	explanation?: Glosses;
	/** Work items only: when the lease runs out (ISO time). */
	expiresAt?: string;
}

export interface ProjectInfo extends ProjectSummary {
	guidelines: Glosses;
	labels: ProjectLabel[];
	multiple: boolean;
	/** Share of the qualification set to get right to unlock work. */
	passAt: number;
}

/** A project's download: its training and qualification items. Work comes by lease. */
export interface ProjectPack {
	project: ProjectInfo;
	tasks: PackTask[];
}

export interface PackIndex {
	projects: ProjectSummary[];
}

/** POST /api/projects/[id]/lease: a batch of work, without gold. */
export interface LeaseResponse {
	tasks: PackTask[];
	expiresAt: string;
}

export interface QualificationAttempt {
	attempt: number;
	answered: number;
	correct: number;
	/** Items in the set; the attempt is scored once all are answered. */
	total: number;
	passed: boolean;
}

/** GET /api/projects/[id]/status: what the server knows of this learner on this project. */
export interface ProjectStatus {
	qualified: boolean;
	attempts: QualificationAttempt[];
	/** From hidden gold among work answers; null before any is scored. */
	accuracy: { correct: number; total: number } | null;
	/** Work tasks leased to the learner and not yet answered, with the lease still running. */
	openTasks: number;
}
