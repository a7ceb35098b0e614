/**
 * Small builders for unit tests: learner events, outbox items, a fresh fake IndexedDB, and an
 * in-memory fake of the sync API (`fakeServer`) that is a real `fetch`-compatible function.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as v from 'valibot';
import { describeIssues, LearnerEvent, type EventOf, type EventType } from '$lib/api/events';
import {
	MAX_PULL_LIMIT,
	PullQuery,
	PushRequest,
	type EventResult,
	type PulledEvent,
	type PullResponse
} from '$lib/api/sync';
import { openLocalDb, type LocalDb, type OutboxItem } from '$lib/offline/db';

// ---------------------------------------------------------------------------------------------
// Events

export type EventOverrides<T extends EventType> = Partial<Omit<EventOf<T>, 'payload' | 'type'>> & {
	payload?: Partial<EventOf<T>['payload']>;
};

let clock = Date.parse('2025-03-01T09:00:00.000Z');

/** A strictly increasing ISO timestamp, so events built in a row are in order. */
export function nextTimestamp(stepMs = 1_000): string {
	clock += stepMs;
	return new Date(clock).toISOString();
}

function build<T extends EventType>(
	type: T,
	payload: EventOf<T>['payload'],
	overrides: EventOverrides<T>
): EventOf<T> {
	const { payload: payloadOverrides, ...envelope } = overrides;
	return {
		id: crypto.randomUUID(),
		createdAt: nextTimestamp(),
		type,
		...envelope,
		payload: { ...payload, ...payloadOverrides }
	} as unknown as EventOf<T>;
}

export function reviewEvent(overrides: EventOverrides<'review'> = {}): EventOf<'review'> {
	return build(
		'review',
		{ wordId: 'word-1', correct: true, rating: 3, exercise: 'meaning_choice', durationMs: 2_500 },
		overrides
	);
}

/** Takes back `target` (a review); without one, a random review of word-1. */
export function undoEvent(
	target?: EventOf<'review'>,
	overrides: EventOverrides<'undo'> = {}
): EventOf<'undo'> {
	const payload = target
		? { eventId: target.id, wordId: target.payload.wordId }
		: { eventId: crypto.randomUUID(), wordId: 'word-1' };
	return build('undo', payload, overrides);
}

export function lessonDoneEvent(
	overrides: EventOverrides<'lesson_done'> = {}
): EventOf<'lesson_done'> {
	return build(
		'lesson_done',
		{ lessonId: 'first-words-1', correct: 8, total: 10, durationMs: 180_000 },
		overrides
	);
}

export function annotationEvent(
	overrides: EventOverrides<'annotation'> = {}
): EventOf<'annotation'> {
	return build(
		'annotation',
		{ projectId: 'project-1', taskId: 'task-1', answer: { labels: ['cat'] }, durationMs: 4_000 },
		overrides
	);
}

export function skipEvent(overrides: EventOverrides<'skip'> = {}): EventOf<'skip'> {
	return build('skip', { projectId: 'project-1', taskId: 'task-2', reason: 'unclear' }, overrides);
}

export function settingsEvent(overrides: EventOverrides<'settings'> = {}): EventOf<'settings'> {
	return build('settings', { locale: 'vi', wifiOnly: true }, overrides);
}

export function scheduleEvent(overrides: EventOverrides<'schedule'> = {}): EventOf<'schedule'> {
	return build('schedule', { wordId: 'word-1', reason: 'added' }, overrides);
}

/** One valid event of every type. */
export function oneOfEach(): LearnerEvent[] {
	return [
		reviewEvent(),
		undoEvent(),
		lessonDoneEvent(),
		annotationEvent(),
		skipEvent(),
		settingsEvent(),
		scheduleEvent()
	];
}

export function outboxItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
	const event = overrides.event ?? reviewEvent();
	return { id: event.id, event, status: 'pending', queuedAt: Date.now(), ...overrides };
}

/** An event as GET /api/sync hands it out. */
export function pulledEvent(event: LearnerEvent, seq: number): PulledEvent {
	return {
		id: event.id,
		type: event.type,
		createdAt: event.createdAt,
		payload: event.payload,
		seq
	};
}

// ---------------------------------------------------------------------------------------------
// IndexedDB

let dbCounter = 0;

/** A brand-new IndexedDB (own factory) with the app's schema. */
export async function freshDb(): Promise<LocalDb> {
	globalThis.indexedDB = new IDBFactory();
	return openLocalDb(`ilgam-test-${++dbCounter}`);
}

// ---------------------------------------------------------------------------------------------
// Fake server

export type Failure =
	/** fetch rejects with a TypeError before the server sees the request. */
	| { kind: 'network' }
	/** The server handles the request, then the response is lost (fetch rejects). */
	| { kind: 'lost-response' }
	/** The server answers this status with the API's error body. */
	| { kind: 'status'; status: number; code?: string; message?: string }
	/** The session is gone: this and later requests get 401 until POST /api/session. */
	| { kind: 'session-expired' };

export interface FailureRule {
	failure: Failure;
	method?: string;
	path?: string;
	times: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** What the server answered; 0 when the request never reached it or the answer was lost. */
	status: number;
}

export interface StoredEvent {
	event: LearnerEvent;
	learnerId: string;
	seq: number;
}

export interface FakeServerOptions {
	/** Largest page GET /api/sync hands out, whatever the client asks for. */
	maxPageSize?: number;
	/** Awaited before each request is handled, to keep requests in flight. */
	latency?: () => Promise<void>;
}

export interface FakeServer {
	fetch: typeof fetch;
	requests: RecordedRequest[];
	stored: Map<string, StoredEvent>;
	/** The learner of the current session cookie, or null. */
	session: string | null;
	learners: string[];
	/** Queue a failure for the next `times` matching requests. */
	fail(failure: Failure, match?: { method?: string; path?: string; times?: number }): void;
	/** A batch holding this event is refused whole (400), as for an unknown event type. */
	markBad(id: string, message?: string): void;
	/** This event is answered `rejected` with `reason`, the rest of its batch is fine. */
	rejectEvent(id: string, reason: string): void;
	/** Creates a learner with a session, as POST /api/session does. */
	signIn(): string;
	/** Stores events as if another device of `learnerId` had pushed them. */
	seed(learnerId: string, events: LearnerEvent[]): void;
	/** Event ids in every POST /api/sync body, in order sent (including repeats). */
	sentIds(): string[];
	/** Results answered to POST /api/sync bodies, in order. */
	pushResults: EventResult[][];
}

function errorJson(status: number, code: string, message: string): Response {
	return Response.json({ error: { code, message } }, { status });
}

export function fakeServer(options: FakeServerOptions = {}): FakeServer {
	const maxPageSize = options.maxPageSize ?? MAX_PULL_LIMIT;
	const rules: FailureRule[] = [];
	const bad = new Map<string, string>();
	const rejections = new Map<string, string>();
	let seq = 0;
	let learnerCount = 0;

	const server: FakeServer = {
		requests: [],
		stored: new Map(),
		session: null,
		learners: [],
		pushResults: [],
		fail(failure, match = {}) {
			rules.push({ failure, method: match.method, path: match.path, times: match.times ?? 1 });
		},
		markBad(id, message = `events: event ${id} is not valid`) {
			bad.set(id, message);
		},
		rejectEvent(id, reason) {
			rejections.set(id, reason);
		},
		signIn() {
			const learnerId = `learner-${++learnerCount}`;
			server.learners.push(learnerId);
			server.session = learnerId;
			return learnerId;
		},
		seed(learnerId, events) {
			for (const event of events) {
				server.stored.set(event.id, { event, learnerId, seq: ++seq });
			}
		},
		sentIds() {
			return server.requests
				.filter((r) => r.method === 'POST' && r.path === '/api/sync')
				.flatMap((r) => ((r.body as { events?: { id: string }[] })?.events ?? []).map((e) => e.id));
		},
		fetch: fakeFetch
	};

	function takeFailure(method: string, path: string): Failure | null {
		const index = rules.findIndex(
			(rule) =>
				rule.times > 0 &&
				(rule.method === undefined || rule.method === method) &&
				(rule.path === undefined || rule.path === path)
		);
		const rule = rules[index];
		if (!rule) return null;
		rule.times--;
		if (rule.times === 0) rules.splice(index, 1);
		return rule.failure;
	}

	async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
		const request = new Request(new URL(String(input), 'http://ilgam.test'), init);
		const url = new URL(request.url);
		const method = request.method;
		const text = method === 'GET' ? '' : await request.text();
		let body: unknown = null;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			body = text;
		}
		const recorded: RecordedRequest = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body,
			status: 0
		};
		server.requests.push(recorded);
		await options.latency?.();

		const failure = takeFailure(method, url.pathname);
		if (failure?.kind === 'network') throw new TypeError('fetch failed');
		if (failure?.kind === 'status') {
			recorded.status = failure.status;
			return errorJson(
				failure.status,
				failure.code ?? 'injected',
				failure.message ?? `injected ${failure.status}`
			);
		}
		if (failure?.kind === 'session-expired') server.session = null;

		const response = handle(method, url, body);
		if (failure?.kind === 'lost-response') throw new TypeError('network connection was lost');
		recorded.status = response.status;
		return response;
	}

	function handle(method: string, url: URL, body: unknown): Response {
		const route = `${method} ${url.pathname}`;
		if (route === 'POST /api/session') {
			if (server.session) return Response.json({ learnerId: server.session });
			return Response.json({ learnerId: server.signIn() }, { status: 201 });
		}
		if (route !== 'POST /api/sync' && route !== 'GET /api/sync') {
			return errorJson(404, 'not_found', `No route ${route}`);
		}
		const learnerId = server.session;
		if (!learnerId) return errorJson(401, 'unauthorized', 'Sign in first.');
		return method === 'POST' ? push(learnerId, body) : pull(learnerId, url);
	}

	function push(learnerId: string, body: unknown): Response {
		const parsed = v.safeParse(PushRequest, body);
		if (!parsed.success) {
			return errorJson(400, 'invalid_request', describeIssues(parsed.issues));
		}
		const raw = parsed.output.events as Record<string, unknown>[];
		for (const item of raw) {
			const message = typeof item.id === 'string' ? bad.get(item.id) : undefined;
			if (message) return errorJson(400, 'invalid_request', message);
		}
		const results: EventResult[] = raw.map((item, index) => {
			const id = typeof item.id === 'string' ? item.id : null;
			const event = v.safeParse(LearnerEvent, item);
			if (!event.success) {
				return { index, id, status: 'rejected', reason: describeIssues(event.issues) };
			}
			const reason = rejections.get(event.output.id);
			if (reason) return { index, id, status: 'rejected', reason };
			const existing = server.stored.get(event.output.id);
			if (existing) {
				return existing.learnerId === learnerId
					? { index, id, status: 'duplicate' }
					: { index, id, status: 'rejected', reason: 'id: already used by another learner' };
			}
			server.stored.set(event.output.id, { event: event.output, learnerId, seq: ++seq });
			return { index, id, status: 'accepted' };
		});
		server.pushResults.push(results);
		return Response.json({ results });
	}

	function pull(learnerId: string, url: URL): Response {
		const query = v.safeParse(PullQuery, Object.fromEntries(url.searchParams));
		if (!query.success) return errorJson(400, 'invalid_query', describeIssues(query.issues));
		const { after } = query.output;
		const limit = Math.min(query.output.limit, maxPageSize);
		const rows = [...server.stored.values()]
			.filter((row) => row.learnerId === learnerId && row.seq > after)
			.sort((a, b) => a.seq - b.seq);
		const page = rows.slice(0, limit);
		const answer: PullResponse = {
			events: page.map((row) => pulledEvent(row.event, row.seq)),
			cursor: page.at(-1)?.seq ?? after,
			more: rows.length > limit
		};
		return Response.json(answer);
	}

	return server;
}
