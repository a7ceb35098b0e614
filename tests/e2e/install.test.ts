/**
 * Installable to the home screen, by Chromium's own check (the DevTools protocol's
 * installability errors), with a real profile: Playwright's throwaway contexts are incognito,
 * where Chromium never offers an install. The manifest's maskable icons, shortcuts and
 * screenshots load; the Install button uses the browser's offer, and an iPhone gets the guide.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, firstVisit, startApp, type AppServer } from './support';

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

interface ManifestImage {
	src: string;
	sizes: string;
	purpose?: string;
}

it('has maskable icons, Review and Tasks shortcuts and phone screenshots, all loading', async () => {
	const page = await context.newPage();
	await page.goto(server.url);
	const cdp = await context.newCDPSession(page);
	const { data, url } = await cdp.send('Page.getAppManifest');
	const manifest = JSON.parse(data ?? '{}') as {
		icons: ManifestImage[];
		shortcuts: { short_name: string; url: string; icons: ManifestImage[] }[];
		screenshots: (ManifestImage & { form_factor: string; label: string })[];
	};
	expect(manifest.icons.filter((icon) => icon.purpose === 'maskable').map((i) => i.sizes)).toEqual([
		'192x192',
		'512x512'
	]);
	expect(manifest.shortcuts.map((s) => [s.short_name, s.url])).toEqual([
		['Review', '/review'],
		['Tasks', '/tasks']
	]);
	expect(manifest.screenshots.length).toBeGreaterThanOrEqual(3);
	const images = [
		...manifest.icons,
		...manifest.shortcuts.flatMap((s) => s.icons),
		...manifest.screenshots
	];
	for (const image of images) {
		// The size each image claims is the size it has.
		const size = await page.evaluate(async (src) => {
			const img = new Image();
			img.src = src;
			await img.decode();
			return `${img.naturalWidth}x${img.naturalHeight}`;
		}, new URL(image.src, url).href);
		expect(size, image.src).toBe(image.sizes);
	}
	for (const shot of manifest.screenshots) {
		expect(shot.form_factor).toBe('narrow');
		expect(shot.label.length).toBeGreaterThan(10);
	}
});

it('offers an Install button when the browser offers installing, and prompts with it', async () => {
	const page = await context.newPage();
	await firstVisit(page, server.url);
	expect(await page.getByTestId('install-card').count()).toBe(0);
	// Chromium's own event, as it fires it when the app may be installed.
	await page.evaluate(() => {
		const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: () => {
				(window as unknown as { prompted: boolean }).prompted = true;
				return Promise.resolve();
			},
			userChoice: Promise.resolve({ outcome: 'accepted' })
		});
		window.dispatchEvent(offer);
	});
	const install = page.getByRole('button', { name: 'Install the app' });
	await install.click();
	expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(
		true
	);
	await expect.poll(() => page.getByTestId('install-card').count()).toBe(0);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByTestId('install-done').waitFor();
});

it('shows an iPhone the illustrated Add to Home Screen guide instead', async () => {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	const iphone = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'
	});
	try {
		const page = await iphone.newPage();
		await page.goto(server.url);
		await page.getByRole('button', { name: 'English' }).click();
		const guide = page.getByTestId('ios-guide');
		await guide.waitFor();
		expect(await page.getByRole('button', { name: 'Install the app' }).count()).toBe(0);
		await guide.getByText('How to do it on iPhone').click();
		const steps = guide.locator('ol li');
		expect(await steps.count()).toBe(3);
		expect(await steps.nth(1).textContent()).toContain('Add to Home Screen');
		expect(await guide.locator('ol svg, ol img').count()).toBe(3);
	} finally {
		await browser.close();
	}
});
