/**
 * The spine, as a learner lives it: first visit online; network gone (server stopped and the
 * browser offline); reload; finish the lesson and five tasks; see them waiting; network back;
 * the server holds exactly those events once and the waiting count drops to 0.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonsPack, ProjectPack } from '../../src/lib/api/packs';
import type { PullResponse } from '../../src/lib/api/sync';
import {
	finishLesson,
	firstVisit,
	launchBrowser,
	phoneContext,
	startApp,
	type AppServer
} from './support';

const PROJECT = 'photo-classification';

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await startApp();
	browser = await launchBrowser();
	context = await phoneContext(browser);
	page = await context.newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

async function pendingCount(): Promise<number> {
	const value = await page
		.getByTestId('sync-status')
		.locator('[data-pending]')
		.getAttribute('data-pending');
	return Number(value);
}

async function localEventIds(): Promise<{ id: string; type: string }[]> {
	return page.evaluate(
		() =>
			new Promise<{ id: string; type: string }[]>((resolve, reject) => {
				const open = indexedDB.open('ilgam');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction('outbox').objectStore('outbox').getAll();
					request.onsuccess = () =>
						resolve(
							request.result.map((item: { id: string; event: { type: string } }) => ({
								id: item.id,
								type: item.event.type
							}))
						);
					request.onerror = () => reject(request.error);
				};
			})
	);
}

describe('offline journey on a phone', () => {
	let lessons: LessonsPack;
	let project: ProjectPack;

	it('first visit online: picks a language, installs the service worker, downloads content', async () => {
		await firstVisit(page, server.url);

		await page.getByRole('link', { name: 'Tasks', exact: true }).click();
		const card = page.locator('li', {
			has: page.getByRole('heading', { name: 'What is in the photo?' })
		});
		await card.getByRole('button', { name: 'Download' }).click();
		await card.getByRole('link', { name: 'Continue' }).waitFor();

		const first = await page.request.get(`${server.url}/api/packs/lessons`);
		lessons = await first.json();
		// Through the whole server (hooks included): the version the phone has costs a 304.
		const again = await page.request.get(`${server.url}/api/packs/lessons`, {
			headers: { 'if-none-match': first.headers()['etag'] ?? '' }
		});
		expect(again.status()).toBe(304);
		project = await (await page.request.get(`${server.url}/api/packs/projects/${PROJECT}`)).json();
		expect(lessons.words.length).toBeGreaterThanOrEqual(20);
		expect(project.tasks.filter((t) => t.kind === 'training').length).toBeGreaterThanOrEqual(5);
	});

	it('reloads with the network gone: the service worker serves the app', async () => {
		await server.stop();
		await context.setOffline(true);
		await page.goto(`${server.url}/`);
		await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
		await expect.poll(() => pendingCount()).toBe(0);
	});

	it('finishes the lesson offline, with one miss that comes back', async () => {
		await page.getByRole('link', { name: 'Start lesson' }).click();
		const { missed } = await finishLesson(page, lessons.words, { missFirst: true });
		expect(missed).not.toBeNull();
		const summary = page.getByTestId('lesson-summary');
		await summary.waitFor();
		await expect
			.poll(() => summary.textContent())
			.toContain(`${lessons.lessons[0]!.wordIds.length} words`);
	});

	it('does five training tasks offline, and a miss shows its explanation', async () => {
		const goldOf = new Map(project.tasks.map((t) => [t.id, t]));
		await page.goto(`${server.url}/tasks/project?id=${PROJECT}&part=training`);
		for (let i = 0; i < 5; i++) {
			const task = page.getByTestId('task');
			await task.waitFor();
			const id = (await task.getAttribute('data-task-id')) ?? '';
			const gold = (goldOf.get(id)!.gold as { labels: string[] }).labels[0]!;
			const wrong = project.project.labels.find((l) => l.id !== gold)!.id;
			await task.locator(`button[data-label="${i === 0 ? wrong : gold}"]`).click();
			const feedback = task.getByTestId('feedback');
			await feedback.waitFor();
			if (i === 0) expect(await feedback.textContent()).toContain(goldOf.get(id)!.explanation!.en);
			await task.getByRole('button', { name: 'Next task' }).click();
			await expect.poll(() => page.getByTestId('task').getAttribute('data-task-id')).not.toBe(id);
		}
	});

	let offlineEvents: { id: string; type: string }[] = [];

	it('shows the answers waiting to upload', async () => {
		await page.getByRole('link', { name: 'Home' }).click();
		offlineEvents = await localEventIds();
		const types = offlineEvents.map((e) => e.type);
		expect(types.filter((t) => t === 'annotation')).toHaveLength(5);
		expect(types.filter((t) => t === 'lesson_done')).toHaveLength(1);
		expect(types.filter((t) => t === 'review').length).toBeGreaterThan(
			lessons.lessons[0]!.wordIds.length
		);
		await expect.poll(() => pendingCount()).toBe(offlineEvents.length);
		await expect
			.poll(() => page.getByTestId('sync-status').textContent())
			.toContain(`${offlineEvents.length} answers waiting to upload`);
	});

	it('back online: the server holds exactly those events once, and the count drops to 0', async () => {
		await server.start();
		await context.setOffline(false);
		await expect.poll(() => pendingCount(), { timeout: 30_000 }).toBe(0);

		const pulled: PullResponse = await (
			await page.request.get(`${server.url}/api/sync?after=0&limit=500`)
		).json();
		const onServer = pulled.events.map((e) => e.id);
		expect(new Set(onServer).size).toBe(onServer.length);
		for (const { id } of offlineEvents) expect(onServer.filter((x) => x === id)).toHaveLength(1);
		// The only other event is the language choice made online before.
		expect(
			pulled.events.filter((e) => !offlineEvents.some((o) => o.id === e.id)).map((e) => e.type)
		).toEqual(['settings']);
	});
});
