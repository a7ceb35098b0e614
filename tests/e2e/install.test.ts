/**
 * Installable to the home screen, by Chromium's own check (the DevTools protocol's
 * installability errors), with a real profile: Playwright's throwaway contexts are incognito,
 * where Chromium never offers an install.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, startApp, type AppServer } from './support';

let server: AppServer;
let context: BrowserContext;
const profile = mkdtempSync(join(tmpdir(), 'ilgam-profile-'));

beforeAll(async () => {
	server = await startApp();
	context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 360, height: 800 }
	});
});

afterAll(async () => {
	await context?.close();
	await server?.dispose();
	rmSync(profile, { recursive: true, force: true });
});

it('Chromium finds no installability errors', async () => {
	const page = await context.newPage();
	await page.goto(server.url);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	const cdp = await context.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.errors).toEqual([]);
});
