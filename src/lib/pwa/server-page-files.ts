/**
 * The client files only server-rendered pages load (the coordinator's console, certificates):
 * a phone never opens them offline, so the service worker does not precache them. Read from
 * Vite's client manifest after the client build: the files reachable from those pages' route
 * nodes and from no other entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Chunk {
	file: string;
	src?: string;
	isEntry?: boolean;
	isDynamicEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
}

const SERVER_PAGES = /src\/routes\/(console|certificates)\//;

export function serverPageFiles(outputDir = '.svelte-kit/output/client'): Set<string> {
	const path = join(outputDir, '.vite', 'manifest.json');
	if (!existsSync(path)) return new Set();
	const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Chunk>;
	const reach = (key: string, seen: Set<string>, followDynamic = true) => {
		const chunk = manifest[key];
		if (!chunk || seen.has(key)) return;
		seen.add(key);
		for (const next of chunk.imports ?? []) reach(next, seen);
		if (followDynamic) for (const next of chunk.dynamicImports ?? []) reach(next, seen);
	};
	const server = new Set<string>();
	const others = new Set<string>();
	for (const [key, chunk] of Object.entries(manifest)) {
		if (!chunk.isEntry && !chunk.isDynamicEntry) continue;
		// The app's entry imports every route node lazily; only its own imports count.
		if (key.endsWith('client-optimized/app.js')) {
			reach(key, others, false);
			continue;
		}
		const node = existsSync(key) ? readFileSync(key, 'utf8') : '';
		reach(key, SERVER_PAGES.test(node) ? server : others);
	}
	const files = new Set<string>();
	for (const key of server) {
		if (others.has(key)) continue;
		const chunk = manifest[key] as Chunk;
		files.add(chunk.file);
		for (const css of chunk.css ?? []) files.add(css);
	}
	return files;
}
