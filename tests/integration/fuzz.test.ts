/**
 * Property-based fuzzing of every JSON endpoint through the real route handlers on a real
 * database (fast-check, fixed seed). Bodies are random JSON, valid requests with one or more
 * fields replaced by hostile values (wrong types, huge or SQL-ish or odd Unicode strings, deep
 * nesting, prototype keys), invalid UTF-8, non-JSON, wrong content types and oversized bodies;
 * path parameters and query strings are random too. Whatever comes in, the server answers
 * below 500, every 4xx in the one JSON error shape, and never with a stack trace or a path.
 *
 * Each endpoint is called as the user who gets past its guard (a learner qualified on the
 * project, the project's coordinator), so the fuzz reaches the code behind the checks.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	annotationEvent,
	lessonDoneEvent,
	reviewEvent,
	scheduleEvent,
	settingsEvent,
	skipEvent,
	undoEvent
} from '../factories';
import { MAX_AUTH_BODY_BYTES } from '$lib/api/auth';
import { MAX_IMPORT_BODY_BYTES, type ImportResult } from '$lib/api/console';
import { isApiError } from '$lib/api/errors';
import { MAX_BODY_BYTES, type PushResponse } from '$lib/api/sync';
import { createCohort, createProject } from '$lib/server/console';
import type { Database } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import type { TaskKind } from '$lib/labeling/types';
import * as sessions from '$lib/server/sessions';
import {
	coordinator,
	expectApiError,
	joinCohort,
	PASSWORD,
	push,
	type Member
} from '../support/api';
import { testContent, testDatabases, type TestTarget } from '../support/databases';
import { client, type Method, type TestClient } from '../support/request';

const content = await testContent();
const targets = await testDatabases();

const SEED = 20_260_301;
/**
 * A fixed seed, so a run is repeatable; and a time limit, so that shrinking a failure against
 * the database stops within the test's timeout and still reports the smallest case found.
 */
const FC_OPTIONS = { seed: SEED, interruptAfterTimeLimit: 40_000 };
/** Per endpoint; PostgreSQL is slower per request and checks the same code, so it runs fewer. */
const runsOn = (target: TestTarget) => (target.name === 'pglite' ? 80 : 30);

const IMAGE = '/content/images/photos/cow.webp';
const transcription = content.projects.find((p) => p.type === 'transcription');
if (!transcription) throw new Error('content has no transcription project');
const SHIPPED = transcription.id;
const SHIPPED_TASK = transcription.training[0]!.id;
const WORD = content.words[0]!.id;
const LESSON = content.lessons[0]!.id;

// --- hostile values ------------------------------------------------------------------------

const NASTY_STRINGS = [
	'',
	' ',
	'\u0000',
	'a\u0000b',
	"' OR '1'='1",
	"'; DROP TABLE users; --",
	'" OR ""="',
	'\\',
	'%00',
	'%',
	'%ZZ',
	'../../../etc/passwd',
	'${jndi:ldap://x/a}',
	'{{constructor.constructor("return 1")()}}',
	'<script>alert(1)</script>',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'\uFEFFbom',
	'\u202Eevil',
	'line\u2028break\u2029',
	'\r\n\r\n',
	'\ud800',
	'\udfff\ud800',
	'한국어 라벨',
	'👩‍👩‍👧‍👦',
	'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
	'NaN',
	'-1',
	'1e309',
	'0x10',
	'null',
	'true',
	'a'.repeat(10_000),
	'한'.repeat(3_000)
];

/** Short strings of control and other awkward characters (NUL, ESC, DEL, NEL, NBSP…). */
const controlString = fc.string({
	unit: fc.constantFrom(
		'\u0000',
		'\u0000',
		'\u0007',
		'\u001b',
		'\u007f',
		'\u0085',
		'\u00a0',
		'a',
		'한',
		'😀'
	),
	minLength: 1,
	maxLength: 8
});

const anyString = fc.oneof(
	fc.string(),
	controlString,
	fc.string({ unit: 'binary' }),
	fc.string({ unit: 'grapheme' }),
	fc.string({ unit: 'binary-ascii' }),
	fc.constantFrom(...NASTY_STRINGS)
);

const anyNumber = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 2 ** 31)
);

const HOSTILE_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'userId',
	'learnerId',
	'role',
	'admin',
	'id',
	'gold',
	''
];
const anyKey = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string());

/** An object nested `depth` deep, built without recursion. */
function nested(depth: number, array: boolean): unknown {
	let value: unknown = 1;
	for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
	return value;
}

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: anyString },
	{ weight: 2, arbitrary: anyNumber },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
	{ weight: 1, arbitrary: fc.array(anyString, { maxLength: 5 }) },
	{ weight: 1, arbitrary: fc.dictionary(anyKey, anyString, { maxKeys: 4 }) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.integer({ min: 20, max: 2_000 }), fc.boolean())
			.map(([d, a]) => nested(d, a))
	}
);

// --- mutating valid requests -----------------------------------------------------------------

type Path = (string | number)[];

/**
 * Every place in a JSON value: the root, each key, each element; iteratively and no deeper
 * than 64 levels, since earlier mutations may have nested a value thousands deep.
 */
function placesOf(root: unknown): Path[] {
	const places: Path[] = [];
	const todo: [unknown, Path][] = [[root, []]];
	for (let item = todo.pop(); item; item = todo.pop()) {
		const [value, at] = item;
		places.push(at);
		if (typeof value !== 'object' || value === null || at.length >= 64) continue;
		const entries: [string | number, unknown][] = Array.isArray(value)
			? value.map((v, i) => [i, v])
			: Object.entries(value);
		for (const [key, child] of entries) todo.push([child, [...at, key]]);
	}
	return places;
}

function valueAt(root: unknown, path: Path): unknown {
	let value = root;
	for (const step of path) value = (value as Record<string | number, unknown>)[step];
	return value;
}

/** Sets an own property, even `__proto__`, so JSON.stringify writes it. */
function setOwn(target: object, key: string | number, value: unknown) {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true
	});
}

interface Mutation {
	/**
	 * `string`: a string replaced by another string or with awkward characters put into it, so
	 * that the request often still fits its schema and reaches the database.
	 */
	kind: 'replace' | 'string' | 'add' | 'delete';
	/** Which place, modulo their number. */
	at: number;
	key: string;
	value: unknown;
	text: string;
	/** `string`: insert `text` (at `at`) rather than replace. */
	insert: boolean;
	/** `string`: pick among free text (spaces or non-ASCII: names, sentences), not ids and times. */
	freeText: boolean;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
	kind: fc.constantFrom(
		'replace',
		'replace',
		'string',
		'string',
		'string',
		'string',
		'add',
		'delete'
	),
	at: fc.nat(),
	key: anyKey,
	value: anyValue,
	text: fc.oneof({ weight: 2, arbitrary: controlString }, { weight: 3, arbitrary: anyString }),
	insert: fc.boolean(),
	freeText: fc.boolean()
});

const isFreeText = (value: unknown) => typeof value === 'string' && /[\s\u0080-\uffff]/.test(value);

function mutate(sample: unknown, m: Mutation): unknown {
	const root: unknown = JSON.parse(JSON.stringify(sample));
	let places = placesOf(root);
	if (m.kind === 'string') {
		const strings = places.filter((path) => typeof valueAt(root, path) === 'string');
		const free = strings.filter((path) => isFreeText(valueAt(root, path)));
		const chosen = m.freeText && free.length > 0 ? free : strings;
		if (chosen.length > 0) {
			places = chosen;
			const old = valueAt(root, chosen[m.at % chosen.length]!) as string;
			const cut = m.at % (old.length + 1);
			const text = m.insert ? old.slice(0, cut) + m.text + old.slice(cut) : m.text;
			m = { ...m, kind: 'replace', value: text };
		}
	}
	const path = places[m.at % places.length]!;
	if (path.length === 0) {
		if (m.kind !== 'add' || typeof root !== 'object' || root === null) return m.value;
		setOwn(root, m.key, m.value);
		return root;
	}
	let parent = root as Record<string | number, unknown>;
	for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
	const last = path.at(-1)!;
	const node = parent[last];
	if (m.kind === 'delete') {
		if (Array.isArray(parent)) parent.splice(Number(last), 1);
		else delete parent[last];
	} else if (
		m.kind === 'add' &&
		typeof node === 'object' &&
		node !== null &&
		!Array.isArray(node)
	) {
		setOwn(node, m.key, m.value);
	} else {
		setOwn(parent, last, m.value);
	}
	return root;
}

// --- request bodies --------------------------------------------------------------------------

interface Body {
	what: string;
	contentType?: string;
	payload: string | Uint8Array | (() => ReadableStream<Uint8Array>);
}

const JSON_TYPE = 'application/json';
const CONTENT_TYPES = [
	undefined,
	'',
	'text/plain',
	'text/json',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=----x',
	'application/jsonp',
	'application/json-patch+json',
	'APPLICATION/JSON',
	'application/json; charset=utf-16',
	'application/json;charset=utf-8'
];

const json = (what: string, value: unknown): Body => ({
	what,
	contentType: JSON_TYPE,
	payload: JSON.stringify(value) ?? 'null'
});

/** A body of `bytes` bytes that is valid JSON, once per size. */
const oversized = new Map<number, string>();
function oversizedJson(bytes: number): string {
	let body = oversized.get(bytes);
	if (!body) {
		body = JSON.stringify({ pad: 'x'.repeat(bytes) });
		oversized.set(bytes, body);
	}
	return body;
}

/** A stream with no Content-Length, larger than `bytes`: the server must stop reading. */
function endlessStream(bytes: number) {
	return () => {
		let sent = 0;
		const chunk = new TextEncoder().encode('['.repeat(64 * 1024));
		return new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent > bytes + chunk.byteLength) return controller.close();
				sent += chunk.byteLength;
				controller.enqueue(chunk);
			}
		});
	};
}

/**
 * Bodies for an endpoint whose valid requests look like `samples` and whose limit is
 * `maxBytes`: mostly valid requests with hostile changes, and every kind of broken body.
 */
function bodies(samples: fc.Arbitrary<unknown>, maxBytes: number): fc.Arbitrary<Body> {
	return anyBody(samples, maxBytes);
}

function anyBody(samples: fc.Arbitrary<unknown>, maxBytes: number): fc.Arbitrary<Body> {
	return fc.oneof(
		{ weight: 2, arbitrary: samples.map((s) => json('valid', s)) },
		{
			weight: 8,
			arbitrary: fc
				.tuple(samples, fc.array(mutation, { minLength: 1, maxLength: 3 }))
				.map(([s, ms]) => json('mutated', ms.reduce(mutate, s)))
		},
		{
			weight: 2,
			arbitrary: samples.chain((s) =>
				typeof s === 'object' && s !== null
					? fc
							.record(Object.fromEntries(Object.keys(s).map((k) => [k, anyValue])))
							.map((wrong) => json('wrong types', wrong))
					: anyValue.map((wrong) => json('wrong types', wrong))
			)
		},
		{ weight: 2, arbitrary: fc.jsonValue().map((v) => json('random json', v)) },
		{
			weight: 1,
			arbitrary: fc
				.uint8Array({ maxLength: 300 })
				.map((bytes): Body => ({ what: 'random bytes', contentType: JSON_TYPE, payload: bytes }))
		},
		{
			weight: 1,
			arbitrary: fc
				.constantFrom([0xff, 0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80])
				.map((bad): Body => ({
					what: 'invalid utf-8 in a string',
					contentType: JSON_TYPE,
					payload: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...bad, 0x22, 0x7d])
				}))
		},
		{
			weight: 1,
			arbitrary: anyString.map((text): Body => ({
				what: 'not json',
				contentType: JSON_TYPE,
				payload: text
			}))
		},
		{
			weight: 2,
			arbitrary: fc
				.tuple(samples, fc.constantFrom(...CONTENT_TYPES))
				.map(([s, contentType]): Body => ({
					what: `content-type ${String(contentType)}`,
					contentType,
					payload: JSON.stringify(s)
				}))
		},
		{
			weight: 1,
			arbitrary: fc
				.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
				.map(([depth, array]): Body => ({
					what: `nested ${depth}`,
					contentType: JSON_TYPE,
					payload: array
						? '['.repeat(depth) + ']'.repeat(depth)
						: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
				}))
		},
		{
			weight: 1,
			arbitrary: fc.constantFrom<Body>(
				{ what: 'oversized', contentType: JSON_TYPE, payload: oversizedJson(maxBytes + 1) },
				{ what: 'oversized stream', contentType: JSON_TYPE, payload: endlessStream(maxBytes) },
				{ what: 'empty', contentType: JSON_TYPE, payload: '' }
			)
		}
	);
}

// --- paths and queries -------------------------------------------------------------------------

function encode(segment: string): string {
	try {
		return encodeURIComponent(segment);
	} catch {
		return encodeURIComponent(segment.replace(/[\ud800-\udfff]/g, '?'));
	}
}

/** A path parameter: often a real id, else anything (never a dot segment, which URLs resolve). */
function ids(...real: string[]): fc.Arbitrary<string> {
	return fc
		.oneof(
			{ weight: 6, arbitrary: fc.constantFrom(...real) },
			{ weight: 1, arbitrary: fc.constantFrom(...real).map((id) => id.toUpperCase()) },
			{ weight: 1, arbitrary: fc.constantFrom(...real).map((id) => `${id}\u0000`) },
			{ weight: 3, arbitrary: anyString }
		)
		.filter((id) => id !== '' && id !== '.' && id !== '..')
		.map(encode);
}

/**
 * A query string: the valid one, the valid one with a value changed or a key added or
 * dropped, random known and stray keys, or raw junk.
 */
function queries(known: Record<string, readonly [string, ...string[]]>): fc.Arbitrary<string> {
	const keys = Object.keys(known);
	const valid = fc
		.tuple(...keys.map((key) => fc.constantFrom(...known[key]!)))
		.map((values) => keys.map((key, i) => [key, values[i]!] as [string, string]));
	const changed = fc
		.tuple(valid, fc.nat(), fc.constantFrom('value', 'add', 'drop'), anyKey, anyString)
		.map(([pairs, at, how, key, text]) => {
			const i = at % pairs.length;
			if (how === 'value')
				return pairs.map(([k, v], j) => [k, j === i ? text : v] as [string, string]);
			if (how === 'add') return [...pairs, [key, text] as [string, string]];
			return pairs.filter((_, j) => j !== i);
		});
	const randomPair = fc.oneof(
		{
			weight: 4,
			arbitrary: fc
				.constantFrom(...keys)
				.chain((key) =>
					fc.tuple(fc.constant(key), fc.oneof(fc.constantFrom(...known[key]!), anyString))
				)
		},
		{ weight: 1, arbitrary: fc.tuple(anyKey, anyString) }
	);
	const encoded = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();
	return fc.oneof(
		{ weight: 3, arbitrary: valid.map(encoded) },
		{ weight: 4, arbitrary: changed.map(encoded) },
		{ weight: 2, arbitrary: fc.array(randomPair, { maxLength: 4 }).map(encoded) },
		{
			weight: 1,
			arbitrary: fc.string({ unit: 'grapheme-ascii' }).map((raw) => raw.replace(/#/g, ''))
		},
		{
			weight: 1,
			arbitrary: fc.constantFrom('%', '%ZZ=1', 'a=%', '&&&', '=', '==', '?', 'after=1&after=2')
		}
	);
}

// --- the properties ----------------------------------------------------------------------------

/** What a response must never contain (unless the request itself did). */
// Bounded, so that scanning a 300 kB lessons pack stays linear.
const LEAKS = [
	/at [^()\n]{1,200} \([^()\n]{1,300}:\d+:\d+\)/,
	/node_modules/,
	/\/src\/lib\//,
	/Error:/
];

function describeBody(body: Body | undefined): string {
	if (!body) return '';
	const payload =
		typeof body.payload === 'string'
			? body.payload
			: body.payload instanceof Uint8Array
				? new TextDecoder().decode(body.payload)
				: '(stream)';
	return payload;
}

async function expectSafe(response: Response, sent: string, label: string) {
	const text = await response.text();
	const shown = `${label} → ${response.status} ${text.slice(0, 300)}`;
	expect(response.status, shown).toBeLessThan(500);
	if (response.status >= 400) {
		expect(response.headers.get('content-type'), shown).toMatch(/^application\/json/);
		let parsed: unknown;
		expect(() => (parsed = JSON.parse(text)), shown).not.toThrow();
		expect(isApiError(parsed), shown).toBe(true);
		const { error } = parsed as { error: Record<string, unknown> };
		expect(typeof error.code, shown).toBe('string');
		expect(typeof error.message, shown).toBe('string');
		expect(Object.keys(error).sort(), shown).toEqual(['code', 'message']);
	}
	for (const leak of LEAKS) {
		if (leak.test(sent)) continue;
		expect(leak.test(text), `${shown}: matches ${leak}`).toBe(false);
	}
}

function send(api: TestClient, method: Method, path: string, body: Body | undefined) {
	if (!body) return api.request(method, path);
	const headers: Record<string, string> = {};
	if (body.contentType !== undefined) headers['content-type'] = body.contentType;
	const payload = typeof body.payload === 'function' ? body.payload() : body.payload;
	return api.request(method, path, { headers, rawBody: payload as BodyInit });
}

interface Endpoint {
	method: Method;
	route: string;
	path: fc.Arbitrary<string>;
	body?: fc.Arbitrary<Body>;
	/** The device that calls: a long-lived member, or a new device per run. */
	as: () => Promise<TestClient> | TestClient;
	/** Reads no body and no query, so every run is answered 2xx. */
	ignoresInput?: boolean;
	/** Fewer runs where each run hashes a password. */
	runs?: (target: TestTarget) => number;
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

describe.each(targets)('fuzzing the API on $name', (target) => {
	let database: Database;
	let learnerMember: Member;
	let staff: Member & { user: schema.User };
	let P: string;
	let PT: string;
	let joinCode: string;

	beforeAll(async () => {
		database = await target.open();
		const { db } = database;
		staff = await coordinator(database, 'fuzz-coach');
		const cohort = await createCohort(db, staff.user, 'Fuzz class');
		joinCode = cohort.joinCode;
		const base = {
			description: { en: 'Fuzzed' },
			guidelines: { en: 'Anything goes.' },
			labels: [
				{ id: 'animal', hangul: '동물' },
				{ id: 'person', hangul: '사람' }
			],
			multiple: false,
			redundancy: 3,
			goldShare: 0.2,
			passAt: 0.5,
			cohortId: cohort.id
		};
		P = (
			await createProject(db, staff.user, {
				...base,
				title: { en: 'Fuzz photos' },
				type: 'image_classification'
			})
		).id;
		PT = (
			await createProject(db, staff.user, {
				...base,
				title: { en: 'Fuzz texts' },
				type: 'text_classification'
			})
		).id;
		const task = (projectId: string, kind: TaskKind, n: number, data: Record<string, unknown>) => ({
			id: `${projectId}-${kind}-${n}`,
			projectId,
			ref: `${kind}-${n}`,
			kind,
			position: n,
			data,
			gold: kind === 'work' && n > 0 ? null : { labels: ['animal'] },
			assetBytes: 0
		});
		await db
			.insert(schema.tasks)
			.values([
				task(P, 'training', 0, { image: IMAGE }),
				task(P, 'qualification', 0, { image: IMAGE }),
				...[0, 1, 2, 3].map((n) => task(P, 'work', n, { image: IMAGE })),
				task(PT, 'training', 0, { text: '고양이가 있어요.' })
			]);
		learnerMember = await joinCohort(database, joinCode, 'fuzz-learner');
		const qualified = await push(learnerMember.api, [
			annotationEvent({
				createdAt: new Date().toISOString(),
				payload: {
					projectId: P,
					taskId: `${P}-qualification-0`,
					answer: { labels: ['animal'] },
					attempt: 1
				}
			})
		]);
		expect(qualified[0]?.status).toBe('accepted');
	});

	afterAll(async () => {
		await database?.close();
	});

	/** A new device per run, with the rate-limit windows emptied so the fuzz reaches the parser. */
	const freshDevice = async () => {
		await database.db.delete(schema.rateLimits);
		return client(database.db);
	};

	/** Valid events of every type, pointing at real content, with fresh ids. */
	const eventBatches = fc
		.array(fc.uuid(), { minLength: 9, maxLength: 9 })
		.map((uuids) => {
			const at = new Date().toISOString();
			const ids = [...uuids];
			const next = () => ids.pop()!;
			const review = reviewEvent({ id: next(), createdAt: at, payload: { wordId: WORD } });
			return [
				review,
				undoEvent(review, { id: next(), createdAt: at }),
				lessonDoneEvent({ id: next(), createdAt: at, payload: { lessonId: LESSON } }),
				annotationEvent({
					id: next(),
					createdAt: at,
					payload: { projectId: P, taskId: `${P}-training-0`, answer: { labels: ['animal'] } }
				}),
				annotationEvent({
					id: next(),
					createdAt: at,
					payload: {
						projectId: SHIPPED,
						taskId: SHIPPED_TASK,
						answer: { text: '직원 외 출입금지' }
					}
				}),
				skipEvent({
					id: next(),
					createdAt: at,
					payload: { projectId: P, taskId: `${P}-work-1`, reason: 'unclear' }
				}),
				settingsEvent({ id: next(), createdAt: at }),
				scheduleEvent({ id: next(), createdAt: at, payload: { wordId: WORD, reason: 'added' } })
			];
		})
		// Mostly small batches, so that a mutation lands on each event's fields often.
		.chain((events) =>
			fc.oneof(
				{ weight: 3, arbitrary: fc.subarray(events, { minLength: 1, maxLength: 2 }) },
				{ weight: 1, arbitrary: fc.constant(events) }
			)
		)
		.map((events) => ({ events }));

	const importChunks = fc
		.tuple(
			fc.constantFrom('training', 'qualification', 'work'),
			fc.string({ minLength: 1, maxLength: 30 }).map((ref) => `row ${ref}`)
		)
		.map(([kind, ref]) => ({
			kind,
			tasks: [
				{ ref: `${ref}-1`, data: { image: IMAGE }, gold: { labels: ['animal'] } },
				{ ref: `${ref}-2`, data: { text: '출입금지 구역이에요.' } }
			]
		}));

	const endpoints = (): Endpoint[] => [
		{
			method: 'POST',
			route: '/api/sync',
			path: fc.constant('/api/sync'),
			body: bodies(eventBatches, MAX_BODY_BYTES),
			as: () => learnerMember.api
		},
		{
			method: 'GET',
			route: '/api/sync?after&limit',
			path: queries({ after: ['0', '1', '999999999999999'], limit: ['1', '500', '501', '0'] }).map(
				(q) => `/api/sync?${q}`
			),
			as: () => learnerMember.api
		},
		{
			method: 'POST',
			route: '/api/projects/[id]/lease',
			path: ids(P, PT, SHIPPED).map((id) => `/api/projects/${id}/lease`),
			body: bodies(fc.constantFrom({ locale: 'en' }, { locale: 'ko' }), 1024),
			as: () => learnerMember.api
		},
		{
			method: 'GET',
			route: '/api/projects/[id]/status?locale',
			path: fc
				.tuple(ids(P, PT, SHIPPED), queries({ locale: ['en', 'ko', 'vi', 'zh', 'xx'] }))
				.map(([id, q]) => `/api/projects/${id}/status?${q}`),
			as: () => learnerMember.api
		},
		{
			method: 'GET',
			route: '/api/packs/projects/[id]',
			path: ids(P, PT, SHIPPED).map((id) => `/api/packs/projects/${id}`),
			as: () => learnerMember.api
		},
		{
			method: 'POST',
			route: '/api/session',
			path: fc.constant('/api/session'),
			body: bodies(fc.constant({}), 1024),
			ignoresInput: true,
			as: () => client(database.db)
		},
		{
			method: 'POST',
			route: '/api/auth/join',
			path: fc.constant('/api/auth/join'),
			body: bodies(
				fc.record({
					code: fc.constantFrom(joinCode, 'WRONGCOD'),
					displayName: fc.constantFrom('Fuzz Learner', '퍼즈'),
					username: fc.stringMatching(/^[a-z0-9]{3,12}$/).map((u) => `fz-${u}`),
					password: fc.constant(PASSWORD)
				}),
				MAX_AUTH_BODY_BYTES
			),
			as: freshDevice,
			runs: (t) => Math.ceil(runsOn(t) / 2)
		},
		{
			method: 'POST',
			route: '/api/auth/login',
			path: fc.constant('/api/auth/login'),
			body: bodies(
				fc.constantFrom(
					{ username: 'fuzz-learner', password: PASSWORD },
					{ username: 'fuzz-learner', password: 'wrong-password' }
				),
				MAX_AUTH_BODY_BYTES
			),
			as: freshDevice,
			runs: (t) => Math.ceil(runsOn(t) / 2)
		},
		{
			method: 'POST',
			route: '/api/auth/logout',
			path: fc.constant('/api/auth/logout'),
			body: bodies(fc.constant({}), 256),
			as: () => client(database.db)
		},
		{
			method: 'POST',
			route: '/api/certificate',
			path: fc.constant('/api/certificate'),
			body: bodies(fc.constant({}), 256),
			as: () => learnerMember.api
		},
		{
			method: 'POST',
			route: '/api/console/projects/[id]/tasks',
			path: ids(P, PT, SHIPPED).map((id) => `/api/console/projects/${id}/tasks`),
			body: bodies(importChunks, MAX_IMPORT_BODY_BYTES),
			as: () => staff.api
		},
		{
			method: 'GET',
			route: '/api/console/projects/[id]/export?format&answers',
			path: fc
				.tuple(
					ids(P, PT),
					queries({
						format: ['label-studio', 'jsonl', 'csv', 'coco', 'conll'],
						answers: ['aggregated', 'raw']
					})
				)
				.map(([id, q]) => `/api/console/projects/${id}/export?${q}`),
			as: () => staff.api
		}
	];

	// The endpoints' arbitraries need ids made in beforeAll, so they are built inside each test.
	const routes = [
		'POST /api/sync',
		'GET /api/sync?after&limit',
		'POST /api/projects/[id]/lease',
		'GET /api/projects/[id]/status?locale',
		'GET /api/packs/projects/[id]',
		'POST /api/session',
		'POST /api/auth/join',
		'POST /api/auth/login',
		'POST /api/auth/logout',
		'POST /api/certificate',
		'POST /api/console/projects/[id]/tasks',
		'GET /api/console/projects/[id]/export?format&answers'
	];

	it.each(routes)('%s: never 5xx, errors in the JSON shape, nothing leaked', async (name) => {
		const endpoint = endpoints().find((e) => `${e.method} ${e.route}` === name);
		if (!endpoint) throw new Error(`no endpoint ${name}`);
		const numRuns = (endpoint.runs ?? runsOn)(target);
		const reached = { ok: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(
				endpoint.path,
				endpoint.body ?? fc.constant(undefined),
				async (path, body) => {
					const api = await endpoint.as();
					const response = await send(api, endpoint.method, path, body);
					const label = `${endpoint.method} ${path.slice(0, 200)} [${body?.what ?? 'no body'}]`;
					if (response.status < 300) reached.ok++;
					else reached.refused++;
					await expectSafe(response, path + describeBody(body), label);
				}
			),
			{ ...FC_OPTIONS, numRuns }
		);
		expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		// A fuzz that only ever hits the parser proves little: some runs must get through.
		if (target.name === 'pglite') {
			expect(reached.ok, 'runs answered 2xx').toBeGreaterThan(0);
			if (!endpoint.ignoresInput) {
				expect(reached.refused, 'runs answered 4xx').toBeGreaterThan(0);
			}
		}
	});

	it('GET and DELETE endpoints without bodies stand random ids and queries too', async () => {
		const gets = fc.oneof(
			queries({ after: ['0'], limit: ['1'] }).map((q) => `/api/session?${q}`),
			queries({ v: ['1'] }).map((q) => `/api/packs?${q}`),
			queries({ v: ['1'] }).map((q) => `/api/packs/lessons?${q}`),
			queries({ v: ['1'] }).map((q) => `/api/certificate?${q}`)
		);
		await fc.assert(
			fc.asyncProperty(gets, fc.boolean(), async (path, remove) => {
				const method = remove && path.startsWith('/api/certificate') ? 'DELETE' : 'GET';
				const response = await learnerMember.api.request(method, path);
				await expectSafe(response, path, `${method} ${path}`);
			}),
			{ ...FC_OPTIONS, numRuns: runsOn(target) }
		);
	});

	it('a random session cookie is no session', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.string(), fc.string({ unit: 'binary' }), controlString, fc.base64String()),
				async (token) => {
					const api = client(database.db);
					api.cookies.put(sessions.SESSION_COOKIE, token);
					const response = await api.get('/api/session');
					expect(response.status).toBe(401);
					await expectSafe(
						response,
						token,
						`GET /api/session with cookie ${JSON.stringify(token.slice(0, 50))}`
					);
				}
			),
			{ ...FC_OPTIONS, numRuns: runsOn(target) }
		);
	});

	/** Found by this fuzz: each was a 500 before U+0000 was refused ahead of PostgreSQL. */
	describe('U+0000 never reaches PostgreSQL', () => {
		const nulId: [string, Method, (id: string) => string, 'learner' | 'staff', unknown][] = [
			['project pack', 'GET', (id) => `/api/packs/projects/${id}`, 'learner', undefined],
			['status', 'GET', (id) => `/api/projects/${id}/status?locale=en`, 'learner', undefined],
			['lease', 'POST', (id) => `/api/projects/${id}/lease`, 'learner', { locale: 'en' }],
			[
				'import',
				'POST',
				(id) => `/api/console/projects/${id}/tasks`,
				'staff',
				{ kind: 'work', tasks: [{ ref: 'nul-id', data: { image: IMAGE } }] }
			],
			[
				'export',
				'GET',
				(id) => `/api/console/projects/${id}/export?format=jsonl`,
				'staff',
				undefined
			]
		];
		for (const [what, method, path, who, body] of nulId) {
			it(`${what}: a project id with U+0000 answers 404 not_found, not 500`, async () => {
				const api = who === 'staff' ? staff.api : learnerMember.api;
				const url = path(`${P}%00`);
				const response =
					body === undefined ? await api.request(method, url) : await api.post(url, body);
				await expectApiError(response, 404, 'not_found');
			});
		}

		it('sync: a transcription answer with U+0000 is rejected, not a 500 for the batch', async () => {
			const good = settingsEvent({ createdAt: new Date().toISOString() });
			const bad = annotationEvent({
				createdAt: new Date().toISOString(),
				payload: { projectId: SHIPPED, taskId: SHIPPED_TASK, answer: { text: 'STAFF\u0000ONLY' } }
			});
			const response = await learnerMember.api.post('/api/sync', { events: [good, bad] });
			// A 500 makes the phone retry the batch forever: one bad answer stops the learner's sync.
			expect(response.status, await response.clone().text()).toBe(200);
			const { results } = (await response.json()) as PushResponse;
			expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
		});

		it('join: a display name with U+0000 answers 400, not 500', async () => {
			const api = await freshDevice();
			const response = await api.post('/api/auth/join', {
				code: joinCode,
				username: 'nul-name',
				displayName: 'Nul\u0000Name',
				password: PASSWORD
			});
			await expectApiError(response, 400, 'invalid_request');
		});

		for (const [what, task] of [
			['ref', { ref: 'nul\u0000ref', data: { text: '안녕하세요' } }],
			['task text', { ref: 'nul-text', data: { text: '안녕\u0000하세요' } }]
		] as const) {
			it(`import: a ${what} with U+0000 is a problem of that task, not a 500`, async () => {
				const response = await staff.api.post(`/api/console/projects/${PT}/tasks`, {
					kind: 'work',
					tasks: [{ ref: 'fine', data: { text: '괜찮아요' } }, task]
				});
				expect(response.status, await response.clone().text()).toBe(200);
				const result = (await response.json()) as ImportResult;
				expect(result.imported).toBe(1);
				expect(result.problems.map((p) => p.index)).toEqual([1]);
			});
		}
	});

	it('a body streamed past the limit, or declared past it, is refused with 413', async () => {
		for (const [path, limit, api] of [
			['/api/sync', MAX_BODY_BYTES, learnerMember.api],
			['/api/auth/login', MAX_AUTH_BODY_BYTES, client(database.db)],
			['/api/auth/join', MAX_AUTH_BODY_BYTES, client(database.db)],
			[`/api/console/projects/${P}/tasks`, MAX_IMPORT_BODY_BYTES, staff.api]
		] as const) {
			const response = await send(api, 'POST', path, {
				what: 'lying length',
				contentType: JSON_TYPE,
				payload: endlessStream(limit)
			});
			expect(response.status, path).toBe(413);
			await expectSafe(response, '', path);
			const declared = await api.request('POST', path, {
				headers: { 'content-type': JSON_TYPE, 'content-length': String(limit + 1) },
				rawBody: '{}'.padEnd(limit + 1, ' ')
			});
			expect(declared.status, path).toBe(413);
		}
	});
});
