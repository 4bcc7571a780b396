/**
 * Test support for the worker clients' specs: a Worker stand-in for Node, which has none. Imported
 * only by `*.spec.ts` files; nothing in the app depends on it.
 */

/** One `postMessage` call as the worker received it. */
export interface Posted {
	/** The message after structured cloning, as a real worker would see it. */
	message: { id: number; kind: string } & Record<string, unknown>;
	transfer: Transferable[];
}

/**
 * A worker the test answers by hand. `postMessage` clones with the transfer list like the browser
 * (so transferred buffers are detached and a bad list throws), and records what it got.
 */
export class FakeWorker extends EventTarget {
	readonly posted: Posted[] = [];
	terminated = false;

	constructor(
		readonly url?: string | URL,
		readonly options?: WorkerOptions
	) {
		super();
	}

	postMessage(message: unknown, transfer: Transferable[] = []): void {
		const cloned = structuredClone(message, { transfer }) as Posted['message'];
		this.posted.push({ message: cloned, transfer });
	}

	terminate(): void {
		this.terminated = true;
	}

	/** The id the client gave its `index`-th message to this worker. */
	idOf(index: number): number {
		return this.posted[index].message.id;
	}

	/** Delivers a message from the worker to the page (a reply or a progress message). */
	send(data: unknown): void {
		this.dispatchEvent(new MessageEvent('message', { data }));
	}

	/** Answers the `index`-th request with a success carrying `fields`. */
	succeed(index: number, fields: Record<string, unknown> = {}): void {
		const { id, kind } = this.posted[index].message;
		this.send({ id, ok: true, kind, ...fields });
	}

	/** Fires `error` (an uncaught exception in the worker) or `messageerror`; returns the event. */
	fail(type: 'error' | 'messageerror' = 'error'): Event {
		const event = new Event(type, { cancelable: true });
		this.dispatchEvent(event);
		return event;
	}
}

/** A Worker constructor for `vi.stubGlobal('Worker', …)` that keeps every worker it makes. */
export function fakeWorkerConstructor(): { Worker: typeof FakeWorker; created: FakeWorker[] } {
	const created: FakeWorker[] = [];
	class RecordedWorker extends FakeWorker {
		constructor(url?: string | URL, options?: WorkerOptions) {
			super(url, options);
			created.push(this);
		}
	}
	return { Worker: RecordedWorker, created };
}

/** What has become of a promise so far. */
export interface Watched<T> {
	state: 'pending' | 'resolved' | 'rejected';
	value?: T;
	error?: unknown;
}

/** Follows a promise, to check that it has (or has not yet) settled without awaiting it. */
export function watch<T>(promise: Promise<T>): Watched<T> {
	const watched: Watched<T> = { state: 'pending' };
	promise.then(
		(value) => Object.assign(watched, { state: 'resolved', value }),
		(error) => Object.assign(watched, { state: 'rejected', error })
	);
	return watched;
}

/** Lets queued promise callbacks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
