/**
 * One project's answers turned into a consensus answer per task and a quality estimate per
 * annotator, with the aggregators of this folder chosen by task type:
 *
 * ```ts
 * aggregateProject({ type, tasks, answers }) → { tasks, annotators }
 * ```
 *
 * - `tasks[].data` is the task as the annotator saw it, project options spread in (`taskData`);
 *   `tasks[].gold` is the task's gold answer or null.
 * - `answers` are raw stored answers, skips left out, **in the order they were given**: when an
 *   annotator answered a task twice the later one counts (as `groupByTask` does). An answer to a
 *   task not in `tasks`, or that does not fit its task (`validateAnswer`), is ignored.
 *
 * Consensus, per type (every consensus is an answer of the type's answer shape):
 * - single-label classification: one-coin Dawid-Skene over all the project's single-label tasks
 *   together, so an annotator who is right elsewhere weighs more where the crowd splits.
 * - multi-label classification: every label more than half of the answers include, in the
 *   project's label order; null when no label has such a majority (an empty label list is not
 *   an answer).
 * - verify (yes/no on a proposed label): the majority of `accept`; a tie goes to the side whose
 *   annotators have the higher gold accuracy, then to "no", so a split crowd does not confirm.
 * - bounding boxes: IoU clustering (`clusterBoxes`), keeping the clusters drawn by a strict
 *   majority of the annotators who answered; each kept cluster's mean box is a consensus box.
 * - named entities: span voting (`voteSpans`), spans marked by a strict majority.
 * - transcription: the medoid answer, the one with the least total jamo edit distance to the
 *   others; ties go to the most frequent text, then the first in code-unit order. The consensus
 *   is always a text somebody actually typed, never a blend.
 * - translation check: the majority verdict (ties as for verify, then "ok"); for "wrong", the
 *   medoid of the fixes of the "wrong" answers.
 *
 * `agreement` is the share of a task's answers that match its consensus: the same label set,
 * `accept` or verdict; for boxes, spans and transcriptions, `isCorrect` with the consensus as
 * gold (box F1 ≥ 0.8, span F1 ≥ 0.8, CER ≤ 0.1 — see `CORRECT_AT`). It is null below two
 * answers (one answer agreeing with itself says nothing) and when the consensus is null.
 *
 * Every task of `tasks` is in the result, in input order; a task nobody answered has
 * `{ consensus: null, agreement: null, answers: 0 }`. Annotators are in id order. Nothing here
 * is random and nothing depends on the order of `tasks` or on the interleaving of answers.
 */
import { judge } from '$lib/labeling/project';
import {
	isCorrect,
	validateAnswer,
	type TaskAnswer,
	type TaskData,
	type TaskGold
} from '$lib/labeling/task-types';
import { jamoUnits, levenshtein } from '$lib/labeling/transcription';
import type { TaskType } from '$lib/labeling/types';
import { scoreAgainstGold } from './accuracy';
import { clusterBoxes } from './boxes';
import { dawidSkene } from './dawid-skene';
import { compareStrings, groupByTask, majorityVote, type LabelAnswer } from './majority';
import { voteSpans } from './spans';

export interface AggregateInput {
	type: TaskType;
	/** `data` with the project's options spread in, i.e. `taskData(project, task.data)`. */
	tasks: { id: string; data: Record<string, unknown>; gold: unknown | null }[];
	/** Raw answers, skips already removed, oldest first. */
	answers: { taskId: string; annotatorId: string; answer: unknown }[];
}

export interface TaskConsensus {
	/** An answer of the type's answer shape, or null (no answers, or no majority). */
	consensus: unknown | null;
	/** Share of the answers matching the consensus, 0..1; null below 2 answers. */
	agreement: number | null;
	/** Annotators whose (valid) answer counted. */
	answers: number;
}

export interface AnnotatorQuality {
	/** Tasks answered (valid answers, one per task). */
	answered: number;
	/** Against the tasks' gold, via `judge`. */
	gold: { scored: number; correct: number; accuracy: number | null };
	/**
	 * Against the task's consensus, on tasks with at least 2 answers and a consensus. The
	 * consensus is the one reported, the annotator's own answer included (a leave-one-out
	 * consensus of two others would mostly measure tie-breaks).
	 */
	consensus: { compared: number; agreed: number; rate: number | null };
	/**
	 * The accuracy to report: gold accuracy with at least `MIN_GOLD_FOR_ESTIMATE` gold items
	 * scored, else the consensus rate, else gold accuracy on fewer items, else null.
	 */
	estimate: number | null;
}

export interface ProjectAggregate {
	tasks: Map<string, TaskConsensus>;
	annotators: Map<string, AnnotatorQuality>;
}

/** Gold items an annotator needs before their gold accuracy beats the consensus rate. */
export const MIN_GOLD_FOR_ESTIMATE = 3;

type Answer = TaskAnswer<TaskType>;
type Task = AggregateInput['tasks'][number];

interface ValidAnswer {
	taskId: string;
	annotatorId: string;
	answer: Answer;
}

type VerifyAnswer = { proposed: string; accept: boolean };
type LabelsAnswer = { labels: string[] };
type TranslationAnswer = TaskAnswer<'translation_check'>;

const isVerify = (answer: Answer): answer is VerifyAnswer => 'accept' in answer;

export function aggregateProject(input: AggregateInput): ProjectAggregate {
	const { type } = input;
	const taskById = new Map<string, Task>(input.tasks.map((task) => [task.id, task]));

	const valid: ValidAnswer[] = [];
	for (const { taskId, annotatorId, answer } of input.answers) {
		const task = taskById.get(taskId);
		if (!task) continue;
		const checked = validateAnswer(type, task.data as TaskData<TaskType>, answer);
		if (checked.ok) valid.push({ taskId, annotatorId, answer: checked.answer });
	}
	// One answer per annotator and task (the later), annotators in id order on every task.
	const byTask = groupByTask(valid);
	for (const answers of byTask.values()) {
		answers.sort((a, b) => compareStrings(a.annotatorId, b.annotatorId));
	}

	const goldTasks = new Map<string, Task>();
	for (const task of input.tasks) if (task.gold !== null) goldTasks.set(task.id, task);
	const goldScores = scoreAgainstGold(
		[...byTask.values()].flat(),
		goldTasks,
		(a, task) => judge(type, task.data, task.gold, a.answer)?.correct ?? false
	);
	const goldAccuracy = new Map([...goldScores].map(([id, score]) => [id, score.accuracy]));

	const consensus = consensusByTask(type, input.tasks, byTask, goldAccuracy);

	const tasks = new Map<string, TaskConsensus>();
	const compared = new Map<string, { compared: number; agreed: number }>();
	const answered = new Map<string, number>();
	for (const task of input.tasks) {
		const answers = byTask.get(task.id) ?? [];
		const agreedAnswer = consensus.get(task.id) ?? null;
		let matching = 0;
		for (const a of answers) {
			answered.set(a.annotatorId, (answered.get(a.annotatorId) ?? 0) + 1);
			if (agreedAnswer === null || answers.length < 2) continue;
			const match = matches(type, agreedAnswer, a.answer);
			if (match) matching++;
			const entry = compared.get(a.annotatorId) ?? { compared: 0, agreed: 0 };
			entry.compared++;
			if (match) entry.agreed++;
			compared.set(a.annotatorId, entry);
		}
		tasks.set(task.id, {
			consensus: agreedAnswer,
			agreement: agreedAnswer !== null && answers.length >= 2 ? matching / answers.length : null,
			answers: answers.length
		});
	}

	const annotators = new Map<string, AnnotatorQuality>();
	for (const annotatorId of [...answered.keys()].sort(compareStrings)) {
		const score = goldScores.get(annotatorId);
		const gold = {
			scored: score?.total ?? 0,
			correct: score?.correct ?? 0,
			accuracy: score ? score.accuracy : null
		};
		const c = compared.get(annotatorId) ?? { compared: 0, agreed: 0 };
		const rate = c.compared > 0 ? c.agreed / c.compared : null;
		annotators.set(annotatorId, {
			answered: answered.get(annotatorId) ?? 0,
			gold,
			consensus: { ...c, rate },
			estimate: gold.scored >= MIN_GOLD_FOR_ESTIMATE ? gold.accuracy : (rate ?? gold.accuracy)
		});
	}
	return { tasks, annotators };
}

/** Whether an answer counts as agreeing with the consensus (see the file's comment). */
function matches(type: TaskType, consensus: Answer, answer: Answer): boolean {
	if (isVerify(consensus) || isVerify(answer)) {
		return isVerify(consensus) && isVerify(answer) && consensus.accept === answer.accept;
	}
	// A consensus is a valid answer, and every answer shape but verify is also a gold shape.
	return isCorrect(type, consensus as TaskGold<TaskType>, answer);
}

function consensusByTask(
	type: TaskType,
	tasks: readonly Task[],
	byTask: ReadonlyMap<string, ValidAnswer[]>,
	goldAccuracy: ReadonlyMap<string, number>
): Map<string, Answer | null> {
	const result = new Map<string, Answer | null>();
	const singleLabel: Task[] = [];
	for (const task of tasks) {
		const answers = byTask.get(task.id) ?? [];
		if (answers.length === 0) continue;
		const given = answers.map((a) => a.answer);
		switch (type) {
			case 'image_classification':
			case 'text_classification':
				if (typeof task.data.proposed === 'string') {
					result.set(task.id, verifyConsensus(answers, task.data.proposed, goldAccuracy));
				} else if (task.data.multiple === true) {
					result.set(task.id, multiLabelConsensus(task, given as LabelsAnswer[]));
				} else singleLabel.push(task);
				break;
			case 'bounding_boxes': {
				const clustering = clusterBoxes(
					answers.map(({ taskId, annotatorId, answer }) => ({
						taskId,
						annotatorId,
						boxes: (answer as TaskAnswer<'bounding_boxes'>).boxes
					})),
					{ minSupport: strictMajority }
				);
				const boxes = clustering.clusters.map(({ label, box }) => ({ ...box, label }));
				result.set(task.id, { boxes });
				break;
			}
			case 'named_entities': {
				const voting = voteSpans(
					answers.map(({ taskId, annotatorId, answer }) => ({
						taskId,
						annotatorId,
						spans: (answer as TaskAnswer<'named_entities'>).spans
					})),
					{ quorum: strictMajority }
				);
				result.set(task.id, {
					spans: voting.kept.map(({ start, end, type }) => ({ start, end, type }))
				});
				break;
			}
			case 'transcription':
				result.set(task.id, { text: medoid(given.map((a) => (a as { text: string }).text)) });
				break;
			case 'translation_check':
				result.set(task.id, translationConsensus(answers, goldAccuracy));
				break;
		}
	}
	if (singleLabel.length > 0) {
		for (const [taskId, label] of singleLabelConsensus(singleLabel, byTask)) {
			result.set(taskId, { labels: [label] });
		}
	}
	return result;
}

const strictMajority = (annotators: number) => Math.floor(annotators / 2) + 1;

function singleLabelConsensus(
	tasks: readonly Task[],
	byTask: ReadonlyMap<string, ValidAnswer[]>
): Map<string, string> {
	const labels = new Set<string>();
	const votes: LabelAnswer[] = [];
	for (const task of tasks) {
		if (Array.isArray(task.data.labels)) for (const l of task.data.labels) labels.add(String(l));
		for (const { taskId, annotatorId, answer } of byTask.get(task.id) ?? []) {
			const [label] = (answer as LabelsAnswer).labels;
			if (label !== undefined) votes.push({ taskId, annotatorId, label });
		}
	}
	// Dawid-Skene numbers annotators in first-seen order; feed it a fixed order so floating
	// point sums, and so near-ties, come out the same whatever order the answers came in.
	votes.sort(
		(a, b) => compareStrings(a.taskId, b.taskId) || compareStrings(a.annotatorId, b.annotatorId)
	);
	const result = dawidSkene(votes, { labels: [...labels] });
	return new Map([...result.tasks].map(([taskId, { label }]) => [taskId, label]));
}

function multiLabelConsensus(task: Task, answers: readonly LabelsAnswer[]): LabelsAnswer | null {
	const counts = new Map<string, number>();
	for (const { labels } of answers) for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
	const order = Array.isArray(task.data.labels) ? task.data.labels.map(String) : [];
	const rank = (label: string) => {
		const i = order.indexOf(label);
		return i === -1 ? order.length : i;
	};
	const labels = [...counts]
		.filter(([, count]) => count > answers.length / 2)
		.map(([label]) => label)
		.sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
	return labels.length > 0 ? { labels } : null;
}

function verifyConsensus(
	answers: readonly ValidAnswer[],
	proposed: string,
	goldAccuracy: ReadonlyMap<string, number>
): VerifyAnswer {
	const vote = majorityVote(
		answers.map(({ taskId, annotatorId, answer }) => ({
			taskId,
			annotatorId,
			label: (answer as VerifyAnswer).accept ? 'yes' : 'no'
		})),
		{ accuracy: goldAccuracy }
	);
	// 'no' < 'yes' in code-unit order, so an even split with equal accuracy rejects.
	return { proposed, accept: [...vote.values()][0]?.label === 'yes' };
}

function translationConsensus(
	answers: readonly ValidAnswer[],
	goldAccuracy: ReadonlyMap<string, number>
): TranslationAnswer {
	const vote = majorityVote(
		answers.map(({ taskId, annotatorId, answer }) => ({
			taskId,
			annotatorId,
			label: (answer as TranslationAnswer).verdict
		})),
		{ accuracy: goldAccuracy }
	);
	if ([...vote.values()][0]?.label !== 'wrong') return { verdict: 'ok' };
	const fixes = answers
		.map(({ answer }) => answer as TranslationAnswer)
		.flatMap((answer) => (answer.verdict === 'wrong' ? [answer.fix] : []));
	return { verdict: 'wrong', fix: medoid(fixes) };
}

/**
 * The text with the least total jamo edit distance to the others (the numerator of the CER:
 * unlike the CER it is symmetric, so the choice does not lean towards long texts). Ties go to
 * the most frequent text, then the first in code-unit order. `texts` must not be empty.
 */
function medoid(texts: readonly string[]): string {
	const frequency = new Map<string, number>();
	for (const text of texts) frequency.set(text, (frequency.get(text) ?? 0) + 1);
	const distinct = [...frequency.keys()];
	const units = distinct.map(jamoUnits);
	const totals = distinct.map((_, i) =>
		distinct.reduce(
			(sum, other, j) => sum + frequency.get(other)! * levenshtein(units[i]!, units[j]!),
			0
		)
	);
	const order = distinct
		.map((text, i) => ({ text, total: totals[i]! }))
		.sort(
			(a, b) =>
				a.total - b.total ||
				frequency.get(b.text)! - frequency.get(a.text)! ||
				compareStrings(a.text, b.text)
		);
	const best = order[0];
	if (!best) throw new RangeError('medoid needs at least one text');
	return best.text;
}
