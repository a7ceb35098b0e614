/**
 * Accessibility in a real browser, on a 360×800 phone:
 * - axe-core (WCAG 2.1 A and AA, colour contrast included) finds no serious or critical
 *   violation on the language picker, every learner page, a lesson, a training task of each
 *   of the six types, the same pages in Urdu (right to left), and the coordinator console;
 * - a classification task and a box can be answered and drawn with the keyboard alone;
 * - at 200 % zoom (the phone's 360 px become 180 CSS px) no page scrolls sideways;
 * - with reduced motion asked for, nothing moves.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	firstVisit,
	launchBrowser,
	openPage,
	openTrainingPart,
	phoneContext,
	PROJECTS,
	startApp,
	type AppServer
} from './support';

const LEARNER_PAGES = ['/', '/learn', '/review', '/tasks', '/progress', '/settings'] as const;

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
	server = await startApp();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

/** Serious and critical axe violations on the page as it is now, one line each. */
async function violations(page: Page, name: string): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${name}: ${v.id} (${v.impact}) at ${v.nodes
					.slice(0, 3)
					.map((node) => node.target.join(' '))
					.join(' | ')}`
		);
}

const open = (page: Page, path: string) => openPage(page, `${server.url}${path}`);
const openTraining = (page: Page, projectId: string) =>
	openTrainingPart(page, server.url, projectId);

describe('learner pages (English)', () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await phoneContext(browser);
		page = await context.newPage();
	});
	afterAll(() => context?.close());

	it('the first-run language picker', async () => {
		await page.goto(server.url);
		await page.getByRole('button', { name: 'English' }).waitFor();
		expect(await violations(page, 'picker')).toEqual([]);
	});

	it('every page of the bottom navigation', async () => {
		await firstVisit(page, server.url);
		const found: string[] = [];
		for (const path of LEARNER_PAGES) {
			await open(page, path);
			found.push(...(await violations(page, path)));
		}
		expect(found).toEqual([]);
	});

	it('a lesson: the word card and a question', async () => {
		await open(page, '/');
		await page.getByRole('link', { name: 'Start lesson' }).click();
		await page.getByTestId('word-card').waitFor();
		const found = await violations(page, 'word card');
		await page.getByTestId('word-card').getByRole('button', { name: 'Continue' }).click();
		await page.locator('[data-step]').first().waitFor();
		found.push(...(await violations(page, 'lesson question')));
		expect(found).toEqual([]);
	});

	it.each(PROJECTS)('a %s training task, before and after answering', async (projectId) => {
		await openTraining(page, projectId);
		const found = await violations(page, projectId);
		expect(found).toEqual([]);
	});

	it('answers a classification task with the keyboard alone', async () => {
		await openTraining(page, 'photo-classification');
		const task = page.getByTestId('task');
		// Tab until a label has the focus, as a keyboard user would, then press it.
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			const label = await page.evaluate(() => document.activeElement?.getAttribute('data-label'));
			if (label) break;
		}
		expect(
			await page.evaluate(() => document.activeElement?.getAttribute('data-label'))
		).toBeTruthy();
		await page.keyboard.press('Enter');
		await task.getByTestId('feedback').waitFor();
		expect(await violations(page, 'classification feedback')).toEqual([]);
		const next = task.getByTestId('next-task');
		await next.focus();
		const before = await task.getAttribute('data-task-id');
		await page.keyboard.press('Enter');
		await expect.poll(() => task.getAttribute('data-task-id')).not.toBe(before);
	});

	it('draws, names and moves a box with the keyboard alone', async () => {
		await openTraining(page, 'photo-boxes');
		const surface = page.getByTestId('box-surface');
		expect(await surface.getAttribute('aria-label')).toBe(
			'Picture to mark. Press Enter to add a box.'
		);
		await surface.focus();
		await page.keyboard.press('Enter');
		const box = surface.getByRole('button', { name: /^Box 1: / });
		await box.waitFor();
		const before = await box.getAttribute('aria-label');
		expect(before).toMatch(/^Box 1: .+, \d+ % from the left, \d+ % from the top/);
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
			.toBe(before);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => box.getAttribute('aria-label')).not.toBe(before);
		expect(await violations(page, 'box drawn')).toEqual([]);
	});
});

describe('changing the language', () => {
	it('keeps what was done and brings the downloaded texts in the new language', async () => {
		const context = await phoneContext(browser);
		const page = await context.newPage();
		try {
			await firstVisit(page, server.url);
			await openTraining(page, 'message-intent');
			const guideline = page.locator('details.guideline p');
			expect(await guideline.textContent()).toMatch(/^Choose what the writer mainly wants/);
			await open(page, '/settings');
			// The project was downloaded in English; its guidelines come again in Urdu, and the
			// page shows them the next time it is opened.
			const refetched = page.waitForResponse((r) =>
				r.url().includes('/api/packs/projects/message-intent?locale=ur')
			);
			await page.locator('main select').first().selectOption('ur');
			await page.waitForFunction(() => document.documentElement.dir === 'rtl');
			await refetched;
			await page.waitForLoadState('networkidle');
			await expect
				.poll(
					async () => {
						await page.goto(`${server.url}/tasks/project?id=message-intent`);
						return guideline.textContent();
					},
					{ timeout: 15_000 }
				)
				.toMatch(/[\u0600-\u06FF]/);
			await open(page, '/tasks');
			expect(await page.locator('li[data-project="message-intent"] a').count()).toBe(1);
		} finally {
			await context.close();
		}
	});
});

describe('right to left (Urdu)', () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await phoneContext(browser);
		page = await context.newPage();
		await page.goto(server.url);
		await page.getByRole('button', { name: 'اردو' }).click();
		await page.locator('nav.bottom-nav').waitFor();
		await page.waitForFunction(() => document.documentElement.dir === 'rtl');
	});
	afterAll(() => context?.close());

	it('mirrors the layout, keeps Korean left to right, flips the book icon', async () => {
		await open(page, '/learn');
		expect(await page.locator('html').getAttribute('lang')).toBe('ur');
		const nav = page.locator('nav.bottom-nav a').first();
		const navBox = await nav.boundingBox();
		// Home is the first item: at the right edge in a right-to-left layout.
		expect(navBox!.x).toBeGreaterThan(360 / 2);
		const book = page.locator('nav.bottom-nav svg.flip-rtl');
		expect(await book.evaluate((el) => getComputedStyle(el).transform)).toBe(
			'matrix(-1, 0, 0, 1, 0, 0)'
		);
	});

	it('shows a Korean word card left to right inside the Urdu page', async () => {
		await open(page, '/learn');
		await page.locator('main a.button, main button.button').first().click();
		const hangul = page.getByTestId('word-card').locator('[lang="ko"]').first();
		await hangul.waitFor();
		// The lessons came first in the device's English; the change of language fetched Urdu.
		await expect
			.poll(() => page.getByTestId('word-card').locator('.gloss').textContent())
			.toMatch(/[\u0600-\u06FF]/);
		expect(await hangul.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('plaintext');
		expect(await violations(page, 'ur word card')).toEqual([]);
	});

	it('has no serious violations on any page', async () => {
		const found: string[] = [];
		for (const path of LEARNER_PAGES) {
			await open(page, path);
			found.push(...(await violations(page, `ur ${path}`)));
		}
		await openTraining(page, 'name-finder');
		found.push(...(await violations(page, 'ur name-finder')));
		expect(found).toEqual([]);
	});
});

describe('200 % zoom', () => {
	it('reflows every page into half the width, without sideways scrolling', async () => {
		// A 360 px phone at 200 % zoom lays pages out in 180 CSS pixels.
		const context = await browser.newContext({
			viewport: { width: 180, height: 400 },
			deviceScaleFactor: 4,
			isMobile: true,
			hasTouch: true,
			locale: 'en-US'
		});
		const page = await context.newPage();
		try {
			await page.goto(server.url);
			await page.getByRole('button', { name: 'English' }).click();
			await page.locator('nav.bottom-nav').waitFor();
			const overflowing: string[] = [];
			for (const path of LEARNER_PAGES) {
				await open(page, path);
				const width = await page.evaluate(() => document.documentElement.scrollWidth);
				if (width > 181) overflowing.push(`${path}: ${width} px wide`);
			}
			await openTraining(page, 'message-intent');
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width > 181) overflowing.push(`task: ${width} px wide`);
			expect(overflowing).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

describe('reduced motion', () => {
	async function transition(reducedMotion: 'reduce' | 'no-preference'): Promise<string> {
		const context = await browser.newContext({ reducedMotion });
		const page = await context.newPage();
		try {
			await page.goto(server.url);
			await page.getByRole('button', { name: 'English' }).waitFor();
			// Any element that would animate: the swipe card's own transition is one such.
			return await page.evaluate(() => {
				const probe = document.createElement('div');
				probe.style.transition = 'transform 0.2s ease-out';
				document.body.append(probe);
				return getComputedStyle(probe).transitionDuration;
			});
		} finally {
			await context.close();
		}
	}

	it('stops every transition and animation when the phone asks for less motion', async () => {
		expect(await transition('no-preference')).toBe('0.2s');
		expect(await transition('reduce')).toBe('0s');
	});
});

describe('coordinator console', () => {
	it('has no serious violations on its pages', async () => {
		const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
		const page = await context.newPage();
		try {
			await page.goto(`${server.url}/console/login`);
			const found = await violations(page, 'console login');
			await page.locator('input[name=username]').fill('coach');
			await page.locator('input[name=password]').fill('ilgam-demo');
			await page.getByRole('button', { name: 'Log in' }).click();
			await page.waitForURL(`${server.url}/console`);
			found.push(...(await violations(page, 'console')));
			const links = await page
				.locator('main a[href^="/console/"]')
				.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
			const visit = [
				...new Set([
					links.find((href) => href.startsWith('/console/cohorts/')),
					links.find((href) => /^\/console\/projects\/[^/]+$/.test(href) && !href.endsWith('/new')),
					'/console/projects/new'
				])
			].filter((href): href is string => Boolean(href));
			for (const href of visit) {
				await page.goto(`${server.url}${href}`);
				found.push(...(await violations(page, href)));
				if (href.startsWith('/console/cohorts/')) {
					const learner = await page
						.locator('a[href^="/console/learners/"]')
						.first()
						.getAttribute('href');
					if (learner) {
						await page.goto(`${server.url}${learner}`);
						found.push(...(await violations(page, learner)));
					}
				}
			}
			expect(visit.length).toBeGreaterThanOrEqual(3);
			expect(found).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
