/**
 * The page's side of a request/reply worker, shared by the render, analysis and bench clients. The
 * worker starts on the first request (from a factory each client writes out as
 * `new Worker(new URL('./x.worker.ts', import.meta.url), …)`, the form Vite looks for to bundle it).
 * Each request gets an id; the worker answers `{ id, ok: true, kind, … }` or `{ id, ok: false,
 * message }` and may send `{ id, kind: 'progress', fraction }` before that.
 *
 * Why not comlink (4.4.2): it weighs about 1.9 KB min+gzip in the page and as much again in each
 * of the three workers, and the id matching it does is the easy part. What these clients need most it
 * lacks: it never notices a dead worker (a crash leaves every promise pending for ever), it has no
 * AbortSignal, progress needs a `proxy()` callback with a MessageChannel of its own per call, and a
 * returned buffer is only moved when the worker wraps it in `transfer()`; it would also turn each
 * worker's message handler into an exposed object. Our messages are plain objects, which this class
 * handles in under a hundred lines of code, with a dead worker's error in the client's own words.
 */

/** A request before the client numbers it (distributed over the union, which plain Omit would merge). */
export type Unsent<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The success reply to a request of kind `K`, out of a worker's reply union. */
export type SuccessFor<Reply, K> = Extract<Reply, { ok: true; kind: K }>;

/** Sent by a worker while it works on request `id`, before its reply. */
export interface WorkerProgress {
	id: number;
	kind: 'progress';
	/** 0 … 1. */
	fraction: number;
}

/** What a request may carry besides its message. */
export interface RequestOptions {
	/** Moved to the worker, not copied: on the page these buffers are empty afterwards. */
	transfer?: Transferable[];
	/** Called with each progress message of this request (not of any other). */
	onProgress?: (fraction: number) => void;
	/** Rejects the request at once when aborted; the worker still finishes it (see `request`). */
	signal?: AbortSignal;
}

interface Pending {
	resolve: (reply: unknown) => void;
	reject: (error: Error) => void;
	onProgress?: (fraction: number) => void;
}

/** What a worker posts, as far as this client reads it (the data is not trusted to be well formed). */
interface Posted {
	id?: unknown;
	ok?: boolean;
	kind?: unknown;
	fraction?: number;
	message?: string;
}

/** The rejection of an aborted request: a DOMException named 'AbortError', as `fetch` gives. */
function abortError(): DOMException {
	return new DOMException('The request was cancelled.', 'AbortError');
}

/**
 * One worker with a promise per request. A worker that fails (its `error` or `messageerror` event)
 * is terminated and dropped, every pending request rejects with `crashMessage`, and the next request
 * starts a fresh worker (which has lost whatever state the old one kept).
 */
export class WorkerClient<
	Request extends { id: number; kind: string },
	Reply extends { id: number }
> {
	readonly #start: () => Worker;
	readonly #crashMessage: string;
	#worker: Worker | undefined;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();

	constructor({ start, crashMessage }: { start: () => Worker; crashMessage: string }) {
		this.#start = start;
		this.#crashMessage = crashMessage;
	}

	/**
	 * Sends `request` and resolves with the worker's success reply, or rejects with its message. An
	 * aborted `signal` rejects at once with an AbortError and the late reply is ignored, but a worker
	 * cannot be interrupted mid-computation: it still runs the request to the end before the next.
	 */
	request<R extends Unsent<Request>>(
		request: R,
		{ transfer = [], onProgress, signal }: RequestOptions = {}
	): Promise<SuccessFor<Reply, R['kind']>> {
		return new Promise((resolve, reject) => {
			// Nothing is posted (nor a worker started) for a request cancelled before it was sent.
			if (signal?.aborted) return reject(abortError());
			const id = this.#nextId++;
			const onAbort = () => settle(() => reject(abortError()));
			const settle = (then: () => void) => {
				this.#pending.delete(id);
				signal?.removeEventListener('abort', onAbort);
				then();
			};
			this.#pending.set(id, {
				resolve: (reply) => settle(() => resolve(reply as SuccessFor<Reply, R['kind']>)),
				reject: (error) => settle(() => reject(error)),
				onProgress
			});
			signal?.addEventListener('abort', onAbort);
			try {
				this.#worker ??= this.#startWorker();
				this.#worker.postMessage({ ...request, id }, transfer);
			} catch (error) {
				// A worker that cannot start, or a message that cannot be cloned or transferred.
				settle(() => reject(error));
			}
		});
	}

	/** Starts the worker now, so its start-up overlaps whatever comes before the first request. */
	prestart(): void {
		try {
			this.#worker ??= this.#startWorker();
		} catch {
			// The first request will report it.
		}
	}

	/** Stops the worker (the next request starts a new one); pending requests reject with `message`. */
	terminate(message: string): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		// Each rejection removes its own entry, so iterate over a copy.
		for (const pending of [...this.#pending.values()]) pending.reject(new Error(message));
	}

	#startWorker(): Worker {
		const worker = this.#start();
		worker.addEventListener('message', (event) => this.#receive(event.data));
		const fail = (event: Event) => {
			// Handled here: the learner sees the client's sentence, not an uncaught error.
			event.preventDefault();
			if (worker === this.#worker) this.terminate(this.#crashMessage);
		};
		worker.addEventListener('error', fail);
		worker.addEventListener('messageerror', fail);
		return worker;
	}

	#receive(data: unknown): void {
		if (typeof data !== 'object' || data === null) return;
		const posted = data as Posted;
		// Unknown ids are replies to aborted requests, or to requests of a worker since replaced.
		const pending = this.#pending.get(posted.id as number);
		if (!pending) return;
		if (posted.ok === true) pending.resolve(data);
		else if (posted.ok === false) pending.reject(new Error(posted.message));
		else if (posted.kind === 'progress') pending.onProgress?.(posted.fraction ?? 0);
	}
}
