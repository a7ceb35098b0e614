/**
 * The sync client: sends the outbox in batches to POST /api/sync and pulls the learner's events
 * from GET /api/sync. Single-flight; on failure it retries on a jittered exponential backoff.
 * `navigator.onLine` is only a hint: a request is the only real test of the network.
 */
import * as v from 'valibot';
import { isApiError } from '$lib/api/errors';
import { PushResponse, type EventResult, type PullResponse } from '$lib/api/sync';
import type { OutboxItem } from './db';

export interface SyncStore {
	pending(limit: number): Promise<OutboxItem[]>;
	ack(ids: readonly string[]): Promise<void>;
	reject(id: string, reason: string): Promise<void>;
	/** The learner id this device syncs as, or null before first contact. */
	identity(): Promise<string | null>;
	setIdentity(learnerId: string | null): Promise<void>;
	/** Whether this device is signed in to an account (not a guest): see `#withSession`. */
	account(): Promise<boolean>;
	cursor(): Promise<number>;
	applyPulled(page: PullResponse): Promise<void>;
}

export interface SyncOptions {
	fetch: typeof fetch;
	store: SyncStore;
	batchSize?: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
	random?: () => number;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	onState?: (state: SyncState) => void;
}

export interface SyncState {
	status: 'idle' | 'syncing' | 'offline' | 'error';
	lastSyncAt: number | null;
	failures: number;
	nextRetryAt: number | null;
	message: string | null;
	/**
	 * The account's session is gone (401): nothing is sent until the learner logs in again.
	 * `status` is then 'error' and no retry is scheduled.
	 */
	needsLogin: boolean;
}

export const IDLE_SYNC_STATE: SyncState = {
	status: 'idle',
	lastSyncAt: null,
	failures: 0,
	nextRetryAt: null,
	message: null,
	needsLogin: false
};

export class SyncError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** Delay before retry number `failures` (1-based): base·2^(n−1), capped, with ±50 % jitter. */
export function backoffDelay(
	failures: number,
	base: number,
	max: number,
	random: () => number
): number {
	const exp = Math.min(max, base * 2 ** Math.max(0, failures - 1));
	return Math.round(exp * (0.5 + random() / 2));
}

/** An account's session ended: only logging in again helps, so the client waits for that. */
export class LoginRequiredError extends SyncError {
	constructor(message = 'Log in again to upload.') {
		super(401, 'login_required', message);
	}
}

export class SyncClient {
	#opts: Required<Omit<SyncOptions, 'onState'>> & Pick<SyncOptions, 'onState'>;
	#running: Promise<void> | null = null;
	#again = false;
	#timer: unknown = null;
	#closed = false;
	state: SyncState = IDLE_SYNC_STATE;

	constructor(options: SyncOptions) {
		this.#opts = {
			batchSize: 100,
			baseDelayMs: 2_000,
			maxDelayMs: 5 * 60_000,
			random: Math.random,
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
			...options
		};
	}

	/** Runs a sync now, or once more right after the one under way. Never throws. */
	sync(): Promise<void> {
		if (this.#closed) return Promise.resolve();
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#loop().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	stop() {
		if (this.#timer !== null) this.#opts.clearTimer(this.#timer);
		this.#timer = null;
	}

	/** Stops for good (logout): no run starts again; resolves when the one under way ends. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#again = false;
		this.stop();
		await this.#running;
	}

	async #loop() {
		do {
			this.#again = false;
			await this.#once();
		} while (this.#again);
	}

	async #once() {
		this.stop();
		this.#set({ status: 'syncing', nextRetryAt: null });
		try {
			await this.#ensureIdentity();
			await this.#push();
			await this.#pull();
			this.#set({
				status: 'idle',
				lastSyncAt: Date.now(),
				failures: 0,
				message: null,
				needsLogin: false
			});
		} catch (err) {
			const failures = this.state.failures + 1;
			if (err instanceof LoginRequiredError) {
				// Retrying cannot help; the next sync() (after a login, or on `online`) tries again.
				this.#set({
					status: 'error',
					failures,
					nextRetryAt: null,
					message: err.message,
					needsLogin: true
				});
				return;
			}
			const delay = backoffDelay(
				failures,
				this.#opts.baseDelayMs,
				this.#opts.maxDelayMs,
				this.#opts.random
			);
			const offline = !(err instanceof SyncError);
			this.#set({
				status: offline ? 'offline' : 'error',
				failures,
				nextRetryAt: Date.now() + delay,
				message: err instanceof Error ? err.message : String(err)
			});
			this.#timer = this.#opts.setTimer(() => void this.sync(), delay);
		}
	}

	#set(patch: Partial<SyncState>) {
		this.state = { ...this.state, ...patch };
		this.#opts.onState?.(this.state);
	}

	async #request(path: string, init?: RequestInit): Promise<unknown> {
		// A network failure rejects here (TypeError) and counts as offline.
		const response = await this.#opts.fetch(path, {
			credentials: 'same-origin',
			...init,
			headers: { accept: 'application/json', ...init?.headers }
		});
		const body: unknown = await response.json().catch(() => null);
		if (!response.ok) {
			if (isApiError(body))
				throw new SyncError(response.status, body.error.code, body.error.message);
			throw new SyncError(response.status, 'http_error', `HTTP ${response.status}`);
		}
		return body;
	}

	async #ensureIdentity() {
		if (await this.#opts.store.identity()) return;
		if (await this.#opts.store.account()) throw new LoginRequiredError();
		const body = (await this.#request('/api/session', { method: 'POST' })) as { learnerId: string };
		await this.#opts.store.setIdentity(body.learnerId);
	}

	/**
	 * A guest's lost session (401) means a new anonymous identity; the outbox is kept and sent as
	 * it. An account's is not replaced: its answers must not go to a stranger, so they wait in
	 * the outbox until the learner logs in again.
	 */
	async #withSession<T>(run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (err) {
			if (!(err instanceof SyncError) || err.status !== 401) throw err;
			if (await this.#opts.store.account()) throw new LoginRequiredError(err.message);
			await this.#opts.store.setIdentity(null);
			await this.#ensureIdentity();
			return run();
		}
	}

	async #push() {
		for (;;) {
			const batch = await this.#opts.store.pending(this.#opts.batchSize);
			if (batch.length === 0) return;
			await this.#withSession(() => this.#send(batch));
		}
	}

	async #send(batch: OutboxItem[]): Promise<void> {
		let results: EventResult[];
		try {
			const body = await this.#request('/api/sync', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ events: batch.map((item) => item.event) })
			});
			results = v.parse(PushResponse, body).results;
		} catch (err) {
			// A whole batch refused for its content (not for auth, size or load) has a bad event in
			// it: send one by one so the good ones still land and the bad one is marked, not lost.
			if (err instanceof SyncError && isContentRefusal(err.status)) {
				if (batch.length > 1) {
					for (const item of batch) await this.#send([item]);
					return;
				}
				const [only] = batch;
				if (only) await this.#opts.store.reject(only.id, err.message);
				return;
			}
			throw err;
		}
		const done: string[] = [];
		for (const [index, item] of batch.entries()) {
			const result = results.find((r) => r.index === index);
			if (!result) continue;
			if (result.status === 'rejected')
				await this.#opts.store.reject(item.id, result.reason ?? 'rejected');
			else done.push(item.id);
		}
		await this.#opts.store.ack(done);
	}

	async #pull() {
		for (;;) {
			// The cursor is read inside the retry: a new identity starts again from 0.
			const page = (await this.#withSession(async () =>
				this.#request(`/api/sync?after=${await this.#opts.store.cursor()}&limit=200`)
			)) as PullResponse;
			await this.#opts.store.applyPulled(page);
			if (!page.more) return;
		}
	}
}

function isContentRefusal(status: number): boolean {
	return status === 400 || status === 422;
}
