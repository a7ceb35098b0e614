/**
 * The phone's app-wide state: local database, language, settings, outbox counts, sync and
 * updates. One instance for the learner app (the learner pages render only on the client).
 */
import { Workbox } from 'workbox-window';
import type { EventType, PayloadOf } from '$lib/api/events';
import { startI18n, useLocale } from '$lib/i18n';
import { DEFAULT_LOCALE, matchLocale, type Locale } from '$lib/i18n/locales';
import { findKoreanVoice } from '$lib/lessons/speech';
import { localDb, type LocalDb } from '$lib/offline/db';
import { onChange, record, type RecordOptions } from '$lib/offline/events';
import * as meta from '$lib/offline/meta';
import * as outbox from '$lib/offline/outbox';
import * as packs from '$lib/offline/packs';
import { IDLE_SYNC_STATE, SyncClient, type SyncState } from '$lib/offline/sync';
import { idbSyncStore } from '$lib/offline/sync-store';

const REAL_ACTIONS: readonly EventType[] = ['review', 'lesson_done', 'annotation'];

export class Device {
	db!: LocalDb;
	started = $state(false);
	locale = $state<Locale>(DEFAULT_LOCALE);
	localeChosen = $state(false);
	settings = $state<meta.Settings>(meta.DEFAULT_SETTINGS);
	pending = $state(0);
	rejected = $state(0);
	sync = $state<SyncState>(IDLE_SYNC_STATE);
	updateReady = $state(false);
	/** Message key of the last failed action (src/lib/errors.ts), shown until dismissed. */
	alert = $state<string | null>(null);
	/** Bumped after every local change, so pages re-read what they show. */
	revision = $state(0);

	#client: SyncClient | null = null;
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
		await this.refresh();
		this.#client = new SyncClient({
			fetch: (input, init) => fetch(input, init),
			store: idbSyncStore(this.db),
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
			void this.#updateLessons();
		});
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.syncNow();
		});
		this.started = true;
		void this.syncNow();
		void this.#updateLessons();
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
		this.localeChosen = true;
		await this.record('settings', { locale: code });
	}

	/** Saves a setting as an event, so it follows the learner to another device. */
	async changeSettings(change: PayloadOf<'settings'>) {
		await this.record('settings', change);
	}

	async #updateLessons() {
		try {
			if (await packs.updateLessons(this.db)) this.revision++;
		} catch {
			// Offline: the lessons already stored serve; the next start or `online` tries again.
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
