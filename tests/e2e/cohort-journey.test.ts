/**
 * A class, end to end: a learner joins the demo class with its code on a phone, works offline
 * (a lesson and a training task), and after the phone syncs the coordinator sees it on the
 * console's progress page and exports a project.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	finishLesson,
	firstVisit,
	launchBrowser,
	phoneContext,
	startApp,
	type AppServer
} from './support';

const PROJECT = JSON.parse(readFileSync('content/projects/message-intent.json', 'utf8')) as {
	id: string;
	title: { en: string };
	training: { id: string; gold: { labels: string[] } }[];
	work: { id: string }[];
};

let server: AppServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let desk: BrowserContext;
let console_: Page;
let words: { id: string; hangul: string }[] = [];

beforeAll(async () => {
	server = await startApp();
	browser = await launchBrowser();
	phone = await phoneContext(browser);
	page = await phone.newPage();
	desk = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		acceptDownloads: true
	});
	console_ = await desk.newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

const pending = () =>
	page.getByTestId('sync-status').locator('[data-pending]').getAttribute('data-pending');

describe('a learner joins a class and the coordinator sees the work', () => {
	it('joins the demo class with its code, on a phone', async () => {
		await firstVisit(page, server.url);
		await page.goto(`${server.url}/settings`);
		const join = page.locator('form[data-form="join"]');
		await join.locator('input[name="code"]').fill('demo-2026');
		await join.locator('input[name="displayName"]').fill('Tran Thi Lan');
		await join.locator('input[name="username"]').fill('lan');
		await join.locator('input[name="password"]').fill('lan-password-1');
		await join.locator('button[type="submit"]').tap();
		await expect
			.poll(() => page.getByTestId('account-cohort').textContent(), { timeout: 15_000 })
			.toBe('Demo class');
		expect(await page.getByTestId('account-username').textContent()).toBe('lan');
	});

	it('works offline: a lesson and a training task wait in the outbox', async () => {
		// The project's items come down while online.
		await page.goto(`${server.url}/tasks`);
		const card = page.locator('li', {
			has: page.getByRole('heading', { name: PROJECT.title.en, exact: true })
		});
		await card.getByRole('button', { name: 'Download' }).tap();
		await card.getByRole('link', { name: 'Continue' }).waitFor();
		// What the lesson teaches, read as the phone got it.
		words = (
			(await (await page.request.get(`${server.url}/api/packs/lessons`)).json()) as {
				words: typeof words;
			}
		).words;

		await phone.setOffline(true);
		await page.goto(`${server.url}/tasks/project?id=${PROJECT.id}`);
		const first = PROJECT.training[0]!;
		const task = page.getByTestId('task');
		await expect.poll(() => task.getAttribute('data-task-id')).toBe(first.id);
		await task.locator(`button[data-label="${first.gold.labels[0]}"]`).tap();
		await task.getByTestId('feedback').waitFor();

		await page.goto(`${server.url}/`);
		await page.getByRole('link', { name: 'Start lesson' }).tap();
		await finishLesson(page, words);
		await page.goto(`${server.url}/`);
		expect(Number(await pending())).toBeGreaterThan(1);
	});

	it('syncs when the network returns', async () => {
		await phone.setOffline(false);
		await page.goto(`${server.url}/`);
		await expect.poll(pending, { timeout: 20_000 }).toBe('0');
	});

	it("shows on the coordinator's progress page", async () => {
		await console_.goto(`${server.url}/console`);
		await console_.waitForURL('**/console/login**');
		const login = console_.locator('form[data-form="login"]');
		await login.getByLabel('Username').fill('coach');
		await login.getByLabel('Password').fill('ilgam-demo');
		await login.locator('button[type="submit"]').click();
		await console_.waitForURL(`${server.url}/console`);
		await console_.getByRole('link', { name: 'Demo class' }).click();
		const table = console_.getByTestId('learners-table');
		const row = table.locator('tr[data-learner="lan"]');
		await row.waitFor();
		expect(await row.locator('[data-column="lessons"]').textContent()).toContain('1');
		expect(await row.locator('[data-column="tasks"]').textContent()).toContain('1');
		await row.getByRole('link', { name: 'Tran Thi Lan' }).click();
		await console_.getByTestId('learner-name').waitFor();
		expect(await console_.getByTestId('learner-tasks').textContent()).toContain(PROJECT.title.en);
	});

	it('the learner shares a skills certificate, and can withdraw it', async () => {
		await page.goto(`${server.url}/settings`);
		await page.locator('[data-action="certificate-create"]').tap();
		const link = page.getByTestId('certificate-link');
		await expect.poll(() => link.inputValue()).toMatch(/\/certificates\/[A-Za-z0-9_-]{22}$/);
		const url = await link.inputValue();
		const employer = await desk.newPage();
		await employer.goto(url);
		expect(await employer.getByTestId('certificate-name').textContent()).toBe('Tran Thi Lan');
		expect(await employer.getByTestId('certificate-tasks').textContent()).toBe('1');

		await page.locator('[data-action="certificate-withdraw"]').tap();
		await page.locator('[data-action="certificate-withdraw-confirm"]').tap();
		await page.locator('[data-action="certificate-create"]').waitFor();
		await employer.reload();
		expect(await employer.locator('h1').textContent()).toContain('withdrawn');
		await employer.close();
	});

	it('exports a project as Label Studio JSON', async () => {
		await console_.goto(`${server.url}/console`);
		await console_.getByRole('link', { name: PROJECT.title.en }).click();
		const download = console_.waitForEvent('download');
		await console_.locator('a[data-export="label-studio-raw"]').click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^message-intent-raw\.json$/);
		const body = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
			id: string;
			data: { text: string };
		}[];
		// The project's work items, by their ids in the content file.
		expect(body.map((task) => task.id).sort()).toEqual(PROJECT.work.map((t) => t.id).sort());
		expect(body.every((task) => typeof task.data.text === 'string')).toBe(true);
	});

	it('logs out, leaving nothing of the account on the phone; logging in brings it back', async () => {
		const lessonsDone = () =>
			page
				.locator('dt', { hasText: 'Lessons' })
				.locator('xpath=following-sibling::dd[1]')
				.textContent();
		await page.goto(`${server.url}/progress`);
		await expect.poll(lessonsDone).toMatch(/^1 \//);

		await page.goto(`${server.url}/settings`);
		await page.locator('[data-action="logout"]').tap();
		// A fresh guest phone: the app starts again on Home.
		await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${server.url}/`);
		await page.getByRole('link', { name: 'Start lesson' }).waitFor();
		await page.goto(`${server.url}/settings`);
		await page.locator('form[data-form="join"]').waitFor();
		await page.goto(`${server.url}/progress`);
		await expect.poll(lessonsDone).toMatch(/^0 \//);

		await page.goto(`${server.url}/settings`);
		const login = page.locator('form[data-form="login"]');
		await login.locator('input[name="username"]').fill('lan');
		await login.locator('input[name="password"]').fill('lan-password-1');
		await login.locator('button[type="submit"]').tap();
		await expect.poll(() => page.getByTestId('account-username').textContent()).toBe('lan');
		await page.goto(`${server.url}/progress`);
		await expect.poll(lessonsDone, { timeout: 15_000 }).toMatch(/^1 \//);
	});
});
