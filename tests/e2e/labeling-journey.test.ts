/**
 * Labeling on a phone (360×800, touch): each of the six task types answered right once through
 * its own UI (boxes drawn with raw touch events, names marked by tapping characters), a training
 * miss that shows its explanation, and a batch of real work done offline that reaches the server
 * exactly once when the network comes back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/lib/api/sync';
import {
	firstVisit,
	launchBrowser,
	phoneContext,
	PROJECTS,
	startApp,
	type AppServer
} from './support';

// ---------------------------------------------------------------------------------------------
// Content: the gold answers come from the content files, as a reviewer would read them.

interface ContentItem {
	id: string;
	data: Record<string, unknown>;
	gold?: unknown;
	explanation?: Record<string, string>;
}

interface ContentProject {
	id: string;
	type: string;
	title: Record<string, string>;
	labels: { id: string }[];
	training: ContentItem[];
	qualification: ContentItem[];
	work: ContentItem[];
}

type Box = { x: number; y: number; width: number; height: number; label: string };
type Span = { start: number; end: number; type: string };

const CONTENT: Record<string, ContentProject> = Object.fromEntries(
	readdirSync('content/projects')
		.filter((file) => file.endsWith('.json'))
		.map((file) => {
			const project = JSON.parse(
				readFileSync(join('content/projects', file), 'utf8')
			) as ContentProject;
			return [project.id, project];
		})
);

const PHOTOS = 'photo-classification';

/** What an English-speaking learner is shown (translation checks into English only). */
function fitsEnglish(item: ContentItem): boolean {
	const target = item.data.targetLanguage;
	return target === undefined || target === 'en';
}

function itemOf(projectId: string, taskId: string): ContentItem {
	const project = CONTENT[projectId]!;
	const item = [...project.training, ...project.qualification, ...project.work].find(
		(i) => i.id === taskId
	);
	if (!item) throw new Error(`${taskId} is not in content/projects/${projectId}.json`);
	return item;
}

// ---------------------------------------------------------------------------------------------
// The browser.

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
	for (const id of PROJECTS) expect(CONTENT[id], `content/projects/${id}.json`).toBeDefined();
	server = await startApp();
	browser = await launchBrowser();
	context = await phoneContext(browser);
	page = await context.newPage();
	cdp = await context.newCDPSession(page);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

/** A finger dragged across `locator`, from and to points given in % of its size. */
async function touchDrag(
	locator: Locator,
	[x1, y1]: [number, number],
	[x2, y2]: [number, number],
	steps = 8
) {
	await locator.scrollIntoViewIfNeeded();
	const r = await locator.boundingBox();
	if (!r) throw new Error('nothing to drag on');
	const at = (px: number, py: number) => [
		{ x: r.x + (r.width * px) / 100, y: r.y + (r.height * py) / 100, id: 1 }
	];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(x1, y1) });
	for (let i = 1; i <= steps; i++) {
		const f = i / steps;
		await cdp.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: at(x1 + (x2 - x1) * f, y1 + (y2 - y1) * f)
		});
	}
	// The finger rests before it lifts, as a real one does. Lifted at full speed, the drag ends
	// in a fling, and Chromium swallows the click of the next tap (the tap that stops a fling):
	// the Done tapped right after a box would do nothing.
	await new Promise((resolve) => setTimeout(resolve, 100));
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** A finger tap at a point of `locator`, in % of its size. */
async function touchTap(locator: Locator, [px, py]: [number, number]) {
	await locator.scrollIntoViewIfNeeded();
	const r = await locator.boundingBox();
	if (!r) throw new Error('nothing to tap on');
	const point = { x: r.x + (r.width * px) / 100, y: r.y + (r.height * py) / 100, id: 1 };
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function outbox(): Promise<{ id: string; type: string; status: string; taskId?: string }[]> {
	return page.evaluate(
		() =>
			new Promise<{ id: string; type: string; status: string; taskId?: string }[]>(
				(resolve, reject) => {
					const open = indexedDB.open('ilgam');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const request = open.result.transaction('outbox').objectStore('outbox').getAll();
						request.onsuccess = () => {
							open.result.close();
							resolve(
								request.result.map(
									(item: {
										id: string;
										status: string;
										event: { type: string; payload?: { taskId?: string } };
									}) => ({
										id: item.id,
										type: item.event.type,
										status: item.status,
										taskId: item.event.payload?.taskId
									})
								)
							);
						};
						request.onerror = () => reject(request.error);
					};
				}
			)
	);
}

const task = () => page.getByTestId('task');

/** Events waiting to upload, as Home's sync status counts them. */
async function pendingCount(): Promise<number> {
	const value = await page
		.getByTestId('sync-status')
		.locator('[data-pending]')
		.getAttribute('data-pending');
	return Number(value);
}
/** The id of the task on screen, or null when none is. */
async function taskId(): Promise<string | null> {
	if ((await task().count()) === 0) return null;
	return task()
		.getAttribute('data-task-id', { timeout: 1_000 })
		.catch(() => null);
}

/**
 * Waits until the task list is drawn and stays put for a moment. The list once was thrown away
 * and drawn again whenever the phone's local state changed (a sync, a download), and a tap that
 * fell in between was lost; it now keeps its elements, which this also checks.
 */
async function listSettled() {
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const list = document.querySelector('ul.list');
					if (!list) return false;
					await new Promise((resolve) => setTimeout(resolve, 300));
					return list.isConnected;
				}),
			{ timeout: 15_000 }
		)
		.toBe(true);
}

/** Opens a part of a downloaded project, by its tab. */
async function openPart(projectId: string, part: 'training' | 'qualification' | 'work') {
	if (!page.url().includes(`/tasks/project?id=${projectId}`)) {
		await page.goto(`${server.url}/tasks/project?id=${projectId}`);
	}
	await page.locator(`nav [data-part="${part}"]`).tap();
	await expect
		.poll(() => page.locator(`nav [data-part="${part}"]`).getAttribute('aria-current'))
		.toBe('step');
}

// ---------------------------------------------------------------------------------------------
// Answering, per task type, through the task's own controls.

/** Draws each gold box with a finger, from its top-left to its bottom-right corner. */
async function drawBoxes(root: Locator, boxes: readonly Box[]) {
	const surface = root.getByTestId('box-surface');
	for (const [i, box] of boxes.entries()) {
		if (i > 0) {
			// The box just drawn is selected, and a label tapped now would relabel it: tap a spot
			// outside every box first (a tap there selects nothing).
			const free = freeSpot(boxes.slice(0, i));
			if (free) await touchTap(surface, free);
			await expect
				.poll(() => root.locator('[data-testid="box"][aria-pressed="true"]').count())
				.toBe(0);
		}
		await root.getByTestId('box-labels').locator(`button[data-label="${box.label}"]`).tap();
		await expect
			.poll(() =>
				root
					.getByTestId('box-labels')
					.locator(`button[data-label="${box.label}"]`)
					.getAttribute('aria-pressed')
			)
			.toBe('true');
		await touchDrag(surface, [box.x, box.y], [box.x + box.width, box.y + box.height]);
		await expect.poll(() => root.getByTestId('box').count()).toBe(i + 1);
		const drawn = root.locator(`[data-testid="box"][data-index="${i}"]`);
		expect(await drawn.getAttribute('data-label')).toBe(box.label);
	}
}

/** A point (in %) inside no box, or null. */
function freeSpot(boxes: readonly Box[]): [number, number] | null {
	for (let y = 2; y < 100; y += 4) {
		for (let x = 2; x < 100; x += 4) {
			const inside = boxes.some(
				(b) => x >= b.x - 2 && x <= b.x + b.width + 2 && y >= b.y - 2 && y <= b.y + b.height + 2
			);
			if (!inside) return [x, y];
		}
	}
	return null;
}

/** Marks each gold span by tapping its first character, then its last when the word was longer. */
async function markSpans(root: Locator, spans: readonly Span[]) {
	const text = root.getByTestId('entity-text');
	const selectedOffsets = async () =>
		(
			await text
				.locator('[data-offset][aria-pressed="true"]')
				.evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.offset)))
		).sort((a, b) => a - b);
	for (const span of spans) {
		await text.locator(`[data-offset="${span.start}"]`).tap();
		await expect.poll(async () => (await selectedOffsets())[0]).toBe(span.start);
		const last = span.end - 1;
		if ((await selectedOffsets()).at(-1) !== last) {
			await text.locator(`[data-offset="${last}"]`).tap();
			await expect.poll(async () => (await selectedOffsets()).at(-1)).toBe(last);
		}
		await root.getByTestId('entity-types').locator(`button[data-label="${span.type}"]`).tap();
		const marked = text.locator(`[data-testid="span"][data-start="${span.start}"]`);
		await expect.poll(() => marked.getAttribute('data-end')).toBe(String(span.end));
		expect(await marked.getAttribute('data-type')).toBe(span.type);
	}
	await expect.poll(() => text.getByTestId('span').count()).toBe(spans.length);
}

/** Answers the task on screen: right (gold from the content file) or, with `wrong`, not. */
async function answer(
	project: ContentProject,
	item: ContentItem,
	options: { wrong?: boolean } = {}
) {
	const root = task();
	await expect.poll(() => taskId()).toBe(item.id);
	const gold = item.gold as Record<string, unknown>;
	const wrong = options.wrong === true;
	switch (project.type) {
		case 'image_classification':
		case 'text_classification': {
			const labels = gold.labels as string[];
			const proposed = item.data.proposed as string | undefined;
			if (proposed !== undefined) {
				const yes = labels.includes(proposed) !== wrong;
				await root
					.getByTestId('verify')
					.locator(`[data-verdict="${yes ? 'yes' : 'no'}"]`)
					.tap();
			} else if (wrong) {
				const label = project.labels.find((l) => !labels.includes(l.id))!.id;
				await root.locator(`button[data-label="${label}"]`).tap();
				if ((await root.getByTestId('submit').count()) > 0) await root.getByTestId('submit').tap();
			} else if ((await root.getByTestId('submit').count()) > 0) {
				// Several labels may apply: tap each, then Done.
				for (const label of labels) await root.locator(`button[data-label="${label}"]`).tap();
				await root.getByTestId('submit').tap();
			} else {
				await root.locator(`button[data-label="${labels[0]}"]`).tap();
			}
			return;
		}
		case 'bounding_boxes':
			await drawBoxes(root, gold.boxes as Box[]);
			await root.getByTestId('submit').tap();
			return;
		case 'named_entities':
			await markSpans(root, gold.spans as Span[]);
			await root.getByTestId('submit').tap();
			return;
		case 'transcription':
			await root.getByTestId('transcription').fill(gold.text as string);
			await root.getByTestId('submit').tap();
			return;
		case 'translation_check':
			if (gold.verdict === 'ok') {
				await root.locator('[data-verdict="ok"]').tap();
			} else {
				await root.locator('[data-verdict="wrong"]').tap();
				await root.getByTestId('fix').fill(gold.fix as string);
				await root.getByTestId('submit').tap();
			}
			return;
		default:
			throw new Error(`no way to answer ${project.type}`);
	}
}

/** Any valid answer to a work task (which carries no gold): the first label, or yes. */
async function answerAnything(project: ContentProject) {
	const root = task();
	if (project.type !== 'image_classification') throw new Error(`not written for ${project.type}`);
	if ((await root.getByTestId('verify').count()) > 0) {
		await root.locator('[data-verdict="yes"]').tap();
	} else {
		await root.locator(`button[data-label="${project.labels[0]!.id}"]`).tap();
	}
}

// ---------------------------------------------------------------------------------------------

describe('labeling on a phone', () => {
	it('first visit: picks English and installs the service worker', async () => {
		// The lessons, and with them the words on the label chips, are stored.
		await firstVisit(page, server.url);
	});

	describe.each(PROJECTS.map((id) => [id]))('%s', (projectId) => {
		const project = CONTENT[projectId]!;

		it('downloads from the task list', async () => {
			await page.goto(`${server.url}/tasks`);
			const card = page.locator('li', {
				has: page.getByRole('heading', { name: project.title.en!, exact: true })
			});
			await card.getByRole('button', { name: 'Download' }).waitFor();
			await listSettled();
			await card.getByRole('button', { name: 'Download' }).tap();
			await card.getByRole('link', { name: 'Continue' }).waitFor();
			await listSettled();
			await card.getByRole('link', { name: 'Continue' }).tap();
			await page.waitForURL(`**/tasks/project?id=${projectId}`);
		});

		it('answers its first training task right, by touch', async () => {
			await openPart(projectId, 'training');
			const first = project.training.find(fitsEnglish)!;
			await task().waitFor();
			expect(await taskId()).toBe(first.id);
			expect(await task().getAttribute('data-kind')).toBe('training');
			expect(await task().getAttribute('data-type')).toBe(project.type);

			await answer(project, first);
			const feedback = task().getByTestId('feedback');
			await feedback.waitFor();
			expect(await feedback.textContent()).toContain('Right!');
			if (project.type === 'bounding_boxes') {
				const goldBoxes = (first.gold as { boxes: Box[] }).boxes;
				await expect.poll(() => task().getByTestId('gold-box').count()).toBe(goldBoxes.length);
			}
			await task().getByTestId('next-task').tap();
			await expect.poll(() => taskId()).not.toBe(first.id);
		});
	});

	it('a training miss shows the item’s explanation', async () => {
		const project = CONTENT[PHOTOS]!;
		await openPart(PHOTOS, 'training');
		await task().waitFor();
		const item = itemOf(PHOTOS, (await taskId())!);
		expect(item.id).not.toBe(project.training[0]!.id);
		await answer(project, item, { wrong: true });
		const feedback = task().getByTestId('feedback');
		await feedback.waitFor();
		const shown = await feedback.textContent();
		expect(shown).toContain('Not quite.');
		expect(shown).toContain(item.explanation!.en);
		await task().getByTestId('next-task').tap();
		await expect.poll(() => taskId()).not.toBe(item.id);
	});

	it('passes the qualification test by touch, and the page shows the pass by itself', async () => {
		const project = CONTENT[PHOTOS]!;
		await openPart(PHOTOS, 'qualification');
		const items = project.qualification.filter(fitsEnglish);
		for (const item of items) {
			await task().waitFor();
			expect(await task().getAttribute('data-kind')).toBe('qualification');
			await answer(project, item);
			await page.getByTestId('undo-answer').waitFor();
			// Qualification gives no feedback: the next item comes straight away.
			await expect.poll(() => page.getByTestId('feedback').count()).toBe(0);
		}
		const result = page.getByTestId('qualification-result');
		await result.waitFor();
		// Online, the page sends the answers and asks the server for the score on its own.
		await expect
			.poll(() => result.textContent(), { timeout: 30_000, interval: 500 })
			.toContain('You passed the test');
		await result.getByRole('button', { name: 'Work' }).tap();
		await page.getByTestId('get-work').waitFor();
	}, 60_000);

	let leased: string[] = [];

	it('gets a batch of work online, with hidden gold in it', async () => {
		// The learner opens the project's work (the page asks the server how the test went).
		await page.goto(`${server.url}/tasks/project?id=${PHOTOS}&part=work`);
		const panel = page.getByTestId('work-panel');
		await panel.getByTestId('get-work').waitFor({ timeout: 30_000 });
		const response = page.waitForResponse(
			(r) => r.url().endsWith(`/api/projects/${PHOTOS}/lease`) && r.request().method() === 'POST'
		);
		await panel.getByTestId('get-work').tap();
		const lease = await response;
		expect(lease.ok()).toBe(true);
		leased = ((await lease.json()) as { tasks: { id: string; kind: string }[] }).tasks.map(
			(t) => t.id
		);
		expect(leased.length).toBeGreaterThan(0);
		expect(leased.length).toBeLessThanOrEqual(20);
		const goldInBatch = leased.filter((id) => itemOf(PHOTOS, id).gold !== undefined);
		expect(goldInBatch.length).toBeGreaterThan(0);

		await task().waitFor({ timeout: 30_000 });
		expect(await task().getAttribute('data-kind')).toBe('work');
		expect(leased).toContain(await taskId());
	}, 60_000);

	let offline: { id: string; taskId?: string }[] = [];

	it('does the whole batch with the network gone; the answers wait in the outbox', async () => {
		expect(leased.length).toBeGreaterThan(0);
		const before = new Set((await outbox()).map((e) => e.id));
		await server.stop();
		await context.setOffline(true);
		const project = CONTENT[PHOTOS]!;
		const answered: string[] = [];
		while (answered.length < leased.length) {
			await task().waitFor();
			const id = (await taskId())!;
			expect(await task().getAttribute('data-kind')).toBe('work');
			expect(leased).toContain(id);
			expect(answered).not.toContain(id);
			await answerAnything(project);
			answered.push(id);
			await page.getByTestId('undo-answer').waitFor();
			await expect.poll(() => taskId(), { timeout: 10_000 }).not.toBe(id);
			// The next task comes at once and the answer is saved just after: it lands in the
			// outbox, once, waiting to upload.
			await expect
				.poll(async () =>
					(await outbox())
						.filter((e) => e.type === 'annotation' && e.taskId === id)
						.map((e) => e.status)
				)
				.toEqual(['pending']);
		}
		// The whole batch answered: the panel is back, with nothing left to do.
		await page.getByTestId('work-panel').waitFor();
		expect(await task().count()).toBe(0);

		const waiting = (await outbox()).filter((e) => !before.has(e.id) && e.type === 'annotation');
		expect(waiting.map((e) => e.taskId).sort()).toEqual([...leased].sort());
		for (const e of waiting) expect(e.status).toBe('pending');
		offline = waiting;

		// Home counts them as waiting to upload.
		await page.getByRole('link', { name: 'Home' }).tap();
		const queued = (await outbox()).length;
		expect(queued).toBeGreaterThanOrEqual(offline.length);
		await expect.poll(() => pendingCount()).toBe(queued);
	}, 120_000);

	it('back online: the server holds each offline answer once, none rejected, and scores the hidden gold', async () => {
		expect(offline.length).toBeGreaterThan(0);
		await server.start();
		await context.setOffline(false);
		await expect.poll(() => pendingCount(), { timeout: 30_000, interval: 500 }).toBe(0);
		// Rejected events would stay in the outbox, marked, and be counted on Home.
		expect(await outbox()).toEqual([]);
		expect(await page.getByTestId('sync-status').locator('.warning').count()).toBe(0);

		const pulled: PullResponse = await (
			await page.request.get(`${server.url}/api/sync?after=0&limit=500`)
		).json();
		expect(pulled.more).toBe(false);
		const onServer = pulled.events.map((e) => e.id);
		expect(new Set(onServer).size).toBe(onServer.length);
		for (const { id } of offline) expect(onServer.filter((x) => x === id)).toHaveLength(1);
		const mine = pulled.events.filter((e) => offline.some((o) => o.id === e.id));
		expect(mine.every((e) => e.type === 'annotation')).toBe(true);
		expect(mine.map((e) => (e.payload as { taskId: string }).taskId).sort()).toEqual(
			[...leased].sort()
		);

		const status = await (
			await page.request.get(`${server.url}/api/projects/${PHOTOS}/status?locale=en`)
		).json();
		expect(status.qualified).toBe(true);
		expect(status.accuracy).not.toBeNull();
		expect(status.accuracy.total).toBeGreaterThan(0);
	}, 60_000);
});
