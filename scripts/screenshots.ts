/**
 * `npm run screenshots`: the main screens at 360×800 in three scripts (Korean with Latin
 * romanization, Khmer, Urdu right to left), into docs/screenshots/, and the English ones the
 * install dialog shows, into static/screenshots/ (src/lib/pwa/web-manifest.ts). Runs the
 * production build (`npm run build` first) with the demo content on a throwaway database, in
 * the system Chromium. The fonts come from Debian's fonts-noto-core and fonts-noto-cjk.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LOCALE_INFO, type Locale } from '../src/lib/i18n/locales';
import { MANIFEST_SCREENSHOTS } from '../src/lib/pwa/web-manifest';
import { launchBrowser, openPage, openTrainingPart, startApp } from '../tests/e2e/support';

const DOCS = 'docs/screenshots';
const STATIC = 'static/screenshots';

type Screen = 'home' | 'lesson' | 'task' | 'tasks' | 'progress' | 'settings';
const SCREENS: Screen[] = ['home', 'lesson', 'task', 'tasks', 'progress', 'settings'];
const DOC_LOCALES: Locale[] = ['ko', 'km', 'ur'];

/** Opens a screen as a learner would reach it, and waits for it to settle. */
async function show(page: Page, url: string, screen: Screen) {
	const path = { home: '/', tasks: '/tasks', progress: '/progress', settings: '/settings' };
	if (screen === 'lesson') {
		await page.goto(`${url}/learn/lesson?id=first-words-1`);
		await page.getByTestId('word-card').waitFor();
		await page.waitForLoadState('networkidle');
	} else if (screen === 'task') {
		await openTrainingPart(page, url, 'photo-boxes');
		await page.getByTestId('task').locator('img').first().waitFor();
	} else {
		await openPage(page, `${url}${path[screen]}`);
	}
	await page.waitForTimeout(300);
}

async function shoot(
	browser: Browser,
	url: string,
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
	await page.goto(url);
	await page.getByRole('button', { name: LOCALE_INFO[locale].name, exact: true }).click();
	// The first start downloads the lessons; Home offers the first one when they are stored.
	await page.locator('main a[href^="/learn/lesson"]').first().waitFor({ timeout: 60_000 });
	for (const screen of screens) {
		await show(page, url, screen);
		await page.screenshot({ path: into(screen) });
		console.log(into(screen));
	}
	await context.close();
}

// The build on a free port with the demo content and a throwaway database, as the e2e tests run it.
const server = await startApp();
const browser = await launchBrowser();
try {
	mkdirSync(DOCS, { recursive: true });
	mkdirSync(STATIC, { recursive: true });
	for (const locale of DOC_LOCALES) {
		await shoot(browser, server.url, locale, SCREENS, (s) => join(DOCS, `${locale}-${s}.png`));
	}
	const manifest = MANIFEST_SCREENSHOTS.map(({ file }) => file.replace('.png', '') as Screen);
	await shoot(browser, server.url, 'en', manifest, (s) => join(STATIC, `${s}.png`));
} finally {
	await browser.close();
	await server.dispose();
}
