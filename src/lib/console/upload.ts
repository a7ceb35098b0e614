/**
 * Uploading an imported file's tasks in chunks, with progress and resume. Pure: the caller
 * passes `send`, which posts one chunk and answers what the server took. On a failure the
 * upload stops and returns where it was; calling `upload` again with that progress resumes at
 * the failed chunk. Sending a chunk twice is harmless, as the server upserts tasks by ref.
 */
import { MAX_IMPORT_BODY_BYTES, MAX_IMPORT_CHUNK, type ImportResult } from '$lib/api/console';

/** A task as the file parser gives it: `line` says where it was in the file. */
export interface UploadTask {
	ref: string;
	line: number;
	data: Record<string, unknown>;
	gold: unknown;
}

export interface WireTask {
	ref: string;
	data: Record<string, unknown>;
	gold?: unknown;
}

export type SendChunk = (tasks: WireTask[]) => Promise<ImportResult>;

/** A problem in file terms: the line the refused task came from. */
export interface UploadProblem {
	line: number;
	ref?: string;
	message: string;
}

export interface UploadProgress {
	total: number;
	/** Tasks the server has answered for, in file order; the next chunk starts here. */
	sent: number;
	imported: number;
	problems: UploadProblem[];
	/** Why the last chunk failed; null while it goes well. Upload again to resume. */
	error: string | null;
}

export interface UploadOptions {
	maxTasks?: number;
	/** Of a chunk's JSON body; a little under the server's limit, for the envelope. */
	maxBytes?: number;
	onProgress?: (progress: UploadProgress) => void;
}

export function startUpload(total: number): UploadProgress {
	return { total, sent: 0, imported: 0, problems: [], error: null };
}

export function toWire({ ref, data, gold }: UploadTask): WireTask {
	return gold === null || gold === undefined ? { ref, data } : { ref, data, gold };
}

const encoder = new TextEncoder();
const sizeOf = (task: WireTask) => encoder.encode(JSON.stringify(task)).byteLength + 1;

/**
 * The next chunk from `from`: at most `maxTasks` tasks and `maxBytes` of JSON. A task too
 * large to send alone is returned as `tooLarge`, to report and step over.
 */
export function nextChunk(
	tasks: readonly UploadTask[],
	from: number,
	maxTasks: number,
	maxBytes: number
): { chunk: UploadTask[]; tooLarge: UploadTask | null } {
	const chunk: UploadTask[] = [];
	let bytes = 0;
	for (let i = from; i < tasks.length && chunk.length < maxTasks; i++) {
		const task = tasks[i] as UploadTask;
		const size = sizeOf(toWire(task));
		if (size > maxBytes)
			return chunk.length ? { chunk, tooLarge: null } : { chunk, tooLarge: task };
		if (bytes + size > maxBytes) break;
		bytes += size;
		chunk.push(task);
	}
	return { chunk, tooLarge: null };
}

function messageOf(error: unknown): string {
	return error instanceof Error && error.message ? error.message : 'The upload failed.';
}

export async function upload(
	tasks: readonly UploadTask[],
	send: SendChunk,
	from: UploadProgress = startUpload(tasks.length),
	options: UploadOptions = {}
): Promise<UploadProgress> {
	const maxTasks = options.maxTasks ?? MAX_IMPORT_CHUNK;
	const maxBytes = options.maxBytes ?? MAX_IMPORT_BODY_BYTES - 1024;
	let progress: UploadProgress = { ...from, total: tasks.length, error: null };
	while (progress.sent < tasks.length) {
		const { chunk, tooLarge } = nextChunk(tasks, progress.sent, maxTasks, maxBytes);
		if (tooLarge) {
			const problem = {
				line: tooLarge.line,
				ref: tooLarge.ref,
				message: `the task is larger than ${Math.floor(maxBytes / 1024)} KB; it was left out`
			};
			progress = {
				...progress,
				sent: progress.sent + 1,
				problems: [...progress.problems, problem]
			};
			options.onProgress?.(progress);
			continue;
		}
		let result: ImportResult;
		try {
			result = await send(chunk.map(toWire));
		} catch (error) {
			progress = { ...progress, error: messageOf(error) };
			options.onProgress?.(progress);
			return progress;
		}
		const refused = result.problems.map(({ index, message }) => {
			const task = chunk[index];
			return task ? { line: task.line, ref: task.ref, message } : { line: 0, message };
		});
		progress = {
			...progress,
			sent: progress.sent + chunk.length,
			imported: progress.imported + result.imported,
			problems: [...progress.problems, ...refused]
		};
		options.onProgress?.(progress);
	}
	return progress;
}

/**
 * `send` for the console's import endpoint: one POST per chunk. A refused request throws with
 * the server's message; a lost connection throws with a message that says to retry.
 */
export function chunkPoster(url: string, kind: string, fetcher: typeof fetch = fetch): SendChunk {
	return async (tasks) => {
		let response: Response;
		try {
			response = await fetcher(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ kind, tasks })
			});
		} catch {
			throw new Error('The connection to the server was lost. Check the network and retry.');
		}
		if (!response.ok) {
			const body: unknown = await response.json().catch(() => null);
			const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
			throw new Error(
				typeof message === 'string' ? message : `The server answered ${response.status}.`
			);
		}
		return (await response.json()) as ImportResult;
	};
}
