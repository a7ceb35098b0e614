/**
 * Labeling on a cheap phone: the time from a tap on an answer to the next task painted, over
 * 100 work tasks in Chromium with the CPU throttled 4× (budget: p95 ≤ 50 ms); and the bytes an
 * image task costs to download. Prints figures; never passes or fails on time.
 *
 * The production build runs on its own data directory. The phone downloads the image
 * classification project through the UI, then gets 100 work tasks (copies of its training
 * items, without gold) written into IndexedDB as a leased batch, so every answer takes the real
 * path: validation, the IndexedDB transaction with its outbox entry, and the next render.
 * "Painted" is the second animation frame after the next task's element appears.
 *
 * Run with `npx tsx bench/task-answer.bench.ts` after `npm run build` (`npm run bench` does both).
 */
import type { PackIndex, PackTask, ProjectPack } from '../src/lib/api/packs';
import { launchBrowser, phoneContext, startApp } from '../tests/e2e/support';

const TASKS = 100;
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const BUDGET_MS = 50;
const IMAGE_TYPES = new Set(['image_classification', 'bounding_boxes', 'transcription']);

function percentile(sorted: readonly number[], p: number): number {
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)] ?? NaN;
}

const server = await startApp();
const browser = await launchBrowser();
try {
	const index = (await (await fetch(`${server.url}/api/packs`)).json()) as PackIndex;

	console.log('Bytes per image task (picture as shipped, gzip does not shrink photos):');
	let bytes = 0;
	let count = 0;
	for (const project of index.projects.filter((p) => IMAGE_TYPES.has(p.type))) {
		bytes += project.assetBytes;
		count += project.taskCount;
		const average = project.taskCount ? project.assetBytes / project.taskCount : 0;
		console.log(
			`  ${project.id.padEnd(32)} ${(average / 1024).toFixed(1).padStart(5)} KB a task (download), ${(project.workTaskBytes / 1024).toFixed(1)} KB a work task`
		);
	}
	console.log(`  average over ${count} image tasks: ${(bytes / count / 1024).toFixed(1)} KB`);

	const project = index.projects.find((p) => p.type === 'image_classification');
	if (!project) throw new Error('no image classification project');
	const pack = (await (
		await fetch(`${server.url}/api/packs/projects/${project.id}?locale=en`)
	).json()) as ProjectPack;
	// Label items: a tap on a label is the answer (verify items take a yes/no instead).
	const templates = pack.tasks.filter((t) => t.kind === 'training' && !('proposed' in t.data));

	const context = await phoneContext(browser);
	const page = await context.newPage();
	// tsx keeps function names with a `__name` helper that does not exist in the page.
	await page.addInitScript({ content: 'window.__name = (f) => f;' });
	await page.goto(server.url);
	await page.getByRole('button', { name: 'English' }).click();
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.goto(`${server.url}/tasks`);
	await page.getByRole('button', { name: 'Download' }).first().waitFor();
	const card = page.locator('li', { hasText: project.title.en ?? '' });
	await card.getByRole('button', { name: 'Download' }).click();
	await page.getByRole('link', { name: 'Continue' }).first().waitFor();

	const expiresAt = new Date(Date.now() + 48 * 3_600_000).toISOString();
	const batch: PackTask[] = Array.from({ length: TASKS + 1 }, (_, i) => {
		const {
			gold: _gold,
			explanation: _explanation,
			...template
		} = templates[i % templates.length] as PackTask;
		return { ...template, id: `bench-w-${i}`, kind: 'work', position: i, expiresAt };
	});
	await page.evaluate(
		({ batch, projectId }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('ilgam');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['tasks', 'meta'], 'readwrite');
					for (const task of batch) tx.objectStore('tasks').put(task);
					const status = {
						qualified: true,
						attempts: [],
						accuracy: null,
						openTasks: batch.length,
						checkedAt: new Date().toISOString()
					};
					tx.objectStore('meta').put({ [projectId]: status }, 'projectStatus');
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ batch, projectId: project.id }
	);

	// The status check would ask the server, which does not know this batch: keep it offline.
	await context.setOffline(true);
	await page.goto(`${server.url}/tasks/project?id=${project.id}&part=work`).catch(() => {});
	await page.getByTestId('task').waitFor();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

	const times: number[] = [];
	for (let i = 0; i < TASKS; i++) {
		const ms = await page.evaluate(
			() =>
				new Promise<number>((resolve, reject) => {
					const task = document.querySelector('[data-testid="task"]');
					const before = task?.getAttribute('data-task-id');
					const button = task?.querySelector<HTMLButtonElement>('button[data-label]');
					if (!button) return reject(new Error('no label button'));
					const start = performance.now();
					const painted = () =>
						requestAnimationFrame(() =>
							requestAnimationFrame(() => resolve(performance.now() - start))
						);
					const observer = new MutationObserver(() => {
						const now = document.querySelector('[data-testid="task"]');
						if (now && now.getAttribute('data-task-id') !== before) {
							observer.disconnect();
							painted();
						}
					});
					observer.observe(document.body, {
						subtree: true,
						childList: true,
						attributes: true,
						attributeFilter: ['data-task-id']
					});
					button.click();
				})
		);
		times.push(ms);
	}
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	const sorted = [...times].sort((a, b) => a - b);
	const p50 = percentile(sorted, 50);
	const p95 = percentile(sorted, 95);
	console.log(
		`\nAnswer → next task painted, ${TASKS} image tasks, CPU ×${THROTTLE}: ` +
			`p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms ` +
			`(budget p95 ≤ ${BUDGET_MS} ms${p95 > BUDGET_MS ? ': OVER' : ''})`
	);
	await context.close();
} finally {
	await browser.close();
	await server.dispose();
}
