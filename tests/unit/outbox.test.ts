import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventOf, LearnerEvent } from '$lib/api/events';
import type { LocalDb } from '$lib/offline/db';
import { applyPulled, newEvent, onChange, record } from '$lib/offline/events';
import * as meta from '$lib/offline/meta';
import * as outbox from '$lib/offline/outbox';
import {
	freshDb,
	lessonDoneEvent,
	outboxItem,
	pulledEvent,
	reviewEvent,
	settingsEvent,
	undoEvent
} from '../factories';
import { random, shuffle } from '$lib/lessons/random';
import { buildCards } from '$lib/srs/queue';

let db: LocalDb;

beforeEach(async () => {
	db = await freshDb();
});

afterEach(() => {
	db.close();
	vi.restoreAllMocks();
});

async function storeCounts() {
	const [log, box, cards, lessonResults, answers, drafts] = await Promise.all([
		db.count('log'),
		db.count('outbox'),
		db.count('cards'),
		db.count('lessonResults'),
		db.count('answers'),
		db.count('drafts')
	]);
	return { log, outbox: box, cards, lessonResults, answers, drafts };
}

describe('record', () => {
	it('writes a review to the log, the outbox and the card in one go', async () => {
		const at = new Date('2025-03-02T10:00:00.000Z');
		const event = await record(
			db,
			'review',
			{ wordId: 'word-7', correct: true, rating: 3, exercise: 'meaning_choice', durationMs: 1_200 },
			{ at }
		);

		expect(event.type).toBe('review');
		expect(event.createdAt).toBe(at.toISOString());
		expect(await db.get('log', event.id)).toEqual(event);

		const item = await db.get('outbox', event.id);
		expect(item).toMatchObject({ id: event.id, event, status: 'pending' });
		expect(item?.reason).toBeUndefined();

		const card = await db.get('cards', 'word-7');
		expect(card).toBeDefined();
		expect(card?.wordId).toBe('word-7');
		expect(card?.reps).toBe(1);
		expect(card?.last_review).toEqual(at);
		expect(card?.due.getTime()).toBeGreaterThan(at.getTime());
	});

	it('a second review of the same word builds on the first card', async () => {
		const first = new Date('2025-03-02T10:00:00.000Z');
		const payload = {
			wordId: 'word-7',
			correct: true,
			rating: 3,
			exercise: 'typing',
			durationMs: 900
		} as const;
		await record(db, 'review', payload, { at: first });
		const afterOne = await db.get('cards', 'word-7');
		const second = new Date(afterOne!.due.getTime() + 60_000);
		await record(db, 'review', payload, { at: second });
		const afterTwo = await db.get('cards', 'word-7');

		expect(afterTwo?.reps).toBe(2);
		expect(afterTwo?.last_review).toEqual(second);
		expect(afterTwo!.due.getTime()).toBeGreaterThan(afterOne!.due.getTime());
		expect(await storeCounts()).toMatchObject({ log: 2, outbox: 2, cards: 1 });
	});

	it('a lesson_done writes a lessonResults row', async () => {
		const event = await record(db, 'lesson_done', {
			lessonId: 'lesson-03',
			correct: 9,
			total: 12,
			durationMs: 240_000
		});
		expect(await db.get('lessonResults', 'lesson-03')).toEqual({
			lessonId: 'lesson-03',
			correct: 9,
			total: 12,
			doneAt: event.createdAt
		});
		expect(await db.get('outbox', event.id)).toBeDefined();
		expect(await db.get('log', event.id)).toEqual(event);
	});

	it('a settings event merges into meta settings', async () => {
		await record(db, 'settings', { locale: 'vi' });
		expect(await meta.get(db, 'settings')).toEqual({ ...meta.DEFAULT_SETTINGS, locale: 'vi' });

		await record(db, 'settings', { wifiOnly: true });
		expect(await meta.get(db, 'settings')).toEqual({
			...meta.DEFAULT_SETTINGS,
			locale: 'vi',
			wifiOnly: true
		});

		await record(db, 'settings', { locale: 'zh' });
		expect(await db.get('meta', 'settings')).toEqual({ locale: 'zh', wifiOnly: true });
		expect(await storeCounts()).toMatchObject({ log: 3, outbox: 3 });
	});

	it('an annotation and a skip write answers', async () => {
		const annotation = await record(db, 'annotation', {
			projectId: 'project-1',
			taskId: 'task-1',
			answer: { labels: ['cat'] },
			durationMs: 3_000,
			attempt: 2
		});
		await record(db, 'skip', { projectId: 'project-1', taskId: 'task-2', reason: 'cannot_see' });
		expect(await db.get('answers', 'task-1')).toEqual({
			taskId: 'task-1',
			projectId: 'project-1',
			answeredAt: annotation.createdAt,
			answer: { labels: ['cat'] },
			skipped: false,
			correct: null,
			attempt: 2
		});
		expect(await db.get('answers', 'task-2')).toMatchObject({ skipped: true, answer: null });
	});

	it('scores a training answer against its gold at once, offline; never a work answer', async () => {
		const data = { image: '/content/images/x.webp', labels: ['cat', 'dog'], multiple: false };
		await db.put('projects', {
			id: 'project-1',
			type: 'image_classification',
			title: {},
			description: {},
			guidelines: {},
			labels: [
				{ id: 'cat', wordId: 'word-cat' },
				{ id: 'dog', wordId: 'word-dog' }
			],
			multiple: false,
			passAt: 0.8,
			taskCount: 2,
			assetBytes: 0,
			workTaskBytes: 0,
			downloadedAt: new Date().toISOString()
		});
		const training = { projectId: 'project-1', kind: 'training' as const, position: 0, data };
		await db.put('tasks', { ...training, id: 't-right', gold: { labels: ['cat'] } });
		await db.put('tasks', { ...training, id: 't-wrong', gold: { labels: ['dog'] } });
		await db.put('tasks', { ...training, id: 'w-1', kind: 'work' });
		const answer = (taskId: string, labels: string[]) =>
			record(db, 'annotation', {
				projectId: 'project-1',
				taskId,
				answer: { labels },
				durationMs: 1
			});
		await answer('t-right', ['cat']);
		await answer('t-wrong', ['cat']);
		await answer('w-1', ['cat']);
		expect((await db.get('answers', 't-right'))?.correct).toBe(true);
		expect((await db.get('answers', 't-wrong'))?.correct).toBe(false);
		expect((await db.get('answers', 'w-1'))?.correct).toBeNull();
	});

	it('a schedule event makes the word due now, new or already learned', async () => {
		const at = new Date('2025-03-02T10:00:00.000Z');
		await record(db, 'schedule', { wordId: 'word-new', reason: 'added' }, { at });
		expect(await db.get('cards', 'word-new')).toMatchObject({ due: at, reps: 0 });

		const learned = reviewEvent({ payload: { wordId: 'word-old', rating: 3 } });
		await applyPulled(db, [pulledEvent(learned, 1)]);
		const before = await db.get('cards', 'word-old');
		const later = new Date(Date.parse(learned.createdAt) + 60_000);
		expect(before!.due.getTime()).toBeGreaterThan(later.getTime());
		await record(db, 'schedule', { wordId: 'word-old', reason: 'missed_gold' }, { at: later });
		const after = await db.get('cards', 'word-old');
		expect(after).toMatchObject({ due: later, reps: before!.reps, stability: before!.stability });
	});

	it('saves and clears a draft with the event', async () => {
		const draft = { key: 'lesson:first-words-1', updatedAt: 1, state: { position: 3 } };
		await record(
			db,
			'review',
			{ wordId: 'word-1', correct: false, rating: 1, exercise: 'meaning_choice', durationMs: 10 },
			{ setDraft: draft }
		);
		expect(await db.get('drafts', draft.key)).toEqual(draft);

		await record(
			db,
			'lesson_done',
			{ lessonId: 'first-words-1', correct: 1, total: 2, durationMs: 100 },
			{ clearDraft: draft.key }
		);
		expect(await db.get('drafts', draft.key)).toBeUndefined();
	});

	it('tells listeners after a commit', async () => {
		const listener = vi.fn();
		const off = onChange(listener);
		await record(db, 'settings', { wifiOnly: true });
		expect(listener).toHaveBeenCalledTimes(1);
		off();
		await record(db, 'settings', { wifiOnly: false });
		expect(listener).toHaveBeenCalledTimes(1);
	});

	describe('atomicity', () => {
		const fixedId = '0b9a4c1e-6a43-4f5e-9d0c-2f6f1d6c7a11';

		async function occupyLogId() {
			// A log row with the id the next event will get: the next log add must fail.
			const squatter = lessonDoneEvent({ id: fixedId, payload: { lessonId: 'lesson-99' } });
			await db.add('log', squatter);
			vi.spyOn(crypto, 'randomUUID').mockReturnValue(fixedId);
			return squatter;
		}

		it('a review whose log add fails writes no outbox item and no card', async () => {
			const squatter = await occupyLogId();
			const listener = vi.fn();
			const off = onChange(listener);

			await expect(
				record(
					db,
					'review',
					{ wordId: 'word-1', correct: true, rating: 3, exercise: 'intro', durationMs: 5 },
					{ setDraft: { key: 'lesson:x', updatedAt: 1, state: {} } }
				)
			).rejects.toThrow();
			off();

			expect(crypto.randomUUID).toHaveBeenCalled();
			expect(await storeCounts()).toEqual({
				log: 1,
				outbox: 0,
				cards: 0,
				lessonResults: 0,
				answers: 0,
				drafts: 0
			});
			expect(await db.get('log', fixedId)).toEqual(squatter);
			expect(listener).not.toHaveBeenCalled();
		});

		it('a settings event whose log add fails leaves meta settings as they were', async () => {
			await record(db, 'settings', { locale: 'ko', wifiOnly: false });
			await occupyLogId();

			await expect(record(db, 'settings', { locale: 'vi', wifiOnly: true })).rejects.toThrow();

			expect(await db.get('meta', 'settings')).toEqual({ locale: 'ko', wifiOnly: false });
			expect(await outbox.counts(db)).toEqual({ pending: 1, rejected: 0 });
		});

		it('a lesson_done whose log add fails writes no lessonResults row', async () => {
			await occupyLogId();
			await expect(
				record(db, 'lesson_done', { lessonId: 'lesson-02', correct: 1, total: 1, durationMs: 1 })
			).rejects.toThrow();
			expect(await db.get('lessonResults', 'lesson-02')).toBeUndefined();
			expect(await db.count('outbox')).toBe(0);
		});
	});
});

describe('undo and daily answers', () => {
	const review = (wordId: string, correct: boolean) => ({
		wordId,
		correct,
		rating: correct ? 3 : 1,
		exercise: 'meaning_choice' as const,
		durationMs: 2_000
	});

	it('an undo takes the review out of the card and out of today’s answers', async () => {
		const at = new Date('2026-11-24T10:00:00');
		await record(db, 'review', review('w1', true), { at });
		const slip = await record(db, 'review', review('w1', false), {
			at: new Date(at.getTime() + 5_000)
		});
		const before = await db.get('cards', 'w1');
		expect((await meta.get(db, 'answersByDay'))['2026-11-24']).toBe(2);

		await record(
			db,
			'undo',
			{ eventId: slip.id, wordId: 'w1' },
			{ at: new Date(at.getTime() + 9_000) }
		);
		expect((await meta.get(db, 'answersByDay'))['2026-11-24']).toBe(1);
		const after = await db.get('cards', 'w1');
		expect(after?.lapses).toBe(0);
		expect(after).not.toEqual(before);
		// Both stay in the log and go to the server.
		expect(await db.count('log')).toBe(3);
		expect((await outbox.counts(db)).pending).toBe(3);
	});

	it('undoing a word’s only review makes it new again', async () => {
		const only = await record(db, 'review', review('w2', true));
		expect(await db.get('cards', 'w2')).toBeDefined();
		await record(db, 'undo', { eventId: only.id, wordId: 'w2' });
		expect(await db.get('cards', 'w2')).toBeUndefined();
	});
});

describe('cards on the phone', () => {
	/** Reviews of five words at growing gaps, ratings mixed, and one undo. */
	function history(): LearnerEvent[] {
		const next = random(11);
		const events: LearnerEvent[] = [];
		for (let w = 0; w < 5; w++) {
			let at = Date.parse('2026-10-01T09:00:00Z') + w * 3_600_000;
			for (let i = 0; i < 12; i++) {
				const rating = 1 + Math.floor(next() * 4);
				events.push(
					reviewEvent({
						createdAt: new Date(at).toISOString(),
						payload: { wordId: `w${w}`, rating, correct: rating > 1 }
					})
				);
				at += Math.floor(next() * 4 * 86_400_000);
			}
		}
		events.push(undoEvent(events[7] as EventOf<'review'>));
		return events;
	}
	const rebuilt = (events: LearnerEvent[]) =>
		[...buildCards(events.filter((e) => e.type === 'review' || e.type === 'undo')).values()].sort(
			(a, b) => (a.wordId < b.wordId ? -1 : 1)
		);

	it('built one answer at a time equal the cards rebuilt from the whole log', async () => {
		const events = history();
		for (const event of shuffle(events, random(3))) await applyPulled(db, [pulledEvent(event, 1)]);
		expect(await db.getAll('cards')).toEqual(rebuilt(events));
	});

	it('restored in pages, in any order, equal the same', async () => {
		const events = shuffle(history(), random(5));
		for (let i = 0; i < events.length; i += 20) {
			await applyPulled(
				db,
				events.slice(i, i + 20).map((e, j) => pulledEvent(e, i + j + 1))
			);
		}
		expect(await db.getAll('cards')).toEqual(rebuilt(events));
	});
});

describe('outbox', () => {
	async function put(...items: ReturnType<typeof outboxItem>[]) {
		const tx = db.transaction('outbox', 'readwrite');
		await Promise.all([...items.map((item) => tx.store.put(item)), tx.done]);
	}

	it('pending returns oldest first, up to the limit', async () => {
		const items = [5, 1, 4, 2, 3].map((queuedAt) => outboxItem({ queuedAt }));
		await put(...items);

		const firstThree = await outbox.pending(db, 3);
		expect(firstThree.map((i) => i.queuedAt)).toEqual([1, 2, 3]);

		const all = await outbox.pending(db, 100);
		expect(all.map((i) => i.queuedAt)).toEqual([1, 2, 3, 4, 5]);
		expect(all.map((i) => i.id)).toEqual(
			[...items].sort((a, b) => a.queuedAt - b.queuedAt).map((i) => i.id)
		);
	});

	it('pending follows recording order', async () => {
		let now = 1_000;
		vi.spyOn(Date, 'now').mockImplementation(() => now++);
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			ids.push((await record(db, 'settings', { wifiOnly: i % 2 === 0 })).id);
		}
		expect((await outbox.pending(db, 10)).map((i) => i.id)).toEqual(ids);
	});

	it('pending skips rejected items and still fills the limit', async () => {
		const rejected = outboxItem({ queuedAt: 1, status: 'rejected', reason: 'bad' });
		const a = outboxItem({ queuedAt: 2 });
		const b = outboxItem({ queuedAt: 3 });
		const c = outboxItem({ queuedAt: 4 });
		await put(c, rejected, b, a);

		expect((await outbox.pending(db, 2)).map((i) => i.id)).toEqual([a.id, b.id]);
		expect((await outbox.pending(db, 10)).map((i) => i.id)).toEqual([a.id, b.id, c.id]);
	});

	it('ack removes exactly the given items', async () => {
		const items = [1, 2, 3, 4].map((queuedAt) => outboxItem({ queuedAt }));
		await put(...items);
		await outbox.ack(db, [items[0]!.id, items[2]!.id]);
		expect((await outbox.list(db)).map((i) => i.id)).toEqual([items[1]!.id, items[3]!.id]);

		await outbox.ack(db, []);
		expect(await db.count('outbox')).toBe(2);

		await outbox.ack(db, ['not-there']);
		expect(await db.count('outbox')).toBe(2);
	});

	it('reject keeps the item, marked with its reason', async () => {
		const item = outboxItem({ queuedAt: 7 });
		const other = outboxItem({ queuedAt: 8 });
		await put(item, other);

		await outbox.reject(db, item.id, 'payload.wordId: no such word');

		expect(await db.get('outbox', item.id)).toEqual({
			...item,
			status: 'rejected',
			reason: 'payload.wordId: no such word'
		});
		expect((await outbox.pending(db, 10)).map((i) => i.id)).toEqual([other.id]);

		await outbox.reject(db, 'not-there', 'whatever');
		expect(await db.count('outbox')).toBe(2);
	});

	it('counts pending and rejected', async () => {
		expect(await outbox.counts(db)).toEqual({ pending: 0, rejected: 0 });
		const items = [1, 2, 3, 4, 5].map((queuedAt) => outboxItem({ queuedAt }));
		await put(...items);
		await outbox.reject(db, items[1]!.id, 'x');
		await outbox.reject(db, items[3]!.id, 'y');
		expect(await outbox.counts(db)).toEqual({ pending: 3, rejected: 2 });
		await outbox.ack(db, [items[0]!.id, items[1]!.id]);
		expect(await outbox.counts(db)).toEqual({ pending: 2, rejected: 1 });
	});
});

describe('applyPulled', () => {
	function reviewsOf(wordIds: string[]): LearnerEvent[] {
		let t = Date.parse('2025-04-01T08:00:00.000Z');
		return wordIds.map((wordId, i) => {
			t += 36 * 3_600_000;
			return reviewEvent({
				createdAt: new Date(t).toISOString(),
				payload: { wordId, rating: ((i % 4) + 1) as 1 | 2 | 3 | 4, correct: i % 4 !== 0 }
			});
		});
	}

	it('adds unseen events once: applying twice gives the same state and log', async () => {
		const events = [
			...reviewsOf(['word-1', 'word-2', 'word-1', 'word-3', 'word-1']),
			lessonDoneEvent({ payload: { lessonId: 'lesson-05', correct: 4, total: 5 } }),
			settingsEvent({ payload: { locale: 'zh', wifiOnly: true } })
		];
		const page = events.map((e, i) => pulledEvent(e, i + 1));

		expect(await applyPulled(db, page)).toBe(events.length);
		const cards = await db.getAll('cards');
		const log = await db.getAll('log');

		expect(await applyPulled(db, page)).toBe(0);
		expect(await db.getAll('cards')).toEqual(cards);
		expect(await db.getAll('log')).toEqual(log);

		expect(log).toHaveLength(events.length);
		expect(cards.map((c) => c.wordId).sort()).toEqual(['word-1', 'word-2', 'word-3']);
		expect(cards.find((c) => c.wordId === 'word-1')?.reps).toBe(3);
		expect(await db.get('lessonResults', 'lesson-05')).toMatchObject({ correct: 4, total: 5 });
		expect(await meta.get(db, 'settings')).toEqual({
			...meta.DEFAULT_SETTINGS,
			locale: 'zh',
			wifiOnly: true
		});
		// Pulled events are already on the server: they never enter the outbox.
		expect(await db.count('outbox')).toBe(0);
		// The server's seq is not part of the stored event.
		expect(log.every((e) => !('seq' in e))).toBe(true);
	});

	it('skips events this device recorded itself, and applies only the new ones', async () => {
		const mine = await record(db, 'review', {
			wordId: 'word-1',
			correct: true,
			rating: 3,
			exercise: 'typing',
			durationMs: 1_000
		});
		const cardBefore = await db.get('cards', 'word-1');
		const theirs = reviewEvent({ payload: { wordId: 'word-2' } });

		expect(await applyPulled(db, [pulledEvent(mine, 1), pulledEvent(theirs, 2)])).toBe(1);

		expect(await db.get('cards', 'word-1')).toEqual(cardBefore);
		expect(await db.get('cards', 'word-2')).toBeDefined();
		expect(await db.count('log')).toBe(2);
	});

	it('a page repeating an id applies it once', async () => {
		const event = reviewEvent({ payload: { wordId: 'word-4' } });
		expect(await applyPulled(db, [pulledEvent(event, 1), pulledEvent(event, 1)])).toBe(1);
		expect((await db.get('cards', 'word-4'))?.reps).toBe(1);
	});

	it('builds the same cards as recording the same reviews locally', async () => {
		const events = reviewsOf([
			'word-1',
			'word-2',
			'word-1',
			'word-3',
			'word-2',
			'word-1',
			'word-3',
			'word-1'
		]);

		for (const event of events) {
			if (event.type !== 'review') throw new Error('unreachable');
			await record(db, 'review', event.payload, { at: new Date(event.createdAt) });
		}
		const local = await db.getAll('cards');

		const other = await freshDb();
		try {
			await applyPulled(
				other,
				events.map((e, i) => pulledEvent(e, i + 1))
			);
			expect(await other.getAll('cards')).toEqual(local);
		} finally {
			other.close();
		}
		expect(local).toHaveLength(3);
		expect(local.find((c) => c.wordId === 'word-1')?.reps).toBe(4);
	});

	// KNOWN SRC BUG (src/lib/offline/events.ts applyPulled/apply, lines 90-116): a pulled review
	// is folded onto the current card in arrival order. A review older than the card's
	// last_review (another device's offline review, or the server's seq order differing from
	// review time) makes ts-fsrs throw `Invalid delta_t "-2"`, which aborts the whole page.
	it('applies a pulled review older than the card, like the reviews in time order', async () => {
		const [older, newer] = reviewsOf(['word-1', 'word-1']);
		const chronological = await freshDb();
		try {
			for (const event of [older!, newer!]) {
				if (event.type !== 'review') throw new Error('unreachable');
				await record(chronological, 'review', event.payload, { at: new Date(event.createdAt) });
			}
			const expected = await chronological.getAll('cards');

			// This device saw the newer review first, then pulls the older one.
			const pulled = applyPulled(db, [pulledEvent(newer!, 1)]).then(() =>
				applyPulled(db, [pulledEvent(older!, 2)])
			);
			await expect(pulled, 'applyPulled must not throw on an older review').resolves.toBe(1);
			expect(await db.getAll('cards')).toEqual(expected);
		} finally {
			chronological.close();
		}
	});
});

describe('newEvent', () => {
	it('makes a uuid and an ISO timestamp', () => {
		const at = new Date('2025-01-02T03:04:05.678Z');
		const event = newEvent('settings', { wifiOnly: true }, at);
		expect(event.id).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		expect(event.createdAt).toBe('2025-01-02T03:04:05.678Z');
		expect(newEvent('settings', { wifiOnly: true }).id).not.toBe(event.id);
	});
});
