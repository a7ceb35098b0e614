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

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (event: RequestEvent) => Response | Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

interface Route {
	id: string;
	pattern: RegExp;
	/** Loaded on first use, so a test file loads only the routes (and their imports) it calls. */
	load: () => Promise<unknown>;
}

/** Every API route of src/routes/api, in the order SvelteKit would match them. */
export const routes: Route[] = [
	{
		id: '/api/session',
		pattern: /^\/api\/session$/,
		load: () => import('../../src/routes/api/session/+server')
	},
	{
		id: '/api/sync',
		pattern: /^\/api\/sync$/,
		load: () => import('../../src/routes/api/sync/+server')
	},
	{
		id: '/api/packs',
		pattern: /^\/api\/packs$/,
		load: () => import('../../src/routes/api/packs/+server')
	},
	{
		id: '/api/packs/lessons',
		pattern: /^\/api\/packs\/lessons$/,
		load: () => import('../../src/routes/api/packs/lessons/+server')
	},
	{
		id: '/api/packs/projects/[id]',
		pattern: /^\/api\/packs\/projects\/(?<id>[^/]+)$/,
		load: () => import('../../src/routes/api/packs/projects/[id]/+server')
	},
	{
		id: '/api/projects/[id]/lease',
		pattern: /^\/api\/projects\/(?<id>[^/]+)\/lease$/,
		load: () => import('../../src/routes/api/projects/[id]/lease/+server')
	},
	{
		id: '/api/projects/[id]/status',
		pattern: /^\/api\/projects\/(?<id>[^/]+)\/status$/,
		load: () => import('../../src/routes/api/projects/[id]/status/+server')
	},
	{
		id: '/api/auth/join',
		pattern: /^\/api\/auth\/join$/,
		load: () => import('../../src/routes/api/auth/join/+server')
	},
	{
		id: '/api/auth/login',
		pattern: /^\/api\/auth\/login$/,
		load: () => import('../../src/routes/api/auth/login/+server')
	},
	{
		id: '/api/auth/logout',
		pattern: /^\/api\/auth\/logout$/,
		load: () => import('../../src/routes/api/auth/logout/+server')
	},
	{
		id: '/api/certificate',
		pattern: /^\/api\/certificate$/,
		load: () => import('../../src/routes/api/certificate/+server')
	},
	{
		id: '/api/console/projects/[id]/tasks',
		pattern: /^\/api\/console\/projects\/(?<id>[^/]+)\/tasks$/,
		load: () => import('../../src/routes/api/console/projects/[id]/tasks/+server')
	},
	{
		id: '/api/console/projects/[id]/export',
		pattern: /^\/api\/console\/projects\/(?<id>[^/]+)\/export$/,
		load: () => import('../../src/routes/api/console/projects/[id]/export/+server')
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

export interface ClientOptions {
	/**
	 * What `event.getClientAddress()` answers. Each client gets its own address unless told,
	 * as two phones on two networks would: the per-address rate limits of login and join then
	 * count one client's attempts, not the whole test file's.
	 */
	address?: string;
}

let clientCount = 0;

/** A distinct address in 10.0.0.0/8 for each new client. */
function nextAddress(): string {
	const n = ++clientCount;
	return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export interface TestClient {
	readonly cookies: CookieJar;
	/** The client address the server sees. */
	readonly address: string;
	/** POST: `body` is JSON-encoded with `content-type: application/json` unless `rawBody` is given. */
	post(path: string, body?: unknown, init?: RequestInitLite): Promise<Response>;
	get(path: string, init?: RequestInitLite): Promise<Response>;
	delete(path: string, init?: RequestInitLite): Promise<Response>;
	request(method: Method, path: string, init?: RequestInitLite): Promise<Response>;
	/** The session token in the jar, if any. */
	sessionToken(): string | undefined;
}

export function client(db: Db, origin = ORIGIN, options: ClientOptions = {}): TestClient {
	const cookies = new CookieJar();
	const address = options.address ?? nextAddress();

	async function request(method: Method, path: string, init: RequestInitLite = {}) {
		const url = new URL(path, origin);
		const match = routes
			.map((route) => ({ route, found: route.pattern.exec(url.pathname) }))
			.find(({ found }) => found !== null);
		if (!match?.found) throw new Error(`test client: no route for ${url.pathname}`);
		const module = (await match.route.load()) as RouteModule;
		const handler = module[method];
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
			getClientAddress: () => address,
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
		address,
		request,
		get: (path, init) => request('GET', path, init),
		delete: (path, init) => request('DELETE', path, init),
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
