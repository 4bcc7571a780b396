/** The page's side of the render worker: one worker, promise-based requests. */
import type { RenderRequest, RenderResponse, ResponseFor } from './render-protocol';

type Waiter = { resolve: (r: RenderResponse) => void; reject: (e: Error) => void };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Waiter>();

function getWorker(): Worker {
	if (!worker) {
		worker = new Worker(new URL('./render.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<RenderResponse>) => {
			const response = event.data;
			const waiter = pending.get(response.id);
			pending.delete(response.id);
			if (!waiter) return;
			if (response.ok) waiter.resolve(response);
			else waiter.reject(new Error(response.message));
		};
		worker.onerror = () => {
			for (const waiter of pending.values()) {
				waiter.reject(new Error('The audio engine stopped unexpectedly.'));
			}
			pending.clear();
			worker?.terminate();
			worker = undefined;
		};
	}
	return worker;
}

/** Sends a request to the render worker; resolves with its success response. */
export function renderInWorker<R extends Omit<RenderRequest, 'id'>>(
	request: R
): Promise<ResponseFor<R['kind']>> {
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve: resolve as (r: RenderResponse) => void, reject });
		getWorker().postMessage({ ...request, id });
	});
}
