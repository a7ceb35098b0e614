import { describe, expect, it } from 'vitest';
import { gzipJson } from '$lib/server/compress';

const big = JSON.stringify({ words: Array.from({ length: 500 }, (_, i) => ({ id: `w${i}` })) });

function json(body: string, headers: Record<string, string> = {}) {
	return new Response(body, {
		status: 200,
		headers: {
			'content-type': 'application/json',
			'content-length': String(new TextEncoder().encode(body).length),
			etag: 'W/"v1"',
			...headers
		}
	});
}

const get = (encoding = 'gzip, deflate, br', method = 'GET') =>
	new Request('http://x/api/packs/lessons', {
		method,
		headers: { 'accept-encoding': encoding }
	});

async function gunzip(response: Response): Promise<string> {
	const stream = response.body!.pipeThrough(new DecompressionStream('gzip'));
	return new Response(stream).text();
}

describe('gzipJson', () => {
	it('gzips a large JSON answer for a client that accepts gzip, keeping its headers', async () => {
		const response = gzipJson(get(), json(big));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		expect(response.headers.get('etag')).toBe('W/"v1"');
		const raw = new Uint8Array(await response.clone().arrayBuffer());
		expect(raw.length).toBeLessThan(big.length / 3);
		expect(await gunzip(response)).toBe(big);
	});

	it('leaves small answers, other types, HEAD and clients without gzip alone', () => {
		const small = json('{"ok":true}');
		expect(gzipJson(get(), small)).toBe(small);
		const image = new Response('x'.repeat(5000), { headers: { 'content-type': 'image/webp' } });
		expect(gzipJson(get(), image)).toBe(image);
		const plain = json(big);
		expect(gzipJson(get('identity'), plain)).toBe(plain);
		const head = json(big);
		expect(gzipJson(get('gzip', 'HEAD'), head)).toBe(head);
		const notModified = new Response(null, { status: 304 });
		expect(gzipJson(get(), notModified)).toBe(notModified);
	});
});
