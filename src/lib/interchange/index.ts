/**
 * Importing and exporting labeling tasks in the formats AI teams use. Pure TypeScript: the
 * coordinator's pages call it, the server stores what it returns.
 *
 * Public API:
 * - `INTERCHANGE_FORMATS`, `InterchangeFormat`: 'label-studio' | 'jsonl' | 'csv' | 'coco' | 'conll'
 * - `formatsFor(type)`: the formats a task type fits (COCO only boxes, CoNLL only entities)
 * - `parseImport(format, text, project)`: `{ tasks, problems }`; each task's data and gold are
 *   checked exactly as shipped content is, a bad row is a problem and the good rows still come
 *   back, an unreadable file is one problem and no tasks
 * - `serializeExport(format, project, tasks, { answers })`: `{ filename, contentType, body }`,
 *   with aggregated (one row per task) or raw (one row per answer) answers
 * - `describeProblem(problem)`: "line 7: gold: label kitten is not ..." for a report
 * - `CONSENSUS_ANNOTATOR`: the name the consensus goes by in files and in imported answers
 * - types: `ProjectShape`, `ExportProject`, `ImportedTask`, `ImportedAnnotation`,
 *   `ImportProblem`, `ImportResult`, `ExportTask`, `ExportAnswer`, `ExportOptions`,
 *   `ExportMode`, `ExportFile`
 *
 * An export re-imports without loss (refs, data, gold; for Label Studio and JSONL/CSV also the
 * answers and consensus, as `annotations`). Each format's module says how it maps our tasks.
 */
import type { TaskType } from '$lib/labeling/types';
import { checkCandidates, type Gathered } from './check';
import * as coco from './coco';
import * as conll from './conll';
import * as csv from './csv';
import * as jsonl from './jsonl';
import * as labelStudio from './label-studio';
import { stripBom } from './text';
import {
	INTERCHANGE_FORMATS,
	type ExportFile,
	type ExportMode,
	type ExportOptions,
	type ExportProject,
	type ExportTask,
	type ImportProblem,
	type ImportResult,
	type InterchangeFormat,
	type ProjectShape
} from './types';

export * from './types';

interface Format {
	/** The task types it can carry; null for every type. */
	types: readonly TaskType[] | null;
	extension: string;
	contentType: string;
	read(text: string, project: ProjectShape): Gathered;
	write(project: ExportProject, tasks: readonly ExportTask[], mode: ExportMode): string;
}

const FORMATS: Record<InterchangeFormat, Format> = {
	'label-studio': {
		types: null,
		extension: '.json',
		contentType: 'application/json',
		read: labelStudio.read,
		// Label Studio files always carry gold, every answer and the consensus.
		write: (project, tasks) => labelStudio.write(project, tasks)
	},
	jsonl: {
		types: null,
		extension: '.jsonl',
		contentType: 'application/x-ndjson',
		read: (text) => jsonl.read(text),
		write: (_project, tasks, mode) => jsonl.write(tasks, mode)
	},
	csv: {
		types: null,
		extension: '.csv',
		contentType: 'text/csv; charset=utf-8',
		read: (text, project) => csv.read(text, project.type),
		write: (project, tasks, mode) => csv.write(project.type, tasks, mode)
	},
	coco: {
		types: ['bounding_boxes'],
		extension: '.coco.json',
		contentType: 'application/json',
		read: (text) => coco.read(text),
		write: coco.write
	},
	conll: {
		types: ['named_entities'],
		extension: '.conll',
		contentType: 'text/plain; charset=utf-8',
		read: (text) => conll.read(text),
		write: (_project, tasks, mode) => conll.write(tasks, mode)
	}
};

export function formatsFor(type: TaskType): InterchangeFormat[] {
	return INTERCHANGE_FORMATS.filter((format) => fits(format, type));
}

function fits(format: InterchangeFormat, type: TaskType): boolean {
	const { types } = FORMATS[format];
	return types === null || types.includes(type);
}

export function parseImport(
	format: InterchangeFormat,
	text: string,
	project: ProjectShape
): ImportResult {
	if (!fits(format, project.type)) {
		const message = `${format} files do not hold ${project.type} tasks`;
		return { tasks: [], problems: [{ line: 1, message }] };
	}
	const gathered = FORMATS[format].read(stripBom(text), project);
	const checked = checkCandidates(project, gathered.candidates);
	return { tasks: checked.tasks, problems: byLine([...gathered.problems, ...checked.problems]) };
}

/** Problems in file order; `sort` is stable, so one line's problems keep theirs. */
function byLine(problems: ImportProblem[]): ImportProblem[] {
	return problems.sort((a, b) => a.line - b.line);
}

export function describeProblem(problem: ImportProblem): string {
	return `line ${problem.line}: ${problem.message}`;
}

/** Throws when the format does not fit the project's type, or (COCO) an image has no size. */
export function serializeExport(
	format: InterchangeFormat,
	project: ExportProject,
	tasks: readonly ExportTask[],
	options: ExportOptions
): ExportFile {
	if (!fits(format, project.type)) {
		throw new Error(`${format} files do not hold ${project.type} tasks`);
	}
	const { extension, contentType, write } = FORMATS[format];
	return {
		filename: `${project.id}-${options.answers}${extension}`,
		contentType,
		body: write(project, tasks, options.answers)
	};
}
