// Render the PWA icon PNGs from the SVG sources in static/icons/.
// Usage: node scripts/render-icons.js
// Needs playwright-core and a Chromium binary (default /usr/bin/chromium, override with CHROMIUM_PATH).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const icons = join(root, 'static', 'icons');

/** @type {{ src: string; out: string; size: number; transparent: boolean }[]} */
const targets = [
	{ src: 'icon.svg', out: 'static/icons/icon-192.png', size: 192, transparent: true },
	{ src: 'icon.svg', out: 'static/icons/icon-512.png', size: 512, transparent: true },
	{ src: 'icon.svg', out: 'static/favicon.png', size: 48, transparent: true },
	{ src: 'maskable.svg', out: 'static/icons/maskable-192.png', size: 192, transparent: false },
	{ src: 'maskable.svg', out: 'static/icons/maskable-512.png', size: 512, transparent: false },
	{ src: 'maskable.svg', out: 'static/icons/apple-touch-icon.png', size: 180, transparent: false }
];

/**
 * @param {string} svg
 * @param {number} size
 */
function html(svg, size) {
	// Size the root <svg> exactly; the viewBox keeps the drawing scaled.
	const sized = svg.replace(/^\s*<\?xml[^>]*>\s*/, '').replace(/<svg\b([^>]*)>/, (_m, attrs) => {
		const rest = String(attrs).replace(/\s(width|height)="[^"]*"/g, '');
		return `<svg${rest} width="${size}" height="${size}">`;
	});
	return `<!doctype html><html><head><style>
html,body{margin:0;padding:0;background:transparent;overflow:hidden}
svg{display:block}
</style></head><body>${sized}</body></html>`;
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--no-first-run'
	]
});

try {
	/** @type {Map<string, string>} */
	const sources = new Map();
	for (const t of targets) {
		if (!sources.has(t.src)) sources.set(t.src, await readFile(join(icons, t.src), 'utf8'));
		const page = await browser.newPage({
			viewport: { width: t.size, height: t.size },
			deviceScaleFactor: 1
		});
		await page.setContent(html(/** @type {string} */ (sources.get(t.src)), t.size));
		const png = await page.screenshot({
			clip: { x: 0, y: 0, width: t.size, height: t.size },
			omitBackground: t.transparent,
			type: 'png'
		});
		await page.close();
		await writeFile(join(root, t.out), png);
		console.log(`${t.out}  ${t.size}x${t.size}`);
	}
} finally {
	await browser.close();
}
