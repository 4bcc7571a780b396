/** The page's side of the render worker: one worker, started on the first request. */
import type { RenderRequest, RenderResponse, ResponseFor } from './render-protocol';
import { WorkerClient, type Unsent } from './worker-client';

const client = new WorkerClient<RenderRequest, RenderResponse>({
	start: () => new Worker(new URL('./render.worker.ts', import.meta.url), { type: 'module' }),
	crashMessage: 'The audio engine stopped unexpectedly.'
});

/**
 * Sends a request to the render worker; resolves with its success response. An aborted `signal`
 * rejects at once with an AbortError (the worker still finishes that render before the next).
 */
export function renderInWorker<R extends Unsent<RenderRequest>>(
	request: R,
	{ signal }: { signal?: AbortSignal } = {}
): Promise<ResponseFor<R['kind']>> {
	return client.request(request, { signal });
}
