/**
 * Outline and fill colours for labels and entity types, by position. Dark enough for a 2 px
 * line to show on a photo, and the fills light enough for black text (AA) on top.
 */
const PALETTE = [
	{ line: '#0f766e', fill: '#ccfbf1' },
	{ line: '#c2410c', fill: '#ffedd5' },
	{ line: '#7c3aed', fill: '#ede9fe' },
	{ line: '#be123c', fill: '#ffe4e6' },
	{ line: '#1d4ed8', fill: '#dbeafe' },
	{ line: '#4d7c0f', fill: '#ecfccb' },
	{ line: '#a21caf', fill: '#fae8ff' },
	{ line: '#0e7490', fill: '#cffafe' }
] as const;

export function labelColour(ids: readonly string[], id: string): { line: string; fill: string } {
	const index = Math.max(0, ids.indexOf(id));
	return PALETTE[index % PALETTE.length] as { line: string; fill: string };
}
