/**
 * Image and text classification answers scored against gold. The phone (training feedback)
 * and the server (trusted record) call these same functions.
 */
export interface ClassificationAnswer {
	labels: string[];
}

/** Set F1 of the chosen labels against gold; for a single-label task this is 1 or 0. */
export function scoreClassification(
	gold: ClassificationAnswer,
	answer: ClassificationAnswer
): number {
	const want = new Set(gold.labels);
	const got = new Set(answer.labels);
	if (want.size === 0 && got.size === 0) return 1;
	let hits = 0;
	for (const label of got) if (want.has(label)) hits++;
	return (2 * hits) / (want.size + got.size);
}

export function isCorrectClassification(
	gold: ClassificationAnswer,
	answer: ClassificationAnswer
): boolean {
	return scoreClassification(gold, answer) === 1;
}
