/**
 * The server's one error path for the JSON API: handlers throw `ApiFailure`, `endpoint()` turns
 * it (and anything unexpected) into `{ error: { code, message } }` without leaking internals.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import type { ApiError } from '$lib/api/errors';
import { describeIssues } from '$lib/api/events';
import { nulPath } from '$lib/api/nul';

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export function errorResponse(
	status: number,
	code: string,
	message: string,
	headers: Record<string, string> = {}
): Response {
	const body: ApiError = { error: { code, message } };
	return json(body, { status, headers });
}

export function endpoint<E extends RequestEvent>(
	handler: (event: E) => Promise<Response> | Response
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (err) {
			if (err instanceof ApiFailure)
				return errorResponse(err.status, err.code, err.message, err.headers);
			console.error(`${event.request.method} ${event.url.pathname} failed`, err);
			return errorResponse(500, 'internal', 'Something went wrong on the server. Try again later.');
		}
	};
}

/**
 * Reads a JSON body: checks the content type, stops reading past `maxBytes` (the
 * Content-Length header can lie or be absent), parses, and validates with `schema`.
 */
export async function readJson<S extends v.GenericSchema>(
	request: Request,
	schema: S,
	maxBytes: number,
	/** 'per-item': the caller refuses items with U+0000 one by one (see $lib/api/nul). */
	nul: 'refuse' | 'per-item' = 'refuse'
): Promise<v.InferOutput<S>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) {
		throw new ApiFailure(415, 'unsupported_media_type', 'Send the body as application/json.');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) throw tooLarge(maxBytes);
	const text = await readLimited(request, maxBytes);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new ApiFailure(400, 'malformed_json', 'The body is not valid JSON.');
	}
	const found = nul === 'refuse' ? nulPath(data) : null;
	if (found) throw new ApiFailure(400, 'invalid_request', `${found}: must not contain U+0000`);
	const parsed = v.safeParse(schema, data);
	if (!parsed.success) {
		throw new ApiFailure(400, 'invalid_request', describeIssues(parsed.issues));
	}
	return parsed.output;
}

export function parseQuery<S extends v.GenericSchema>(url: URL, schema: S): v.InferOutput<S> {
	const query = Object.fromEntries(url.searchParams);
	const nul = nulPath(query, 'query');
	if (nul) throw new ApiFailure(400, 'invalid_query', `${nul}: must not contain U+0000`);
	const parsed = v.safeParse(schema, query);
	if (!parsed.success) throw new ApiFailure(400, 'invalid_query', describeIssues(parsed.issues));
	return parsed.output;
}

function tooLarge(maxBytes: number) {
	return new ApiFailure(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes.`);
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw tooLarge(maxBytes);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}
