/**
 * Translation checks: the learner judges a Korean ↔ own-language pair and fixes it when wrong.
 * Only the judgement is scored; a fix has many right wordings, so it is kept for a reviewer
 * and the export, never compared with a gold fix.
 */

export type TranslationVerdict = 'ok' | 'wrong';

export type TranslationAnswer = { verdict: 'ok' } | { verdict: 'wrong'; fix: string };

/** Gold may carry a reference fix, shown in training feedback; it is not scored against. */
export type TranslationGold = { verdict: 'ok' } | { verdict: 'wrong'; fix?: string };

/** 1 when the verdict equals gold's, else 0. */
export function scoreTranslation(
	gold: Pick<TranslationGold, 'verdict'>,
	answer: Pick<TranslationAnswer, 'verdict'>
): number {
	return gold.verdict === answer.verdict ? 1 : 0;
}
