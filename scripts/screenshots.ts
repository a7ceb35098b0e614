/**
 * `npm run screenshots`: the main screens at 360×800 in three scripts (Korean with Latin
 * romanization, Khmer, Urdu right to left), into docs/screenshots/, and the English ones the
 * install dialog shows, into static/screenshots/ (src/lib/pwa/web-manifest.ts). Runs the
 * production build (`npm run build` first) with the demo content on a throwaway database, in
 * the system Chromium. The fonts come from Debian's fonts-noto-core and fonts-noto-cjk.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LOCALE_INFO, type Locale } from '../src/lib/i18n/locales';
import { MANIFEST_SCREENSHOTS } from '../src/lib/pwa/web-manifest';

const PORT = 4620;
const URL = `http://127.0.0.1:${PORT}`;
const DOCS = 'docs/screenshots';
const STATIC = 'static/screenshots';

type Screen = 'home' | 'lesson' | 'task' | 'tasks' | 'progress' | 'settings';
const SCREENS: Screen[] = ['home', 'lesson', 'task', 'tasks', 'progress', 'settings'];
const DOC_LOCALES: Locale[] = ['ko', 'km', 'ur'];

async function startServer(dataDir: string) {
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: URL,
			ILGAM_DATA_DIR: dataDir,
			ILGAM_DEMO: '1'
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 240; i++) {
		try {
			if ((await fetch(`${URL}/api/packs`)).ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	child.kill();
	throw new Error('the app did not start: run `npm run build` first');
}

/** Opens a screen as a learner would reach it, and waits for it to settle. */
async function show(page: Page, screen: Screen) {
	const path = { home: '/', tasks: '/tasks', progress: '/progress', settings: '/settings' };
	if (screen === 'lesson') {
		await page.goto(`${URL}/learn/lesson?id=first-words-1`);
		await page.getByTestId('word-card').waitFor();
	} else if (screen === 'task') {
		await page.goto(`${URL}/tasks`);
		const download = page.locator('li[data-project="photo-boxes"] [data-action="download"]');
		const go = page.locator('main a[href="/tasks/project?id=photo-boxes"]');
		await download.or(go).first().waitFor();
		if (await download.isVisible()) await download.click();
		await go.click();
		await page.locator('nav [data-part="training"]').click();
		await page.getByTestId('task').locator('img').first().waitFor();
	} else {
		await page.goto(`${URL}${path[screen]}`);
		await page.locator('main h1').first().waitFor();
	}
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(300);
}

async function shoot(
	browser: Browser,
	locale: Locale,
	screens: Screen[],
	into: (s: Screen) => string
) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 800 },
		deviceScaleFactor: 1,
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await page.goto(URL);
	await page.getByRole('button', { name: LOCALE_INFO[locale].name, exact: true }).click();
	// The first start downloads the lessons; Home offers the first one when they are stored.
	await page.locator('main a[href^="/learn/lesson"]').first().waitFor({ timeout: 60_000 });
	for (const screen of screens) {
		await show(page, screen);
		await page.screenshot({ path: into(screen) });
		console.log(into(screen));
	}
	await context.close();
}

const dataDir = mkdtempSync(join(tmpdir(), 'ilgam-screenshots-'));
const server = await startServer(dataDir);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking']
});
try {
	mkdirSync(DOCS, { recursive: true });
	mkdirSync(STATIC, { recursive: true });
	for (const locale of DOC_LOCALES) {
		await shoot(browser, locale, SCREENS, (screen) => join(DOCS, `${locale}-${screen}.png`));
	}
	const manifest = MANIFEST_SCREENSHOTS.map(({ file }) => file.replace('.png', '') as Screen);
	await shoot(browser, 'en', manifest, (screen) => join(STATIC, `${screen}.png`));
} finally {
	await browser.close();
	server.kill();
	rmSync(dataDir, { recursive: true, force: true });
}
