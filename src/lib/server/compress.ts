/**
 * Gzip for the API's JSON. adapter-node sends bodies as they are, and the packs are text that
 * shrinks about 3×: the lessons pack, with every word's gloss in 16 languages, is 1.5 MB as
 * JSON and 0.46 MB gzipped, which matters on a prepaid data plan. Small answers and anything
 * not JSON (pictures are already compressed) go out unchanged.
 */
const MIN_BYTES = 1024;

export function gzipJson(request: Request, response: Response): Response {
	if (request.method === 'HEAD' || !response.body) return response;
	if (response.headers.has('content-encoding')) return response;
	if (!response.headers.get('content-type')?.includes('application/json')) return response;
	if (!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return response;
	const length = Number(response.headers.get('content-length'));
	if (response.headers.has('content-length') && length < MIN_BYTES) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
