/**
 * Calls the real `+server.ts` handlers with a RequestEvent built the way SvelteKit builds one,
 * against a test database. `locals.user` is resolved from the session cookie exactly as
 * src/hooks.server.ts does (the hook itself opens the process-wide database from the
 * environment, so it is not used here).
 *
 * Each `client()` keeps its own cookie jar, so two clients are two devices / two learners.
 * Cookies the handler sets are also added to the returned Response as `Set-Cookie` headers, as
 * the SvelteKit runtime does.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import * as sessions from '$lib/server/sessions';
import * as packsRoute from '../../src/routes/api/packs/+server';
import * as lessonsRoute from '../../src/routes/api/packs/lessons/+server';
import * as projectRoute from '../../src/routes/api/packs/projects/[id]/+server';
import * as leaseRoute from '../../src/routes/api/projects/[id]/lease/+server';
import * as statusRoute from '../../src/routes/api/projects/[id]/status/+server';
import * as sessionRoute from '../../src/routes/api/session/+server';
import * as syncRoute from '../../src/routes/api/sync/+server';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (event: RequestEvent) => Response | Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

interface Route {
	id: string;
	pattern: RegExp;
	module: RouteModule;
}

const routes: Route[] = [
	{
		id: '/api/session',
		pattern: /^\/api\/session$/,
		module: sessionRoute as unknown as RouteModule
	},
	{ id: '/api/sync', pattern: /^\/api\/sync$/, module: syncRoute as unknown as RouteModule },
	{ id: '/api/packs', pattern: /^\/api\/packs$/, module: packsRoute as unknown as RouteModule },
	{
		id: '/api/packs/lessons',
		pattern: /^\/api\/packs\/lessons$/,
		module: lessonsRoute as unknown as RouteModule
	},
	{
		id: '/api/packs/projects/[id]',
		pattern: /^\/api\/packs\/projects\/(?<id>[^/]+)$/,
		module: projectRoute as unknown as RouteModule
	},
	{
		id: '/api/projects/[id]/lease',
		pattern: /^\/api\/projects\/(?<id>[^/]+)\/lease$/,
		module: leaseRoute as unknown as RouteModule
	},
	{
		id: '/api/projects/[id]/status',
		pattern: /^\/api\/projects\/(?<id>[^/]+)\/status$/,
		module: statusRoute as unknown as RouteModule
	}
];

export const ORIGIN = 'https://ilgam.test';

type CookieOptions = Parameters<Cookies['set']>[2];

export interface StoredCookie {
	name: string;
	value: string;
	options: CookieOptions;
}

/** A cookie jar with SvelteKit's `Cookies` interface (one path, one host: enough here). */
export class CookieJar implements Cookies {
	readonly #cookies = new Map<string, StoredCookie>();
	/** Cookies set or deleted during the current request, in order. */
	changes: StoredCookie[] = [];

	get(name: string): string | undefined {
		return this.#cookies.get(name)?.value;
	}

	getAll(): { name: string; value: string }[] {
		return [...this.#cookies.values()].map(({ name, value }) => ({ name, value }));
	}

	set(name: string, value: string, options: CookieOptions): void {
		const cookie = { name, value, options };
		const expired = options.expires !== undefined && options.expires.getTime() <= Date.now();
		if (expired || options.maxAge === 0) this.#cookies.delete(name);
		else this.#cookies.set(name, cookie);
		this.changes.push(cookie);
	}

	delete(name: string, options: CookieOptions): void {
		this.set(name, '', { ...options, maxAge: 0, expires: new Date(0) });
	}

	serialize(name: string, value: string, options: CookieOptions): string {
		return serializeCookie(name, value, options);
	}

	/** Replaces the whole jar's value of one cookie (e.g. to play a stolen or bogus token). */
	put(name: string, value: string): void {
		this.#cookies.set(name, { name, value, options: { path: '/' } });
	}

	clear(): void {
		this.#cookies.clear();
	}
}

function serializeCookie(name: string, value: string, options: CookieOptions): string {
	const parts = [`${name}=${encodeURIComponent(value)}`];
	if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
	if (options.domain) parts.push(`Domain=${options.domain}`);
	if (options.path) parts.push(`Path=${options.path}`);
	if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
	if (options.httpOnly) parts.push('HttpOnly');
	if (options.secure) parts.push('Secure');
	if (options.partitioned) parts.push('Partitioned');
	if (options.sameSite) {
		const same = options.sameSite === true ? 'strict' : String(options.sameSite);
		parts.push(`SameSite=${same[0]!.toUpperCase()}${same.slice(1).toLowerCase()}`);
	}
	return parts.join('; ');
}

export interface RequestInitLite {
	headers?: Record<string, string>;
	/** Sent as is (no JSON encoding, no default content type). */
	rawBody?: BodyInit;
}

export interface TestClient {
	readonly cookies: CookieJar;
	/** POST: `body` is JSON-encoded with `content-type: application/json` unless `rawBody` is given. */
	post(path: string, body?: unknown, init?: RequestInitLite): Promise<Response>;
	get(path: string, init?: RequestInitLite): Promise<Response>;
	request(method: Method, path: string, init?: RequestInitLite): Promise<Response>;
	/** The session token in the jar, if any. */
	sessionToken(): string | undefined;
}

export function client(db: Db, origin = ORIGIN): TestClient {
	const cookies = new CookieJar();

	async function request(method: Method, path: string, init: RequestInitLite = {}) {
		const url = new URL(path, origin);
		const match = routes
			.map((route) => ({ route, found: route.pattern.exec(url.pathname) }))
			.find(({ found }) => found !== null);
		if (!match?.found) throw new Error(`test client: no route for ${url.pathname}`);
		const handler = match.route.module[method];
		if (!handler) throw new Error(`test client: ${match.route.id} has no ${method}`);

		const headers = new Headers(init.headers);
		const jar = cookies.getAll();
		if (jar.length > 0) {
			headers.set('cookie', jar.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; '));
		}
		const body = init.rawBody;
		const request = new Request(url, {
			method,
			headers,
			body,
			// Node needs this to send a ReadableStream body.
			...(body instanceof ReadableStream ? { duplex: 'half' } : {})
		} as RequestInit);

		// As hooks.server.ts `handle` does.
		const token = cookies.get(sessions.SESSION_COOKIE);
		const user = token ? await sessions.read(db, token) : null;

		const params: Record<string, string> = {};
		for (const [key, value] of Object.entries(match.found.groups ?? {})) {
			params[key] = decodeURIComponent(value);
		}
		const setHeaders: Record<string, string> = {};
		cookies.changes = [];
		const event = {
			request,
			url,
			params,
			locals: { db, user },
			cookies,
			fetch: () => {
				throw new Error('test client: event.fetch is not supported');
			},
			getClientAddress: () => '127.0.0.1',
			platform: undefined,
			route: { id: match.route.id },
			setHeaders(more: Record<string, string>) {
				Object.assign(setHeaders, more);
			},
			isDataRequest: false,
			isSubRequest: false,
			isRemoteRequest: false,
			tracing: { enabled: false, root: undefined, current: undefined }
		} as unknown as RequestEvent;

		const response = await handler(event);
		for (const [name, value] of Object.entries(setHeaders)) response.headers.set(name, value);
		for (const { name, value, options } of cookies.changes) {
			response.headers.append('set-cookie', serializeCookie(name, value, options));
		}
		return response;
	}

	return {
		cookies,
		request,
		get: (path, init) => request('GET', path, init),
		post(path, body, init = {}) {
			if (init.rawBody !== undefined || body === undefined) return request('POST', path, init);
			return request('POST', path, {
				...init,
				headers: { 'content-type': 'application/json', ...init.headers },
				rawBody: JSON.stringify(body)
			});
		},
		sessionToken: () => cookies.get(sessions.SESSION_COOKIE)
	};
}
