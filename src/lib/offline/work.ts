/**
 * A project on the phone in its three parts: training (scored here), the qualification set (its
 * score comes from the server after sync), and leased work. Pure functions over what IndexedDB
 * holds, so the task pages stay thin and the rules are unit-tested.
 */
import type { PackTask } from '$lib/api/packs';
import type { Locale } from '$lib/i18n/locales';
import { fitsLanguage, type TaskKind, type TaskType } from '$lib/labeling/types';
import type { LocalDb, StoredProject, TaskAnswer } from './db';

export interface ProjectParts {
	training: PackTask[];
	qualification: PackTask[];
	work: PackTask[];
}

/** The project's tasks for this learner (translation checks in their language), by part, in order. */
export function partsOf(type: TaskType, tasks: readonly PackTask[], locale: Locale): ProjectParts {
	const mine = tasks
		.filter((task) => fitsLanguage(type, task.data, locale))
		.sort((a, b) => a.position - b.position);
	const of = (kind: TaskKind) => mine.filter((task) => task.kind === kind);
	return { training: of('training'), qualification: of('qualification'), work: of('work') };
}

export interface QualificationState {
	/** The try the learner is on (1 for the first). */
	attempt: number;
	/** Items of this try still to answer, in order. */
	todo: PackTask[];
	answered: number;
	total: number;
}

/**
 * Where the learner is in the qualification set. A try is answers with one attempt number; a
 * new try (`retry`) starts once the last one is complete, and asks every item again.
 */
export function qualificationState(
	set: readonly PackTask[],
	answers: ReadonlyMap<string, TaskAnswer>,
	retry = false
): QualificationState {
	const attemptOf = (task: PackTask) => answers.get(task.id)?.attempt ?? 0;
	const latest = Math.max(0, ...set.map(attemptOf));
	const complete = latest > 0 && set.every((task) => attemptOf(task) === latest);
	const attempt = latest === 0 ? 1 : complete && retry ? latest + 1 : latest;
	const todo = set.filter((task) => attemptOf(task) < attempt);
	return { attempt, todo, answered: set.length - todo.length, total: set.length };
}

export interface WorkState {
	/** Leased, not answered, lease still running: what the learner can do now. */
	open: PackTask[];
	done: number;
	/** Leases that ran out before an answer; the server gives these tasks to others. */
	expired: number;
}

export function workState(
	work: readonly PackTask[],
	answers: ReadonlyMap<string, TaskAnswer>,
	now = new Date()
): WorkState {
	const unanswered = work.filter((task) => !answers.has(task.id));
	const running = (task: PackTask) => !task.expiresAt || Date.parse(task.expiresAt) > now.getTime();
	return {
		open: unanswered.filter(running),
		done: work.length - unanswered.length,
		expired: unanswered.filter((task) => !running(task)).length
	};
}

export interface TrainingState {
	todo: PackTask[];
	done: number;
	correct: number;
	total: number;
}

export function trainingState(
	training: readonly PackTask[],
	answers: ReadonlyMap<string, TaskAnswer>
): TrainingState {
	const done = training.filter((task) => answers.has(task.id));
	return {
		todo: training.filter((task) => !answers.has(task.id)),
		done: done.length,
		correct: done.filter((task) => answers.get(task.id)?.correct === true).length,
		total: training.length
	};
}

export interface StoredProjectView {
	project: StoredProject;
	tasks: PackTask[];
	answers: Map<string, TaskAnswer>;
}

/** A downloaded project with all its stored tasks and the learner's answers. */
export async function storedProject(
	db: LocalDb,
	projectId: string
): Promise<StoredProjectView | null> {
	const project = await db.get('projects', projectId);
	if (!project) return null;
	const range = IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]);
	const [tasks, answers] = await Promise.all([
		db.getAllFromIndex('tasks', 'by-project', range),
		db.getAllFromIndex('answers', 'by-project', projectId)
	]);
	return { project, tasks, answers: new Map(answers.map((a) => [a.taskId, a])) };
}

/** Every downloaded project, for the task list. */
export async function storedProjects(db: LocalDb): Promise<StoredProjectView[]> {
	const projects = await db.getAll('projects');
	const views = await Promise.all(projects.map((project) => storedProject(db, project.id)));
	return views.filter((view) => view !== null);
}
