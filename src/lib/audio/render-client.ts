/** The page's side of the render worker: one worker, promise-based requests. */
import type { RenderRequest, RenderResponse } from './render-protocol';

type Success = Extract<RenderResponse, { ok: true }>;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: Success) => void; reject: (e: Error) => void }>();

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
			for (const waiter of pending.values())
				waiter.reject(new Error('The audio engine stopped unexpectedly.'));
			pending.clear();
			worker?.terminate();
			worker = undefined;
		};
	}
	return worker;
}

/** Renders an arrangement in the worker; resolves with WAV bytes and its meter readings. */
export function renderInWorker(request: Omit<RenderRequest, 'id'>): Promise<Success> {
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		getWorker().postMessage({ ...request, id });
	});
}
