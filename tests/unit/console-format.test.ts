import { describe, expect, it } from 'vitest';
import { accuracyText, count, percent, relativeTime } from '$lib/console/format';

describe('console formats', () => {
	const now = new Date('2025-03-10T12:00:00Z');
	const ago = (ms: number) => relativeTime(new Date(now.getTime() - ms), now);

	it('says how long ago', () => {
		expect(ago(20_000)).toBe('just now');
		expect(ago(5 * 60_000)).toBe('5 min ago');
		expect(ago(3 * 3_600_000 + 59 * 60_000)).toBe('3 h ago');
		expect(ago(30 * 3_600_000)).toBe('yesterday');
		expect(ago(4 * 86_400_000)).toBe('4 days ago');
		expect(ago(60 * 86_400_000)).toBe('9 Jan 2025');
	});

	it('shows accuracy with the number scored, or a dash', () => {
		expect(accuracyText(0, 0)).toBe('—');
		expect(accuracyText(21, 23)).toBe('91 % (23)');
		expect(accuracyText(1500, 1500)).toBe('100 % (1,500)');
	});

	it('formats counts and shares', () => {
		expect(count(10000)).toBe('10,000');
		expect(percent(0.8)).toBe('80 %');
	});
});
