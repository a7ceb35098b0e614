/**
 * A project's labels as the console edits them: one per line, `label-id: 한국어 word`. The
 * id is what files and exports carry; the word is a vocabulary word the server looks up.
 */

export interface LabelLine {
	id: string;
	hangul: string;
}

export interface LabelProblem {
	/** 1-based line of the text. */
	line: number;
	message: string;
}

const LABEL_ID = /^[a-z0-9-]{1,40}$/;

export function parseLabels(text: string): { labels: LabelLine[]; problems: LabelProblem[] } {
	const labels: LabelLine[] = [];
	const problems: LabelProblem[] = [];
	const lineOf = new Map<string, number>();
	text.split(/\r?\n/).forEach((raw, index) => {
		const line = index + 1;
		const content = raw.trim();
		if (!content) return;
		const colon = content.search(/[:：]/);
		if (colon < 0) {
			problems.push({ line, message: 'write it as label-id: 한국어 word' });
			return;
		}
		const id = content.slice(0, colon).trim();
		const hangul = content.slice(colon + 1).trim();
		if (!LABEL_ID.test(id)) {
			problems.push({
				line,
				message: `"${id}" is not a label id: use a–z, digits and dashes (at most 40)`
			});
		} else if (!hangul) {
			problems.push({ line, message: `give the Korean word for ${id}` });
		} else if (lineOf.has(id)) {
			problems.push({ line, message: `${id} is already on line ${lineOf.get(id)}` });
		} else {
			lineOf.set(id, line);
			labels.push({ id, hangul });
		}
	});
	return { labels, problems };
}

export function formatLabels(labels: readonly LabelLine[]): string {
	return labels.map(({ id, hangul }) => `${id}: ${hangul}`).join('\n');
}
