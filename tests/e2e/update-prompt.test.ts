/**
 * "Update ready": a new service worker waits, and the update is applied only when no answer
 * is waiting to upload and no lesson is half-done.
 */
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonsPack } from '../../src/lib/api/packs';
import {
	finishLesson,
	firstVisit,
	launchBrowser,
	phoneContext,
	startApp,
	type AppServer
} from './support';

let server: AppServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	server = await startApp({ copyBuild: true });
	browser = await launchBrowser();
	page = await (await phoneContext(browser)).newPage();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

const banner = () =>
	page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Update' }) });

describe('update prompt', () => {
	let glossOf: Map<string, string>;
	let words: LessonsPack['words'];

	it('a new version waits while an answer is unsynced and a lesson is half-done', async () => {
		await firstVisit(page, server.url);
		// A returning learner: the page is controlled by the installed service worker, so a new
		// version has to wait (an uncontrolled first visit would let it activate at once).
		await page.reload();
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);
		const lessons: LessonsPack = await (
			await page.request.get(`${server.url}/api/packs/lessons`)
		).json();
		glossOf = new Map(lessons.words.map((w) => [w.hangul, w.gloss.en ?? '']));
		words = lessons.words;

		// The server is unreachable for uploads while the learner answers a first question.
		await page.route('**/api/sync*', (route) => route.fulfill({ status: 503, body: '' }));
		await page.getByRole('link', { name: 'Start lesson' }).click();
		await page.getByTestId('word-card').getByRole('button', { name: 'Continue' }).click();
		await page.getByTestId('word-card').getByRole('button', { name: 'Continue' }).click();
		const question = page.getByTestId('choice-question');
		const hangul = (await question.locator('.hangul').textContent())?.trim() ?? '';
		await question
			.locator('button.choice')
			.filter({ hasText: glossOf.get(hangul)! })
			.first()
			.click();

		// Ship a new version: a changed service worker script.
		await server.stop();
		const worker = join(server.buildDir, 'client/service-worker.js');
		appendFileSync(worker, '\n// next version\n');
		// adapter-node serves precompressed copies first; they are of the old version.
		for (const copy of [`${worker}.br`, `${worker}.gz`]) rmSync(copy, { force: true });
		await server.start();
		await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
		await banner().waitFor({ timeout: 30_000 });
		await expect.poll(() => banner().textContent()).toContain('A new version of Ilgam is ready.');

		await banner().getByRole('button', { name: 'Update' }).click();
		await expect
			.poll(() => banner().textContent())
			.toContain('Update after your answers are uploaded');

		await page.unroute('**/api/sync*');
		await banner().getByRole('button', { name: 'Update' }).click();
		await expect.poll(() => banner().textContent()).toContain('Finish your lesson first');
		expect(
			await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))
		).toBe(true);
	});

	it('applies the update once everything is uploaded and the lesson is finished', async () => {
		const step = await page.locator('[data-step]').getAttribute('data-step');
		await question().getByRole('button', { name: 'Continue' }).click();
		await expect.poll(() => page.locator('[data-step]').getAttribute('data-step')).not.toBe(step);
		await finishLesson(page, words);
		await page.evaluate(
			() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true)
		);
		await banner().getByRole('button', { name: 'Update' }).click();
		// The page reloads under the new service worker.
		await expect
			.poll(() =>
				page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate ?? false)
			)
			.toBe(false);
		await page.getByRole('navigation', { name: 'Main' }).waitFor();
		expect(
			await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))
		).toBe(false);
		await expect.poll(() => banner().count()).toBe(0);
	});
});

function question() {
	return page.getByTestId('choice-question');
}
