/**
 * The phone's app-wide state: local database, language, settings, account, outbox counts, sync
 * and updates. One instance for the learner app (the learner pages render only on the client).
 */
import { Workbox } from 'workbox-window';
import type { Account, JoinRequest, LoginRequest, SessionInfo } from '$lib/api/auth';
import type { EventType, PayloadOf } from '$lib/api/events';
import { startI18n, useLocale } from '$lib/i18n';
import { DEFAULT_LOCALE, matchLocale, type Locale } from '$lib/i18n/locales';
import { findKoreanVoice } from '$lib/lessons/speech';
import * as auth from '$lib/offline/account';
import { AccountError } from '$lib/offline/account';
import { clearLocalDb, localDb, type LocalDb } from '$lib/offline/db';
import { onChange, record, type RecordOptions } from '$lib/offline/events';
import * as meta from '$lib/offline/meta';
import * as outbox from '$lib/offline/outbox';
import * as packs from '$lib/offline/packs';
import { IDLE_SYNC_STATE, SyncClient, type SyncState, type SyncStore } from '$lib/offline/sync';
import { idbSyncStore } from '$lib/offline/sync-store';

const REAL_ACTIONS: readonly EventType[] = ['review', 'lesson_done', 'annotation'];

// A bare `fetch` reference called as a method of something else throws "Illegal invocation".
const http: typeof fetch = (input, init) => fetch(input, init);

export class Device {
	db!: LocalDb;
	started = $state(false);
	locale = $state<Locale>(DEFAULT_LOCALE);
	localeChosen = $state(false);
	settings = $state<meta.Settings>(meta.DEFAULT_SETTINGS);
	/** The account this phone is signed in to; null for a guest. */
	account = $state<Account | null>(null);
	pending = $state(0);
	rejected = $state(0);
	sync = $state<SyncState>(IDLE_SYNC_STATE);
	updateReady = $state(false);
	/** Message key of the last failed action (src/lib/errors.ts), shown until dismissed. */
	alert = $state<string | null>(null);
	/** Bumped after every local change, so pages re-read what they show. */
	revision = $state(0);

	#client: SyncClient | null = null;
	#store: SyncStore | null = null;
	/** Bumped by join and login, so an older GET /api/session answer cannot undo them. */
	#accountChanges = 0;
	#workbox: Workbox | null = null;
	#starting: Promise<void> | null = null;

	start(): Promise<void> {
		this.#starting ??= this.#start();
		return this.#starting;
	}

	async #start() {
		this.db = await localDb();
		this.settings = await meta.get(this.db, 'settings');
		this.localeChosen = this.settings.locale !== undefined;
		this.locale = this.settings.locale ?? matchLocale(navigator.languages) ?? DEFAULT_LOCALE;
		await startI18n(this.locale);
		this.account = await meta.get(this.db, 'account');
		await this.refresh();
		this.#store = idbSyncStore(this.db);
		this.#client = new SyncClient({
			fetch: http,
			store: this.#store,
			onState: (state) => {
				this.sync = state;
				void this.refresh();
			}
		});
		onChange(() => {
			void this.refresh();
			void this.syncNow();
		});
		addEventListener('online', () => {
			void this.syncNow();
			void this.#refreshTexts();
			void this.#refreshAccount();
		});
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.syncNow();
		});
		this.started = true;
		void this.syncNow();
		void this.#refreshTexts();
		void this.#refreshAccount();
		this.#registerServiceWorker();
	}

	async refresh() {
		const counts = await outbox.counts(this.db);
		this.pending = counts.pending;
		this.rejected = counts.rejected;
		this.settings = await meta.get(this.db, 'settings');
		this.revision++;
	}

	syncNow(): Promise<void> {
		return this.#client?.sync() ?? Promise.resolve();
	}

	/**
	 * Joins a class with the coordinator's code. This guest becomes the account and keeps its
	 * learner id, so whatever is still in the outbox goes up later as the account's. Throws an
	 * `AccountError` (src/lib/offline/account.ts) for the form to show.
	 */
	async join(request: JoinRequest): Promise<void> {
		// Upload first, so the guest's work is on the server when it becomes the account's.
		await this.syncNow();
		await this.#signedIn(await auth.join(http, request));
	}

	/**
	 * Logs in to an account. A guest's synced events move into it on the server and come back
	 * down with the account's from other devices; the local log already holds the guest's under
	 * the same ids, so they are not doubled. When the account's session ended, only the same
	 * account may log in again: the outbox holds its answers.
	 */
	async login(request: LoginRequest): Promise<void> {
		const current = this.account;
		if (current) {
			if (!auth.isSameUser(current, request.username)) {
				throw new AccountError('other_account', 'Log in again as the same account.');
			}
		} else {
			await this.syncNow();
			await this.refresh();
			if (auth.loginBlocker(this.pending)) {
				throw new AccountError('unsynced', 'Answers are waiting to upload.');
			}
		}
		let info: SessionInfo;
		try {
			info = await auth.login(http, request);
		} catch (error) {
			// The session was fine after all (the 401 was not the end of it): nothing to do.
			if (!(current && error instanceof AccountError && error.code === 'already_member'))
				throw error;
			info = await auth.readSession(http);
			if (info.account?.username !== current.username) throw error;
		}
		await this.#signedIn(info);
	}

	async #signedIn(info: SessionInfo) {
		const store = this.#store!;
		// A new identity starts pulling from the beginning (setIdentity resets the cursor).
		if (info.learnerId !== (await store.identity())) await store.setIdentity(info.learnerId);
		this.#accountChanges++;
		await meta.set(this.db, 'account', info.account);
		this.account = info.account;
		void this.syncNow();
	}

	/**
	 * Logs out and empties the phone: on a shared phone nothing of this account may stay. Refuses
	 * (and says why) while anything is only on this phone, since it would be lost; throws an
	 * `AccountError` when the server cannot be reached. On success the page reloads as a guest.
	 */
	async logout(): Promise<'unsynced' | 'rejected' | null> {
		await this.syncNow();
		await this.refresh();
		const blocked = auth.logoutBlocker(this);
		if (blocked) return blocked;
		// The session cookie is HttpOnly: only the server can end it. Without that, the next
		// guest on this phone would still be sending as this account.
		await auth.logout(http);
		await this.#client?.close();
		const { locale } = this.settings;
		await clearLocalDb(this.db);
		// The phone keeps speaking the language it was set to; the rest was the learner's.
		if (locale) await meta.set(this.db, 'settings', { ...meta.DEFAULT_SETTINGS, locale });
		this.account = null;
		location.assign('/');
		return null;
	}

	/** The stored account may be stale (renamed, moved to another class): the server knows. */
	async #refreshAccount() {
		const learnerId = await meta.get(this.db, 'learnerId');
		if (!learnerId || !navigator.onLine) return;
		const changes = this.#accountChanges;
		try {
			const info = await auth.readSession(http);
			// Another learner's session is for the sync client to sort out, not this.
			if (info.learnerId !== learnerId || changes !== this.#accountChanges) return;
			await meta.set(this.db, 'account', info.account);
			this.account = info.account;
		} catch {
			// Offline, or the session ended: the stored account serves, and the sync client
			// reports a lost session as `needsLogin`.
		}
	}

	/** Records a learner action (see src/lib/offline/events.ts) and asks once for persistent storage. */
	async record<T extends EventType>(type: T, payload: PayloadOf<T>, options?: RecordOptions) {
		const event = await record(this.db, type, payload, options);
		if (REAL_ACTIONS.includes(type)) void this.#askPersistence();
		return event;
	}

	/**
	 * Whether listening exercises can be used now (a Korean voice exists). The first time they
	 * cannot, the learner is told why, once.
	 */
	async canListen(): Promise<boolean> {
		if (await findKoreanVoice()) return true;
		if (!(await meta.get(this.db, 'noVoiceToldAt'))) {
			// A timestamp to store, not state to render.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			await meta.set(this.db, 'noVoiceToldAt', new Date().toISOString());
			this.alert = 'lesson.no_voice';
		}
		return false;
	}

	async chooseLocale(code: Locale) {
		await useLocale(code);
		this.locale = code;
		// Stored before the picker goes away, so a reload right after keeps the choice.
		await this.record('settings', { locale: code });
		this.localeChosen = true;
		if (this.started) void this.#refreshTexts();
	}

	/** Saves a setting as an event, so it follows the learner to another device. */
	async changeSettings(change: PayloadOf<'settings'>) {
		await this.record('settings', change);
	}

	/** Lessons and stored projects in the learner's language (packs come in one language). */
	async #refreshTexts() {
		try {
			if (await packs.updateLessons(this.db, this.locale)) this.revision++;
			if (await packs.relocalizeProjects(this.db, this.locale)) this.revision++;
		} catch {
			// Offline: what is stored serves, English where the new language is not there yet;
			// the next start or `online` tries again.
		}
	}

	async #askPersistence() {
		if (await meta.get(this.db, 'persistAsked')) return;
		await meta.set(this.db, 'persistAsked', true);
		await navigator.storage?.persist?.();
	}

	#registerServiceWorker() {
		if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
		this.#workbox = new Workbox('/service-worker.js');
		this.#workbox.addEventListener('waiting', () => {
			this.updateReady = true;
		});
		void this.#workbox.register();
	}

	/**
	 * Applies a waiting update, but only when nothing is unsynced or half-done: a reload must
	 * never cost a learner an answer. Returns why it did not, or null when it did.
	 */
	async applyUpdate(): Promise<'unsynced' | 'unfinished' | null> {
		await this.refresh();
		if (this.pending > 0) return 'unsynced';
		if ((await this.db.count('drafts')) > 0) return 'unfinished';
		const wb = this.#workbox;
		if (!wb) return null;
		wb.addEventListener('controlling', () => location.reload());
		// Not messageSW(): that posts to the worker this page registered, which is the old one when
		// the browser found the update on its own. The waiting worker is the one to activate.
		wb.messageSkipWaiting();
		return null;
	}
}

export const device = new Device();
