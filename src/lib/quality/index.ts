/**
 * Label aggregation and annotator quality for the labeling tasks (DESIGN.md, "Labeling tasks").
 * Pure TypeScript, no Svelte, DOM or server imports, so the server and scripts share it.
 */
export {
	groupByTask,
	majorityVote,
	type LabelAnswer,
	type MajorityOptions,
	type MajorityResult
} from './majority';
export {
	dawidSkene,
	type DawidSkeneOptions,
	type DawidSkeneResult,
	type DawidSkeneTask
} from './dawid-skene';
export {
	clusterBoxes,
	clusterBoxesByTask,
	iou,
	type Box,
	type BoxAnswer,
	type BoxCluster,
	type BoxClusterOptions,
	type BoxClustering,
	type LabeledBox
} from './boxes';
export {
	voteSpans,
	voteSpansByTask,
	type Span,
	type SpanAnswer,
	type SpanVote,
	type SpanVoteOptions,
	type SpanVoting
} from './spans';
export {
	cohensKappa,
	cohensKappaFromPairs,
	fleissKappa,
	fleissKappaFromCounts,
	type FleissKappaResult,
	type KappaResult
} from './agreement';
export { accuracyFromGold, scoreAgainstGold, type AnnotatorScore } from './accuracy';
export {
	aggregateProject,
	MIN_GOLD_FOR_ESTIMATE,
	type AggregateInput,
	type AnnotatorQuality,
	type ProjectAggregate,
	type TaskConsensus
} from './aggregate';
