// Copy the demo task images (Twemoji SVGs) into static/content/images/ under descriptive names.
// Usage: node scripts/copy-task-images.js
// Needs the devDependency @twemoji/svg. The copies are committed, so the app never reads
// node_modules at run time; this script only makes the copy reproducible.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', '@twemoji', 'svg');
const target = join(root, 'static', 'content', 'images');

// Twemoji names files by code point; ZWJ sequences join with '-'. Some keep fe0f (the
// health worker does), so each code is the exact file name that the package ships.
/** @type {[name: string, code: string][]} */
const IMAGES = [
	// 사람 (person)
	['construction-worker', '1f477'],
	['farmer', '1f9d1-200d-1f33e'],
	['cook', '1f9d1-200d-1f373'],
	['factory-worker', '1f9d1-200d-1f3ed'],
	['police-officer', '1f46e'],
	['health-worker', '1f9d1-200d-2695-fe0f'],
	['mechanic', '1f9d1-200d-1f527'],
	// 자동차 (car)
	['car', '1f697'],
	['taxi', '1f695'],
	['suv', '1f699'],
	['police-car', '1f693'],
	['ambulance', '1f691'],
	['pickup-truck', '1f6fb'],
	['oncoming-car', '1f698'],
	// 동물 (animal)
	['dog', '1f415'],
	['cat', '1f408'],
	['cow', '1f404'],
	['pig', '1f416'],
	['chicken', '1f414'],
	['fish', '1f41f'],
	['horse', '1f40e'],
	// 음식 (food)
	['rice', '1f35a'],
	['ramen', '1f35c'],
	['apple', '1f34e'],
	['leafy-greens', '1f96c'],
	['bread', '1f35e'],
	['dumplings', '1f95f'],
	['chicken-leg', '1f357']
];

async function main() {
	await mkdir(target, { recursive: true });
	for (const [name, code] of IMAGES) {
		await copyFile(join(source, `${code}.svg`), join(target, `${name}.svg`));
	}
	console.log(`Copied ${IMAGES.length} images to ${target}`);
}

await main();
