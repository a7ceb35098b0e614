/**
 * Learning over days, offline: finish a lesson, move the phone's clock forward a day, find the
 * word missed in the lesson due for review, review it (a slip undone on the way), and after
 * reconnecting find those review events, and the undo, on the server.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonsPack } from '../../src/lib/api/packs';
import type { PullResponse } from '../../src/lib/api/sync';
import {
	finishLesson,
	firstVisit,
	launchBrowser,
	phoneContext,
	startApp,
	type AppServer
} from './support';

const START = new Date('2026-11-24T08:00:00+09:00');
const DAY_MS = 86_400_000;

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let lessons: LessonsPack;

beforeAll(async () => {
	server = await startApp();
	browser = await launchBrowser();
	context = await phoneContext(browser);
	await context.clock.install({ time: START });
	page = await context.newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

describe('reviews over days, offline', () => {
	let missed: string | null = null;
	let reviewed: string[] = [];

	it('first visit online, then a lesson finished offline with one miss', async () => {
		await firstVisit(page, server.url);
		lessons = await (await page.request.get(`${server.url}/api/packs/lessons`)).json();

		await server.stop();
		await context.setOffline(true);
		await page.reload();
		await page.getByRole('link', { name: 'Start lesson' }).click();
		({ missed } = await finishLesson(page, lessons.words, { missFirst: true }));
		expect(missed).not.toBeNull();
		await page.getByRole('link', { name: 'Back to home' }).click();
	});

	it('a day later the missed word is due, and is reviewed offline', async () => {
		await page.clock.setSystemTime(new Date(START.getTime() + DAY_MS + 3_600_000));
		await page.getByRole('link', { name: 'Learn', exact: true }).click();
		await page.getByRole('link', { name: 'Home', exact: true }).click();
		await expect
			.poll(() => page.getByTestId('due-count').textContent())
			.toMatch(/\d+ words? to review today/);
		await page.getByRole('link', { name: 'Review now' }).click();
		({ asked: reviewed } = await finishLesson(page, lessons.words, {
			summary: 'review-summary',
			undoFirst: true
		}));
		expect(reviewed).toContain(missed);
		await page.getByRole('link', { name: 'Back to home' }).click();
		await expect.poll(() => page.getByTestId('due-count').textContent()).toContain('No words');
	});

	it('after reconnecting, the server holds those review events, outside any lesson', async () => {
		await server.start();
		await context.setOffline(false);
		await expect
			.poll(
				() =>
					page.getByTestId('sync-status').locator('[data-pending]').getAttribute('data-pending'),
				{ timeout: 30_000 }
			)
			.toBe('0');
		const pulled: PullResponse = await (
			await page.request.get(`${server.url}/api/sync?after=0&limit=500`)
		).json();
		const reviews = pulled.events.filter((e) => e.type === 'review' && !('lessonId' in e.payload));
		expect(new Set(reviews.map((e) => (e.payload as { wordId: string }).wordId))).toEqual(
			new Set(reviewed)
		);
		expect(pulled.events.filter((e) => e.type === 'lesson_done')).toHaveLength(1);
		// The slip and its undo are both kept: the log is append-only.
		const undos = pulled.events.filter((e) => e.type === 'undo');
		expect(undos).toHaveLength(1);
		const slip = reviews.find((e) => e.id === (undos[0]!.payload as { eventId: string }).eventId);
		expect(slip?.payload).toMatchObject({ correct: false, rating: 1 });
	});
});
