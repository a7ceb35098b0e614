/** Numbers and times as the console shows them. English for now, like the console's text. */
import { TASK_TYPE_NAMES } from '$lib/labeling/type-names';
import type { InterchangeFormat } from '$lib/interchange';
import type { TaskType } from '$lib/labeling/types';

const numbers = new Intl.NumberFormat('en');
const dates = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Seoul' });

/** 1500 → "1,500". */
export function count(n: number): string {
	return numbers.format(n);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; past a month the date itself. */
export function relativeTime(at: Date, now: Date): string {
	const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${hours} h ago`;
	const days = Math.floor(hours / 24);
	if (days === 1) return 'yesterday';
	if (days < 31) return `${days} days ago`;
	return dates.format(at);
}

/** A date for a header line, e.g. "3 Mar 2025" (Korean time). */
export function day(at: Date): string {
	return dates.format(at);
}

/** "92 % (23)": the share right and how many items were scored; "—" when none was. */
export function accuracyText(correct: number, scored: number): string {
	if (scored === 0) return '—';
	return `${Math.round((correct / scored) * 100)} % (${count(scored)})`;
}

/** A share 0..1 as a whole percent, "80 %". */
export function percent(share: number): string {
	return `${Math.round(share * 100)} %`;
}

export function typeName(type: TaskType): string {
	// Indexed loosely: a type added without a name shows its id rather than breaking the page.
	const names: Partial<Record<string, { en: string }>> = TASK_TYPE_NAMES;
	return names[type]?.en ?? type;
}

export const FORMAT_NAMES: Record<InterchangeFormat, string> = {
	'label-studio': 'Label Studio JSON',
	jsonl: 'JSONL',
	csv: 'CSV',
	coco: 'COCO',
	conll: 'CoNLL-2003'
};

/** What the file picker offers for each format. */
export const FORMAT_FILES: Record<InterchangeFormat, string> = {
	'label-studio': '.json,application/json',
	jsonl: '.jsonl,.ndjson,.json',
	csv: '.csv,text/csv',
	coco: '.json,application/json',
	conll: '.conll,.txt,.tsv,text/plain'
};
