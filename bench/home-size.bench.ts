/**
 * What the home page costs a phone on a first visit: every script and stylesheet Chromium
 * fetches to show it, gzip-compressed (level 9, what a gzip-serving proxy would send).
 * The service worker is blocked, so its background precache is not counted; its total is
 * printed separately.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launchBrowser, startApp } from '../tests/e2e/support';

const KB = 1024;
const server = await startApp();
const browser = await launchBrowser();
try {
	const context = await browser.newContext({
		viewport: { width: 360, height: 800 },
		serviceWorkers: 'block'
	});
	const page = await context.newPage();
	const sizes = { script: [] as [string, number][], stylesheet: [] as [string, number][] };
	page.on('response', async (response) => {
		const type = response.request().resourceType();
		if (type !== 'script' && type !== 'stylesheet') return;
		const body = await response.body().catch(() => null);
		if (body)
			sizes[type].push([new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length]);
	});
	await page.goto(server.url, { waitUntil: 'networkidle' });
	// A returning learner's home (language chosen) loads the same code; the first visit shows
	// the language picker, so count after choosing one too.
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
	await page.waitForLoadState('networkidle');

	const total = (list: [string, number][]) => list.reduce((sum, [, n]) => sum + n, 0);
	const js = total(sizes.script);
	const css = total(sizes.stylesheet);
	console.log(
		`home page, first visit: ${sizes.script.length} JS files, ${(js / KB).toFixed(1)} KB gzip (budget 45 KB)`
	);
	console.log(
		`home page, first visit: ${sizes.stylesheet.length} CSS files, ${(css / KB).toFixed(1)} KB gzip (budget 10 KB)`
	);
	for (const [path, n] of [...sizes.script].sort((a, b) => b[1] - a[1])) {
		console.log(`  ${(n / KB).toFixed(1).padStart(5)} KB  ${path}`);
	}

	const sw = readFileSync('build/client/service-worker.js', 'utf8');
	const precached = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].length;
	console.log(
		`service worker: ${(gzipSync(sw).length / KB).toFixed(1)} KB gzip, precaches ${precached} files in the background`
	);
} finally {
	await browser.close();
	await server.dispose();
}
