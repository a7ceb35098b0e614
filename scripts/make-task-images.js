// Regenerate the images of the demo labeling projects (content/projects/*.json):
//   static/content/images/photos/*.webp  real photographs, cropped and resized for phones
//   static/content/images/signs/*.webp   Korean signs and notices for the transcription project
//   static/content/images/CREDITS.md     author, licence and source of every photo
//
// Usage (Debian, as root or with sudo for the first line):
//   apt-get install -y imagemagick webp fonts-noto-cjk chromium
//   node scripts/make-task-images.js            # photos and signs
//   node scripts/make-task-images.js photos     # or only one of the two
//
// Photos come from Debian packages, pinned below, fetched with `apt-get download` into
// $ILGAM_IMAGE_CACHE (default: <tmp>/ilgam-task-images) and unpacked with `dpkg-deb`:
//   - gcompris-qt-data: Wikimedia Commons and publicdomainpictures.net photos, each with its
//     author, licence and source in a README beside it. The images sit inside Qt resource files
//     (.rcc), which this script unpacks itself.
//   - tuxpaint-stamps-default: photographs cut out as stamps (GPL-2); put on a plain background.
//   - python3-skimage, python3-sklearn, visp-images-data: sample images with documented licences.
// Signs are HTML rendered with Chromium (playwright-core, CHROMIUM_PATH or /usr/bin/chromium) in
// Noto Sans CJK; the text of each sign is its transcription gold, so keep the two in step.
//
// Every image is WebP, at most 480 px on its long side and at most MAX_BYTES: the test in
// tests/unit/content.test.ts checks 25 KB. Bounding-box gold in content/projects/ is in percent
// of these exact crops: change a crop and redo the boxes of the tasks that show it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const images = join(root, 'static', 'content', 'images');
const cache = process.env.ILGAM_IMAGE_CACHE || join(tmpdir(), 'ilgam-task-images');
const MAX_BYTES = 24_000;
const LONG_SIDE = 480;
const STAMP_BACKGROUND = '#f2f0eb';

/** The Debian packages the photos come from, pinned so that a rerun gives the same crops. */
const PACKAGES = {
	gcompris: { name: 'gcompris-qt-data', version: '3.1-2' },
	tuxpaint: { name: 'tuxpaint-stamps-default', version: '2022.06.04-1' },
	skimage: { name: 'python3-skimage', version: '0.19.3-8' },
	sklearn: { name: 'python3-sklearn', version: '1.2.1+dfsg-1' },
	visp: { name: 'visp-images-data', version: '3.5.0-1' }
};

/**
 * @typedef {{ author: string, licence: string, source?: string }} Credit
 * @typedef {{
 *   out: string,
 *   from: keyof typeof PACKAGES,
 *   file: string,
 *   crop?: [x: number, y: number, width: number, height: number],
 *   stamp?: boolean,
 *   credit?: Credit,
 *   readmeName?: string
 * }} Photo
 * `file` is the path inside the package (for gcompris: inside its Qt resources, from
 * `activities/`); `crop` is in percent of the original; `stamp` puts a cut-out on a background.
 */

const TUXPAINT_CREDIT = {
	author: 'Bill Kendrick and the Tux Paint contributors',
	licence: 'GPL-2'
};

/** @type {Photo[]} */
const PHOTOS = [
	// --- people
	{
		out: 'didgeridoo-player',
		from: 'gcompris',
		file: 'explore_world_music/resource/music/australia.webp'
	},
	{
		out: 'two-musicians',
		from: 'gcompris',
		file: 'explore_world_music/resource/music/ireland.webp',
		crop: [0, 12, 50, 88]
	},
	{
		out: 'mariachi-band',
		from: 'gcompris',
		file: 'explore_world_music/resource/music/mexico.webp'
	},
	{
		out: 'opera-singers',
		from: 'gcompris',
		file: 'explore_world_music/resource/music/italy.webp',
		crop: [22, 8, 56, 92]
	},
	{
		out: 'astronaut',
		from: 'skimage',
		file: 'usr/lib/python3/dist-packages/skimage/data/astronaut.png',
		credit: {
			author: 'NASA (astronaut Eileen Collins)',
			licence:
				'Public domain ("No known copyright restrictions, released into the public domain", scikit-image docs)',
			source: 'https://flic.kr/p/r9qvLn'
		}
	},
	{
		out: 'scientists-1927',
		from: 'visp',
		file: 'usr/share/visp-images-data/ViSP-images/Solvay/Solvay_conference_1927_Version2_1280x881.jpg',
		crop: [27, 37, 44, 55],
		credit: {
			author: 'Benjamin Couprie (1927 Solvay conference photograph)',
			licence:
				'GPL-2 as shipped in the package (debian/copyright); the 1927 photograph itself is old enough to be in the public domain'
		}
	},
	{ out: 'firefighter-suit', from: 'tuxpaint', file: 'people/fireman200b.png', stamp: true },
	// --- animals
	{ out: 'dog', from: 'gcompris', file: 'explore_farm_animals/resource/animals/dog.webp' },
	{
		out: 'cow',
		from: 'gcompris',
		file: 'explore_farm_animals/resource/animals/cow.webp',
		crop: [10, 18, 80, 78]
	},
	{ out: 'pig', from: 'gcompris', file: 'explore_farm_animals/resource/animals/pig.webp' },
	{ out: 'sheep', from: 'gcompris', file: 'explore_farm_animals/resource/animals/sheep.webp' },
	{ out: 'duck', from: 'gcompris', file: 'explore_farm_animals/resource/animals/duck.webp' },
	{ out: 'chickens', from: 'gcompris', file: 'explore_farm_animals/resource/animals/chicken.webp' },
	{ out: 'owl', from: 'gcompris', file: 'explore_farm_animals/resource/animals/owl.webp' },
	{ out: 'kitten', from: 'gcompris', file: 'erase/resource/kitten.webp' },
	{ out: 'goat', from: 'gcompris', file: 'erase/resource/goat.webp' },
	{ out: 'horse', from: 'gcompris', file: 'erase/resource/horse.webp' },
	{ out: 'meerkats', from: 'gcompris', file: 'erase/resource/meerkats.webp' },
	{ out: 'spoonbills', from: 'gcompris', file: 'erase/resource/spoonbills.webp' },
	{ out: 'camels', from: 'gcompris', file: 'erase/resource/camels.webp' },
	{ out: 'penguin', from: 'gcompris', file: 'erase/resource/penguin.webp' },
	{ out: 'rhinoceros', from: 'gcompris', file: 'erase/resource/rhinoceros.webp' },
	{ out: 'heron', from: 'gcompris', file: 'erase/resource/heron.webp' },
	{ out: 'ibex', from: 'gcompris', file: 'erase/resource/nubian_ibex.webp' },
	{ out: 'gosling', from: 'gcompris', file: 'erase/resource/gosling.webp' },
	{
		out: 'giraffes',
		from: 'gcompris',
		file: 'explore_world_animals/resource/animals/giraffe.webp'
	},
	{ out: 'jaguars', from: 'gcompris', file: 'explore_world_animals/resource/animals/jaguar.webp' },
	{ out: 'panda', from: 'gcompris', file: 'explore_world_animals/resource/animals/panda.webp' },
	{
		out: 'polar-bear',
		from: 'gcompris',
		file: 'explore_world_animals/resource/animals/polar_bear.webp'
	},
	{ out: 'moose', from: 'gcompris', file: 'explore_world_animals/resource/animals/moose.webp' },
	{
		out: 'hedgehog',
		from: 'gcompris',
		file: 'explore_world_animals/resource/animals/hedgehog.webp'
	},
	{
		out: 'cat',
		from: 'skimage',
		file: 'usr/lib/python3/dist-packages/skimage/data/chelsea.png',
		credit: {
			author: 'Stefan van der Walt (Chelsea the cat)',
			licence: 'CC0-1.0 ("No copyright restrictions. CC0 by the photographer", scikit-image docs)'
		}
	},
	// --- food
	{ out: 'strawberry', from: 'tuxpaint', file: 'food/fruit/Strawberry2.png', stamp: true },
	{ out: 'cherries', from: 'tuxpaint', file: 'food/fruit/Cherry_Stella.png', stamp: true },
	{ out: 'apricot', from: 'tuxpaint', file: 'food/fruit/Apricot_whole.png', stamp: true },
	{ out: 'avocado', from: 'tuxpaint', file: 'food/fruit/avocado.png', stamp: true },
	{ out: 'corn', from: 'tuxpaint', file: 'food/vegetables/corn.png', stamp: true },
	{
		out: 'roast-turkey',
		from: 'tuxpaint',
		file: 'seasonal/christmas/Roast_turkey.png',
		stamp: true
	},
	{ out: 'pie', from: 'tuxpaint', file: 'seasonal/christmas/Mince_Pie.png', stamp: true },
	// --- vehicles
	{ out: 'fire-truck', from: 'tuxpaint', file: 'vehicles/emergency/firetruck.png', stamp: true },
	{ out: 'garbage-truck', from: 'tuxpaint', file: 'vehicles/garbagetruck.png', stamp: true },
	{ out: 'bus', from: 'tuxpaint', file: 'vehicles/masstransit/green_korean_bus.png', stamp: true },
	{ out: 'race-car', from: 'tuxpaint', file: 'vehicles/race/indycar.png', stamp: true },
	{ out: 'sedan', from: 'tuxpaint', file: 'vehicles/auto/sedan.png', stamp: true },
	// --- buildings
	{
		out: 'taj-mahal',
		from: 'gcompris',
		file: 'categorization/resource/images/monuments/tajMahal.webp'
	},
	{
		out: 'colosseum',
		from: 'gcompris',
		file: 'categorization/resource/images/monuments/colosseum.webp'
	},
	{
		out: 'empire-state-building',
		from: 'gcompris',
		file: 'categorization/resource/images/monuments/empireState.webp'
	},
	{
		out: 'opera-house',
		from: 'gcompris',
		file: 'categorization/resource/images/monuments/operaHouse.webp'
	},
	{
		out: 'church',
		from: 'gcompris',
		file: 'categorization/resource/images/monuments/monument3.webp'
	},
	{
		out: 'palace',
		from: 'gcompris',
		file: 'categorization/resource/images/monuments/zimniPalace.webp'
	},
	{
		out: 'pagoda',
		from: 'sklearn',
		file: 'usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg',
		credit: {
			author: 'danielbuechele (Flickr)',
			licence: 'CC-BY-2.0',
			source: 'https://www.flickr.com/photos/danielbuechele/6061409035/'
		}
	},
	// --- tools
	{
		out: 'claw-hammer',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/hammer5.webp'
	},
	{ out: 'hammer', from: 'gcompris', file: 'categorization/resource/images/tools/hammer1.webp' },
	{
		out: 'hammer-on-table',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/hammer2.webp'
	},
	{
		out: 'tape-measure',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/measuringTape1.webp'
	},
	{
		out: 'tape-measure-open',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/measuringTape6.webp'
	},
	{
		out: 'scissors',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/scissors4.webp'
	},
	{
		out: 'scissors-open',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/scissors1.webp'
	},
	{
		out: 'screwdriver',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/screwDriver.webp',
		readmeName: 'screDriver.webp' // so spelt in its README
	},
	{
		out: 'two-screwdrivers',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/screwDriver3.webp'
	},
	{ out: 'wrench', from: 'gcompris', file: 'categorization/resource/images/tools/wrench.webp' },
	{
		out: 'wrench-on-wood',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/wrench1.webp'
	},
	{ out: 'pliers', from: 'gcompris', file: 'categorization/resource/images/tools/plier3.webp' },
	{ out: 'pliers-red', from: 'gcompris', file: 'categorization/resource/images/tools/plier1.webp' },
	{
		out: 'side-cutter',
		from: 'gcompris',
		file: 'categorization/resource/images/tools/sideCutter1.webp'
	},
	{ out: 'tweezers', from: 'gcompris', file: 'categorization/resource/images/tools/tweezer1.webp' }
];

// --- packages ----------------------------------------------------------------------------

function run(command, args, options = {}) {
	return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
}

/** Downloads and unpacks a package once; returns the directory it was unpacked into. */
async function unpacked(key) {
	const { name, version } = PACKAGES[key];
	const dir = join(cache, `${name}_${version}`);
	if (existsSync(join(dir, '.done'))) return dir;
	await mkdir(cache, { recursive: true });
	run('apt-get', ['download', `${name}=${version}`], { cwd: cache });
	const deb = (await readdir(cache)).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
	if (!deb) throw new Error(`apt-get download ${name}=${version} left no .deb in ${cache}`);
	await rm(dir, { recursive: true, force: true });
	run('dpkg-deb', ['-x', join(cache, deb), dir]);
	if (key === 'gcompris') await unpackGcompris(dir);
	await writeFile(join(dir, '.done'), '');
	return dir;
}

/**
 * GCompris keeps each activity's files in a Qt resource file. Format (rcc version 1–3): a
 * header, a tree of 14- or 22-byte nodes, names as UTF-16BE, data as length-prefixed blobs,
 * zlib-compressed when flag 1 is set (after a 4-byte uncompressed length).
 */
async function unpackGcompris(dir) {
	const rccDir = join(dir, 'usr/share/gcompris-qt/rcc');
	for (const file of await readdir(rccDir)) {
		if (!file.endsWith('.rcc')) continue;
		const b = await readFile(join(rccDir, file));
		if (b.toString('latin1', 0, 4) !== 'qres') throw new Error(`${file}: not a Qt resource file`);
		const [version, tree, data, names] = [4, 8, 12, 16].map((o) => b.readUInt32BE(o));
		const nodeSize = version >= 2 ? 22 : 14;
		const nameAt = (offset) => {
			const length = b.readUInt16BE(names + offset);
			// Copied first: swap16 works in place and a subarray shares b's memory.
			const utf16be = Buffer.from(b.subarray(names + offset + 6, names + offset + 6 + 2 * length));
			return utf16be.swap16().toString('utf16le');
		};
		const walk = async (index, prefix) => {
			const node = tree + index * nodeSize;
			const name = index === 0 ? '' : nameAt(b.readUInt32BE(node));
			const flags = b.readUInt16BE(node + 4);
			const path = join(prefix, name);
			if (flags & 2) {
				const [count, first] = [b.readUInt32BE(node + 6), b.readUInt32BE(node + 10)];
				for (let child = first; child < first + count; child++) await walk(child, path);
				return;
			}
			const at = data + b.readUInt32BE(node + 10);
			let blob = b.subarray(at + 4, at + 4 + b.readUInt32BE(at));
			if (flags & 1) blob = inflateSync(blob.subarray(4));
			else if (flags & 4) throw new Error(`${file}: zstd-compressed resources are not supported`);
			await mkdir(dirname(path), { recursive: true });
			await writeFile(path, blob);
		};
		await walk(0, join(dir, 'rcc'));
	}
}

/** Where a photo's original is, once its package is unpacked. */
async function originalPath(photo) {
	const dir = await unpacked(photo.from);
	if (photo.from === 'gcompris') return join(dir, 'rcc/gcompris/src/activities', photo.file);
	if (photo.from === 'tuxpaint') return join(dir, 'usr/share/tuxpaint/stamps', photo.file);
	return join(dir, photo.file);
}

/** Parses a GCompris README: blocks of Copyright/License/Source lines, then `Files:`. */
async function gcomprisCredit(file, name = file.split('/').pop()) {
	const text = await readFile(join(dirname(file), 'README'), 'utf8');
	for (const block of text.split(/\n\s*\n/)) {
		const field = (key) => block.match(new RegExp(`^${key}:[ \\t]*(.*)$`, 'mi'))?.[1]?.trim();
		const files = block.split(/^Files:/m)[1] ?? '';
		if (!files.split(/\s+/).includes(name)) continue;
		const author = field('Copyright');
		const licence = field('License');
		if (!author || !licence) break;
		return { author, licence, source: field('Source') ?? field('Comment') };
	}
	throw new Error(`${file}: no credit in its README`);
}

// --- photos ------------------------------------------------------------------------------

function size(file) {
	const [w, h] = run('identify', ['-format', '%w %h', `${file}[0]`])
		.toString()
		.split(' ')
		.map(Number);
	return { w, h };
}

/**
 * Writes WebP under MAX_BYTES: the highest quality down to 50 that fits, else the same again
 * 40 px smaller (busy textures such as grass compress badly). `args` end before the resize.
 */
async function writeWebp(args, out) {
	for (let side = LONG_SIDE; side >= 320; side -= 40) {
		for (let quality = 80; quality >= 50; quality -= 5) {
			run('convert', [
				...args,
				'-resize',
				`${side}x${side}>`,
				'-strip',
				'-quality',
				String(quality),
				'-define',
				'webp:method=6',
				out
			]);
			if ((await stat(out)).size <= MAX_BYTES) return quality;
		}
	}
	throw new Error(`${out}: over ${MAX_BYTES} bytes even at 320 px and quality 50`);
}

async function makePhoto(photo) {
	const src = await originalPath(photo);
	const out = join(images, 'photos', `${photo.out}.webp`);
	let args;
	if (photo.stamp) {
		// A cut-out on a plain canvas with a margin; small stamps are enlarged at most 1.5×.
		const { w, h } = size(src);
		const scale = Math.min(1.5, (LONG_SIDE * 0.84) / Math.max(w, h));
		const [sw, sh] = [Math.round(w * scale), Math.round(h * scale)];
		const cw = Math.min(LONG_SIDE, Math.round(Math.max(sw / 0.84, (sh / 0.84) * (4 / 3))));
		const ch = Math.min(LONG_SIDE, Math.round(Math.max(sh / 0.84, (cw * 3) / 4)));
		args = [
			'-size',
			`${cw}x${ch}`,
			`xc:${STAMP_BACKGROUND}`,
			'(',
			`${src}[0]`,
			'-resize',
			`${sw}x${sh}!`,
			')',
			'-gravity',
			'center',
			'-composite'
		];
	} else {
		args = [`${src}[0]`];
		if (photo.crop) {
			const { w, h } = size(src);
			const [x, y, cw, ch] = photo.crop.map((p, i) => Math.round((p / 100) * (i % 2 ? h : w)));
			args.push('-crop', `${cw}x${ch}+${x}+${y}`, '+repage');
		}
	}
	const quality = await writeWebp(args, out);
	const credit =
		photo.credit ??
		(photo.from === 'gcompris'
			? await gcomprisCredit(src, photo.readmeName)
			: photo.from === 'tuxpaint'
				? TUXPAINT_CREDIT
				: null);
	if (!credit) throw new Error(`${photo.out}: no credit`);
	return { photo, credit, quality, bytes: (await stat(out)).size, ...size(out) };
}

function creditsMarkdown(made) {
	const pkg = (key) => `${PACKAGES[key].name} ${PACKAGES[key].version}`;
	const where = (photo) =>
		photo.from === 'gcompris'
			? `\`${photo.file}\` in the package's Qt resources`
			: photo.from === 'tuxpaint'
				? `\`usr/share/tuxpaint/stamps/${photo.file}\``
				: `\`${photo.file}\``;
	const rows = made.map(({ photo, credit }) => {
		const change = photo.stamp
			? 'cut-out put on a plain background, resized'
			: photo.crop
				? 'cropped, resized'
				: 'resized';
		const source = credit.source ? ` ([original](<${credit.source}>))` : '';
		return `| \`photos/${photo.out}.webp\` | ${pkg(photo.from)}: ${where(photo)} | ${credit.author}${source} | ${credit.licence} | ${change} |`;
	});
	return `# Image credits

Made by \`scripts/make-task-images.js\`; do not edit by hand.

## Photos (\`photos/\`)

Real photographs taken from Debian packages, converted to WebP. The author and licence are the
ones the package records for each file (GCompris: the README beside each image; Tux Paint
stamps: debian/copyright; scikit-image: the docstring of the image's loader; scikit-learn:
\`sklearn/datasets/images/README.txt\`; ViSP: debian/copyright). Adaptations are noted per file;
CC-BY-SA and GPL images stay under their licence.

| file | from (Debian package: original file) | author | licence | changes |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## Signs (\`signs/\`)

Drawn for Ilgam by \`scripts/make-task-images.js\` (HTML rendered with Chromium); no third-party
material except the typeface, Noto Sans CJK KR (SIL Open Font License 1.1, Debian package
fonts-noto-cjk).
`;
}

// --- signs -------------------------------------------------------------------------------

/**
 * @typedef {'prohibition' | 'mandatory' | 'warning' | 'exit' | 'fire' | 'info' | 'shop' | 'door'
 *   | 'plate' | 'notice' | 'road' | 'school' | 'subway' | 'pharmacy' | 'bin' | 'sticker'} SignStyle
 * @typedef {{ id: string, style: SignStyle, lines: string[] }} Sign
 * The transcription gold of a sign is its lines joined with a space.
 */

/** @type {Sign[]} */
export const SIGNS = [
	{ id: 'no-entry', style: 'prohibition', lines: ['출입금지'] },
	{ id: 'staff-only', style: 'prohibition', lines: ['관계자 외', '출입금지'] },
	{ id: 'no-smoking', style: 'prohibition', lines: ['금연 구역'] },
	{ id: 'no-parking', style: 'prohibition', lines: ['주차 금지'] },
	{ id: 'hard-hat', style: 'mandatory', lines: ['안전모 착용'] },
	{ id: 'safety-glasses', style: 'mandatory', lines: ['보안경 착용'] },
	{ id: 'safety-shoes', style: 'mandatory', lines: ['안전화를 신으세요'] },
	{ id: 'gloves', style: 'mandatory', lines: ['장갑을 끼고', '작업하세요'] },
	{ id: 'high-voltage', style: 'warning', lines: ['위험', '고압 전기'] },
	{ id: 'slippery', style: 'warning', lines: ['미끄럼 주의'] },
	{ id: 'forklift', style: 'warning', lines: ['지게차 통행 주의'] },
	{ id: 'fall-danger', style: 'warning', lines: ['추락 위험'] },
	{ id: 'hot-surface', style: 'warning', lines: ['고온 주의'] },
	{ id: 'emergency-exit', style: 'exit', lines: ['비상구'] },
	{ id: 'first-aid-kit', style: 'exit', lines: ['구급상자'] },
	{ id: 'fire-extinguisher', style: 'fire', lines: ['소화기'] },
	{ id: 'restroom-floor', style: 'info', lines: ['화장실은', '2층에 있습니다'] },
	{ id: 'opening-hours', style: 'shop', lines: ['영업시간', '09:00-18:00'] },
	{ id: 'closed-today', style: 'shop', lines: ['오늘은 쉽니다'] },
	{ id: 'pull', style: 'door', lines: ['당기세요'] },
	{ id: 'push', style: 'door', lines: ['미세요'] },
	{ id: 'office', style: 'plate', lines: ['사무실'] },
	{ id: 'lights-out', style: 'notice', lines: ['밤 11시 소등'] },
	{ id: 'elevator-check', style: 'notice', lines: ['엘리베이터', '점검 중'] },
	{ id: 'out-of-order', style: 'notice', lines: ['고장', '사용하지 마세요'] },
	{ id: 'shoes-off', style: 'notice', lines: ['신발을 벗어 주세요'] },
	{ id: 'queue-ticket', style: 'info', lines: ['번호표를', '뽑아 주세요'] },
	{ id: 'bus-stop', style: 'road', lines: ['버스 정류장'] },
	{ id: 'school-zone', style: 'school', lines: ['어린이 보호구역'] },
	{ id: 'subway-exit', style: 'subway', lines: ['1번 출구'] },
	{ id: 'pharmacy', style: 'pharmacy', lines: ['약국'] },
	{ id: 'food-waste', style: 'bin', lines: ['음식물 쓰레기'] },
	{ id: 'plastic-only', style: 'bin', lines: ['플라스틱만', '버리세요'] },
	{ id: 'use-by-date', style: 'sticker', lines: ['소비기한', '2025.03.15'] },
	{ id: 'registration-counter', style: 'plate', lines: ['외국인 등록', '3번 창구'] },
	{ id: 'elevator-capacity', style: 'plate', lines: ['정원 15명'] }
];

const ICONS = {
	prohibition:
		'<svg viewBox="0 0 100 100" width="110" height="110"><circle cx="50" cy="50" r="42" fill="#fff" stroke="#d71920" stroke-width="12"/><line x1="21" y1="21" x2="79" y2="79" stroke="#d71920" stroke-width="12"/></svg>',
	mandatory:
		'<svg viewBox="0 0 100 100" width="110" height="110"><circle cx="50" cy="50" r="48" fill="#0d5eaf"/><rect x="44" y="20" width="12" height="40" rx="4" fill="#fff"/><circle cx="50" cy="74" r="7" fill="#fff"/></svg>',
	helmet:
		'<svg viewBox="0 0 100 100" width="110" height="110"><circle cx="50" cy="50" r="48" fill="#0d5eaf"/><path d="M24 60 Q24 30 50 28 Q76 30 76 60 Z" fill="#fff"/><rect x="18" y="58" width="64" height="9" rx="3" fill="#fff"/></svg>',
	warning:
		'<svg viewBox="0 0 100 90" width="118" height="106"><path d="M50 6 L95 84 H5 Z" fill="#ffd200" stroke="#111" stroke-width="8" stroke-linejoin="round"/><rect x="45" y="32" width="10" height="28" rx="3" fill="#111"/><circle cx="50" cy="70" r="6" fill="#111"/></svg>',
	exit: '<svg viewBox="0 0 100 100" width="100" height="100"><rect x="8" y="8" width="84" height="84" rx="8" fill="none" stroke="#fff" stroke-width="7"/><path d="M30 50 H70 M56 34 L72 50 L56 66" stroke="#fff" stroke-width="9" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
	pharmacy:
		'<svg viewBox="0 0 100 100" width="96" height="96"><path d="M36 8 H64 V36 H92 V64 H64 V92 H36 V64 H8 V36 H36 Z" fill="#fff"/></svg>',
	bus: '<svg viewBox="0 0 100 100" width="96" height="96"><rect x="18" y="10" width="64" height="70" rx="12" fill="#fff"/><rect x="26" y="22" width="48" height="26" rx="4" fill="#1565c0"/><circle cx="32" cy="66" r="6" fill="#1565c0"/><circle cx="68" cy="66" r="6" fill="#1565c0"/><rect x="24" y="80" width="12" height="12" rx="3" fill="#fff"/><rect x="64" y="80" width="12" height="12" rx="3" fill="#fff"/></svg>'
};

/** @param {Sign} sign */
function signHtml(sign) {
	const text = sign.lines.map((line) => `<div class="line">${line}</div>`).join('');
	const layouts = {
		prohibition: `<div class="sign prohibition">${ICONS.prohibition}<div class="text">${text}</div></div>`,
		mandatory: `<div class="sign mandatory">${sign.id === 'hard-hat' ? ICONS.helmet : ICONS.mandatory}<div class="text">${text}</div></div>`,
		warning: `<div class="sign warning">${ICONS.warning}<div class="text">${text}</div></div>`,
		exit: `<div class="sign exit">${ICONS.exit}<div class="text">${text}</div></div>`,
		fire: `<div class="sign fire"><div class="text">${text}</div></div>`,
		info: `<div class="sign info"><div class="text">${text}</div></div>`,
		shop: `<div class="sign shop"><div class="text">${text}</div></div>`,
		door: `<div class="sign door"><div class="text">${text}</div></div>`,
		plate: `<div class="sign plate"><div class="text">${text}</div></div>`,
		notice: `<div class="sign notice"><div class="text">${text}</div></div>`,
		road: `<div class="sign road">${ICONS.bus}<div class="text">${text}</div></div>`,
		school: `<div class="sign school"><div class="text">${text}</div></div>`,
		subway: `<div class="sign subway"><div class="num">${sign.lines[0]?.match(/^\d+/)?.[0] ?? ''}</div><div class="text">${text}</div></div>`,
		pharmacy: `<div class="sign pharmacy">${ICONS.pharmacy}<div class="text">${text}</div></div>`,
		bin: `<div class="sign bin"><div class="text">${text}</div></div>`,
		sticker: `<div class="sign sticker"><div class="text">${text}</div><div class="barcode"></div></div>`
	};
	// The subway sign shows its number in a box of its own, so the text keeps only the rest.
	const body =
		sign.style === 'subway'
			? layouts.subway.replace(
					`<div class="line">${sign.lines[0]}</div>`,
					`<div class="line">${sign.lines[0]?.replace(/^\d+/, '')}</div>`
				)
			: layouts[sign.style];
	return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><style>
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; }
body { font-family: 'Noto Sans CJK KR', 'Noto Sans KR', sans-serif; font-weight: 700; }
#sign { display: inline-block; padding: 26px; background: linear-gradient(160deg, #d9d6cf, #c9c5bc); }
.sign { display: flex; align-items: center; gap: 22px; padding: 22px 30px; min-width: 300px;
  border-radius: 10px; box-shadow: 0 3px 8px rgba(0,0,0,.35); line-height: 1.2; }
.sign svg, .num { flex-shrink: 0; }
.text { display: flex; flex-direction: column; gap: 4px; }
.line { font-size: 46px; letter-spacing: 1px; white-space: nowrap; }
.prohibition { background: #fff; border: 8px solid #d71920; color: #d71920; }
.mandatory { background: #fff; border: 8px solid #0d5eaf; color: #0d5eaf; }
.warning { background: #ffd200; border: 8px solid #111; color: #111; }
.exit { background: #0a8f3c; color: #fff; }
.fire { background: #d71920; color: #fff; padding: 20px 56px; }
.fire .line { font-size: 60px; letter-spacing: 8px; }
.info { background: #1d3557; color: #fff; }
.info .line { font-size: 40px; }
.shop { background: #222; color: #f5e6c8; border: 4px solid #b89b5e; }
.shop .line:last-child { font-family: 'DejaVu Sans Mono', monospace; font-size: 42px; }
.door { background: #fff; color: #222; border-radius: 60px; border: 5px solid #888; padding: 18px 54px; }
.plate { background: linear-gradient(#f4f4f4, #d6d6d6); color: #333; border: 3px solid #999; border-radius: 4px; }
.plate .line { font-size: 42px; }
.notice { flex-direction: column; align-items: stretch; background: #fffef8; color: #222; border-radius: 2px; border-top: 16px solid #e63946; padding: 18px 30px 26px; }
.notice .line { font-size: 42px; }
.road { background: #1565c0; color: #fff; border: 5px solid #fff; outline: 3px solid #1565c0; }
.school { background: #ffd200; color: #c62828; border: 10px solid #c62828; padding: 24px 34px; }
.school .line { font-size: 48px; }
.subway { background: #262626; color: #fff; gap: 14px; }
.subway .num { background: #ffd200; color: #111; font-size: 52px; width: 74px; height: 74px; border-radius: 8px; display: flex; align-items: center; justify-content: center; }
.pharmacy { background: #0a8f3c; color: #fff; padding: 22px 44px; }
.pharmacy .line { font-size: 64px; letter-spacing: 10px; }
.bin { background: #2e7d32; color: #fff; border-radius: 4px; }
.sign.bin:has(.line + .line) { background: #1565c0; }
.sticker { flex-direction: column; align-items: flex-start; background: #fff; color: #111; border: 2px solid #111; border-radius: 4px; gap: 10px; }
.sticker .line { font-size: 40px; }
.sticker .barcode { width: 300px; height: 48px; background: repeating-linear-gradient(90deg, #111 0 3px, #fff 3px 5px, #111 5px 6px, #fff 6px 10px, #111 10px 14px, #fff 14px 16px); }
</style></head><body><div id="sign">${body}</div></body></html>`;
}

async function makeSigns() {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--font-render-hinting=none']
	});
	const page = await browser.newPage({ deviceScaleFactor: 1 });
	const png = join(cache, 'sign.png');
	await mkdir(cache, { recursive: true });
	for (const sign of SIGNS) {
		await page.setContent(signHtml(sign));
		await page.evaluate(() => document.fonts.ready);
		await page.locator('#sign').screenshot({ path: png, omitBackground: false });
		await writeWebp([png], join(images, 'signs', `${sign.id}.webp`));
	}
	await browser.close();
	return SIGNS.length;
}

// --- main --------------------------------------------------------------------------------

async function main(only) {
	// Start from empty folders so that an image dropped from the lists does not linger.
	for (const dir of ['photos', 'signs']) {
		if (only && only !== dir) continue;
		await rm(join(images, dir), { recursive: true, force: true });
		await mkdir(join(images, dir), { recursive: true });
	}
	if (!only || only === 'photos') {
		const made = [];
		for (const photo of PHOTOS) made.push(await makePhoto(photo));
		await writeFile(join(images, 'CREDITS.md'), creditsMarkdown(made));
		const bytes = made.map((m) => m.bytes);
		const mean = Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length);
		console.log(`${made.length} photos, max ${Math.max(...bytes)} B, mean ${mean} B`);
	}
	if (!only || only === 'signs') console.log(`${await makeSigns()} signs`);
}

// Run only as a script, so that SIGNS can be imported (e.g. to print the transcription gold).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await main(process.argv[2]);
}
