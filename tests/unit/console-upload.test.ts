import { describe, expect, it } from 'vitest';
import type { ImportResult } from '$lib/api/console';
import {
	chunkPoster,
	nextChunk,
	startUpload,
	upload,
	type UploadTask,
	type WireTask
} from '$lib/console/upload';

function tasks(n: number): UploadTask[] {
	return Array.from({ length: n }, (_, i) => ({
		ref: `t${i}`,
		line: i + 2,
		data: { text: `sentence ${i}` },
		gold: i % 2 ? null : 'question'
	}));
}

/** A server that takes every task but those whose ref is in `refuse`. */
function server(refuse: string[] = []) {
	const received: WireTask[][] = [];
	const send = async (chunk: WireTask[]): Promise<ImportResult> => {
		received.push(chunk);
		const problems = chunk.flatMap((task, index) =>
			refuse.includes(task.ref) ? [{ index, message: `bad ${task.ref}` }] : []
		);
		return { imported: chunk.length - problems.length, problems };
	};
	return { send, received };
}

describe('upload', () => {
	it('sends every task once, in chunks, and reports progress', async () => {
		const { send, received } = server();
		const seen: number[] = [];
		const result = await upload(tasks(10), send, undefined, {
			maxTasks: 4,
			onProgress: (p) => seen.push(p.sent)
		});
		expect(received.map((chunk) => chunk.length)).toEqual([4, 4, 2]);
		expect(received.flat().map((t) => t.ref)).toEqual(tasks(10).map((t) => t.ref));
		expect(seen).toEqual([4, 8, 10]);
		expect(result).toMatchObject({ total: 10, sent: 10, imported: 10, error: null, problems: [] });
	});

	it('sends gold only when the task has it, and never the line', async () => {
		const { send, received } = server();
		await upload(tasks(2), send);
		expect(received[0]).toEqual([
			{ ref: 't0', data: { text: 'sentence 0' }, gold: 'question' },
			{ ref: 't1', data: { text: 'sentence 1' } }
		]);
	});

	it("maps the server's refusals back to file lines", async () => {
		const { send } = server(['t1', 't5']);
		const result = await upload(tasks(6), send, undefined, { maxTasks: 4 });
		expect(result.imported).toBe(4);
		expect(result.problems).toEqual([
			{ line: 3, ref: 't1', message: 'bad t1' },
			{ line: 7, ref: 't5', message: 'bad t5' }
		]);
	});

	it('stops at a failed chunk and resumes there', async () => {
		const { send, received } = server();
		let fail = true;
		const flaky = async (chunk: WireTask[]) => {
			if (chunk[0]?.ref === 't4' && fail) {
				fail = false;
				throw new Error('Network error');
			}
			return send(chunk);
		};
		const stopped = await upload(tasks(10), flaky, undefined, { maxTasks: 4 });
		expect(stopped).toMatchObject({ sent: 4, imported: 4, error: 'Network error' });
		const resumed = await upload(tasks(10), flaky, stopped, { maxTasks: 4 });
		expect(resumed).toMatchObject({ sent: 10, imported: 10, error: null });
		expect(received.map((chunk) => chunk[0]?.ref)).toEqual(['t0', 't4', 't8']);
	});

	it('does nothing for an empty file', async () => {
		const { send, received } = server();
		expect(await upload([], send)).toEqual(startUpload(0));
		expect(received).toEqual([]);
	});
});

describe('nextChunk', () => {
	it('keeps a chunk under the byte limit', () => {
		const big = tasks(5).map((t) => ({ ...t, data: { text: 'x'.repeat(100) } }));
		const { chunk } = nextChunk(big, 0, 500, 300);
		expect(chunk.length).toBe(2);
	});

	it('steps over a task too large to send alone, reporting it', async () => {
		const list = tasks(3);
		list[1] = { ...list[1]!, data: { text: 'x'.repeat(5_000) } };
		const { send, received } = server();
		const result = await upload(list, send, undefined, { maxBytes: 1_024 });
		expect(received.flat().map((t) => t.ref)).toEqual(['t0', 't2']);
		expect(result.imported).toBe(2);
		expect(result.sent).toBe(3);
		expect(result.problems).toEqual([
			{ line: 3, ref: 't1', message: 'the task is larger than 1 KB; it was left out' }
		]);
	});
});

describe('chunkPoster', () => {
	const chunk = [{ ref: 'a', data: { text: '안녕' } }];

	it('posts the kind and tasks as JSON and returns the answer', async () => {
		const calls: { url: string; init: RequestInit }[] = [];
		const fetcher = (async (url: string, init: RequestInit) => {
			calls.push({ url, init });
			return Response.json({ imported: 1, problems: [] });
		}) as unknown as typeof fetch;
		const send = chunkPoster('/api/console/projects/p/tasks', 'work', fetcher);
		expect(await send(chunk)).toEqual({ imported: 1, problems: [] });
		expect(calls[0]?.url).toBe('/api/console/projects/p/tasks');
		expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ kind: 'work', tasks: chunk });
	});

	it("throws the server's message, or a network message", async () => {
		const refused = (async () =>
			Response.json(
				{ error: { code: 'shipped_project', message: 'This project comes with Ilgam.' } },
				{ status: 409 }
			)) as unknown as typeof fetch;
		await expect(chunkPoster('/x', 'work', refused)(chunk)).rejects.toThrow(
			'This project comes with Ilgam.'
		);
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		await expect(chunkPoster('/x', 'work', offline)(chunk)).rejects.toThrow(/connection/);
	});
});
