/**
 * End-to-end support: runs the production build (`build/`) as a real server on a free port with
 * its own PGlite data directory, and drives the system Chromium with playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** The six projects, one per task type. */
export const PROJECTS = [
	'photo-classification',
	'photo-boxes',
	'message-intent',
	'name-finder',
	'sign-reading',
	'translation-check'
] as const;

export function chromiumPath(): string {
	const path = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
		(p) => p && existsSync(p)
	);
	if (!path)
		throw new Error('No Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
	return path;
}

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * A learner's first visit, online: picks English, waits until the lessons are stored and the
 * service worker controls the app, so what follows may go offline.
 */
export async function firstVisit(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.getByRole('button', { name: 'English' }).click();
	await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
	await page.getByRole('link', { name: 'Start lesson' }).waitFor();
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

/** Opens a learner page and waits until it has rendered its heading and settled. */
export async function openPage(page: Page, url: string): Promise<void> {
	await page.goto(url);
	// The navigation shows only once a language is chosen and stored (the picker has an h1 too).
	await page.locator('nav.bottom-nav').waitFor();
	await page.locator('main h1').first().waitFor();
	// Pages fill in from IndexedDB after the heading; let them settle.
	await page.waitForLoadState('networkidle');
}

/** Downloads a project from the task list (when it is not on the phone yet), opens its training. */
export async function openTrainingPart(page: Page, baseUrl: string, projectId: string) {
	await openPage(page, `${baseUrl}/tasks`);
	const download = page.locator(`li[data-project="${projectId}"] [data-action="download"]`);
	const go = page.locator(`main a[href="/tasks/project?id=${projectId}"]`);
	await download.or(go).first().waitFor();
	if (await download.isVisible()) await download.click();
	await go.click();
	await page.locator('nav [data-part="training"]').click();
	await page.getByTestId('task').waitFor();
}

/** A phone: 360×800, touch, English device language. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
	return browser.newContext({
		viewport: { width: 360, height: 800 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: 'en-US'
	});
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface AppServer {
	url: string;
	/** The build this server runs; a copy when started with `copyBuild`. */
	buildDir: string;
	stop(): Promise<void>;
	start(): Promise<void>;
	dispose(): Promise<void>;
}

/**
 * The built app on its own port and data directory; stop() and start() keep both. With
 * `copyBuild`, it runs a copy of build/ that a test may change (to ship a new version).
 */
export async function startApp(options: { copyBuild?: boolean } = {}): Promise<AppServer> {
	if (!existsSync('build/index.js'))
		throw new Error('No production build: run `npm run build` (npm test does)');
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'ilgam-e2e-'));
	let buildDir = 'build';
	if (options.copyBuild) {
		// Inside the project, so the build's external packages resolve from node_modules.
		mkdirSync('.e2e', { recursive: true });
		buildDir = mkdtempSync(join('.e2e', 'build-'));
		cpSync('build', buildDir, { recursive: true });
	}
	const url = `http://127.0.0.1:${port}`;
	let child: ChildProcess | null = null;

	async function start() {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			ILGAM_DATA_DIR: dataDir,
			// As `npm start`: the demo coordinator, class and learner.
			ILGAM_DEMO: '1'
		};
		delete env.DATABASE_URL;
		child = spawn(process.execPath, [join(buildDir, 'index.js')], {
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let log = '';
		child.stdout?.on('data', (chunk) => (log += chunk));
		child.stderr?.on('data', (chunk) => (log += chunk));
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
			try {
				const response = await fetch(`${url}/api/packs`);
				if (response.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`server did not start: ${log}`);
	}

	async function stop() {
		const running = child;
		if (!running || running.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill('SIGTERM');
			// adapter-node waits for open keep-alive connections; a stopped network does not.
			setTimeout(() => running.kill('SIGKILL'), 3_000).unref();
		});
		child = null;
	}

	await start();
	return {
		url,
		buildDir,
		start,
		stop,
		async dispose() {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
			if (buildDir !== 'build') rmSync(buildDir, { recursive: true, force: true });
		}
	};
}

/**
 * Plays a lesson or review run to its summary, answering every kind of exercise right (the
 * question names its word in data-word; options name theirs in data-option). With `missFirst`,
 * the first question is answered wrong. Returns the word id of that miss.
 */
export async function finishLesson(
	page: Page,
	words: readonly { id: string; hangul: string }[],
	options: { missFirst?: boolean; undoFirst?: boolean; summary?: string } = {}
): Promise<{ missed: string | null; asked: string[] }> {
	const hangulOf = new Map(words.map((w) => [w.id, w.hangul]));
	const summary = page.getByTestId(options.summary ?? 'lesson-summary');
	const card = page.getByTestId('word-card');
	const choice = page.getByTestId('choice-question');
	const typing = page.getByTestId('typing-question');
	const matching = page.getByTestId('matching-question');
	const stepOf = () =>
		page
			.locator('[data-step]')
			.getAttribute('data-step', { timeout: 1_000 })
			.catch(() => null);
	let missed: string | null = null;
	let undone = !options.undoFirst;
	const asked: string[] = [];
	const summaryId = options.summary ?? 'lesson-summary';
	const shown = page
		.locator(
			['word-card', 'choice-question', 'typing-question', 'matching-question', summaryId]
				.map((id) => `[data-testid="${id}"]`)
				.join(', ')
		)
		.first();
	for (let i = 0; i < 300; i++) {
		// One read of what is on screen: checking each kind in turn races the step change.
		const kind = await shown.getAttribute('data-testid');
		if (kind === summaryId) return { missed, asked };
		const step = await stepOf();
		const miss = options.missFirst === true && missed === null;
		if (kind === 'word-card') {
			await card.getByRole('button', { name: 'Continue' }).click();
		} else if (kind === 'matching-question') {
			for (const button of await matching.locator('button[data-word]').all()) {
				const id = (await button.getAttribute('data-word')) ?? '';
				asked.push(id);
				await button.click();
				await matching.locator(`button[data-meaning="${id}"]`).click();
			}
			await matching.getByRole('button', { name: 'Continue' }).click();
		} else {
			const question = kind === 'choice-question' ? choice : typing;
			const id = (await question.getAttribute('data-word')) ?? '';
			asked.push(id);
			if (question === choice && !undone) {
				// A slip, taken back: the same question comes again, unanswered.
				await question.locator(`button.choice:not([data-option="${id}"])`).first().click();
				await question.getByRole('alert').waitFor();
				await question.getByRole('button', { name: 'Undo my answer' }).click();
				await choice.getByRole('alert').waitFor({ state: 'detached' });
				asked.pop();
				undone = true;
				continue;
			}
			if (question === choice) {
				const option = miss
					? question.locator(`button.choice:not([data-option="${id}"])`).first()
					: question.locator(`button[data-option="${id}"]`);
				await option.click();
			} else {
				const hangul = hangulOf.get(id);
				if (!hangul) throw new Error(`no word ${id}`);
				await question.getByRole('textbox').fill(miss ? `${hangul}ㅋ` : hangul);
				await question.getByRole('button', { name: 'Check' }).click();
			}
			if (miss) {
				await question.getByRole('alert').waitFor();
				missed = id;
			}
			await question.getByRole('button', { name: 'Continue' }).click();
		}
		await expect
			.poll(async () => (await summary.isVisible()) || (await stepOf()) !== step)
			.toBe(true);
	}
	throw new Error('the lesson did not end');
}
