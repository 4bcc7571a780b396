import { describe, expect, it, vi } from 'vitest';
import { FakeWorker, flush, watch } from './fake-worker';
import { WorkerClient } from './worker-client';

type Request =
	{ id: number; kind: 'double'; value: number } | { id: number; kind: 'sum'; values: Float64Array };

type Reply =
	| { id: number; ok: true; kind: 'double'; value: number }
	| { id: number; ok: true; kind: 'sum'; total: number }
	| { id: number; ok: false; message: string };

const CRASH = 'The engine stopped unexpectedly.';

function setup() {
	const workers: FakeWorker[] = [];
	const start = vi.fn(() => {
		const worker = new FakeWorker();
		workers.push(worker);
		return worker as unknown as Worker;
	});
	const client = new WorkerClient<Request, Reply>({ start, crashMessage: CRASH });
	return { client, start, workers };
}

describe('WorkerClient', () => {
	it('starts the worker on the first request, not before, and only once', async () => {
		const { client, start, workers } = setup();
		expect(start).not.toHaveBeenCalled();
		const first = client.request({ kind: 'double', value: 1 });
		const second = client.request({ kind: 'double', value: 2 });
		expect(start).toHaveBeenCalledTimes(1);
		expect(workers[0].posted.map((p) => p.message)).toEqual([
			{ id: workers[0].idOf(0), kind: 'double', value: 1 },
			{ id: workers[0].idOf(1), kind: 'double', value: 2 }
		]);
		workers[0].succeed(0, { value: 2 });
		workers[0].succeed(1, { value: 4 });
		await Promise.all([first, second]);
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('numbers requests apart and matches replies that arrive out of order', async () => {
		const { client, workers } = setup();
		const requests = [1, 2, 3].map((value) => client.request({ kind: 'double', value }));
		const [worker] = workers;
		const ids = worker.posted.map((p) => p.message.id);
		expect(new Set(ids).size).toBe(3);
		// The last first: each promise must take its own reply, not the next in line.
		for (const index of [2, 0, 1]) {
			worker.succeed(index, { value: 2 * (worker.posted[index].message.value as number) });
		}
		const replies = await Promise.all(requests);
		expect(replies.map((r) => [r.id, r.value])).toEqual([
			[ids[0], 2],
			[ids[1], 4],
			[ids[2], 6]
		]);
	});

	it('rejects with the worker’s sentence on ok: false and leaves the others pending', async () => {
		const { client, workers } = setup();
		const failing = client.request({ kind: 'double', value: 1 });
		const other = watch(client.request({ kind: 'double', value: 2 }));
		workers[0].send({ id: workers[0].idOf(0), ok: false, message: 'The file holds no audio.' });
		await expect(failing).rejects.toThrow(new Error('The file holds no audio.'));
		await flush();
		expect(other.state).toBe('pending');
	});

	it('routes progress to its own request’s callback only, and none after the reply', async () => {
		const { client, workers } = setup();
		const [first, second] = [vi.fn(), vi.fn()];
		const a = client.request({ kind: 'double', value: 1 }, { onProgress: first });
		client.request({ kind: 'double', value: 2 }, { onProgress: second });
		const [worker] = workers;
		worker.send({ id: worker.idOf(1), kind: 'progress', fraction: 0.25 });
		worker.send({ id: worker.idOf(1), kind: 'progress', fraction: 0.5 });
		worker.send({ id: worker.idOf(0), kind: 'progress', fraction: 0.75 });
		worker.send({ id: 999, kind: 'progress', fraction: 0.1 });
		expect(first.mock.calls).toEqual([[0.75]]);
		expect(second.mock.calls).toEqual([[0.25], [0.5]]);
		worker.succeed(0, { value: 2 });
		await a;
		worker.send({ id: worker.idOf(0), kind: 'progress', fraction: 1 });
		expect(first).toHaveBeenCalledTimes(1);
	});

	it('hands the transfer list to postMessage, which moves the buffers', () => {
		const { client, workers } = setup();
		const values = new Float64Array([1, 2, 3]);
		client.request({ kind: 'sum', values }, { transfer: [values.buffer] });
		const [posted] = workers[0].posted;
		expect(posted.transfer).toEqual([values.buffer]);
		expect(posted.transfer[0]).toBe(values.buffer);
		expect(values.length).toBe(0); // detached on the page
		expect([...(posted.message.values as Float64Array)]).toEqual([1, 2, 3]);
	});

	it('rejects at once with an AbortError when aborted, and ignores the late reply', async () => {
		const { client, workers } = setup();
		const controller = new AbortController();
		const aborted = watch(
			client.request({ kind: 'double', value: 1 }, { signal: controller.signal })
		);
		const other = watch(client.request({ kind: 'double', value: 2 }));
		controller.abort();
		await flush();
		expect(aborted.state).toBe('rejected');
		expect(aborted.error).toMatchObject({ name: 'AbortError' });
		// The worker finishes the aborted request anyway; its reply must settle nothing.
		const [worker] = workers;
		worker.succeed(0, { value: 2 });
		worker.send({ id: worker.idOf(0), ok: false, message: 'late' });
		await flush();
		expect(other.state).toBe('pending');
		worker.succeed(1, { value: 4 });
		await flush();
		expect(other).toMatchObject({ state: 'resolved', value: { value: 4 } });
	});

	it('rejects an already-aborted request without posting it or starting a worker', async () => {
		const { client, start, workers } = setup();
		const signal = AbortSignal.abort();
		await expect(client.request({ kind: 'double', value: 1 }, { signal })).rejects.toMatchObject({
			name: 'AbortError'
		});
		expect(start).not.toHaveBeenCalled();
		// With a worker running, still nothing is posted.
		client.request({ kind: 'double', value: 2 });
		await expect(client.request({ kind: 'double', value: 3 }, { signal })).rejects.toMatchObject({
			name: 'AbortError'
		});
		expect(workers[0].posted).toHaveLength(1);
	});

	it('keeps a reply once settled: a later abort changes nothing', async () => {
		const { client, workers } = setup();
		const controller = new AbortController();
		const request = client.request({ kind: 'double', value: 1 }, { signal: controller.signal });
		workers[0].succeed(0, { value: 2 });
		controller.abort();
		await expect(request).resolves.toMatchObject({ value: 2 });
	});

	it.each(['error', 'messageerror'] as const)(
		'on %s rejects every pending request with its sentence and restarts the worker',
		async (type) => {
			const { client, start, workers } = setup();
			const pending = [1, 2].map((value) => client.request({ kind: 'double', value }));
			const event = workers[0].fail(type);
			for (const request of pending) await expect(request).rejects.toThrow(new Error(CRASH));
			expect(event.defaultPrevented).toBe(true);
			expect(workers[0].terminated).toBe(true);

			const next = client.request({ kind: 'double', value: 3 });
			expect(start).toHaveBeenCalledTimes(2);
			expect(workers[1].posted).toHaveLength(1);
			expect(workers[0].posted).toHaveLength(2);
			workers[1].succeed(0, { value: 6 });
			await expect(next).resolves.toMatchObject({ value: 6 });
		}
	);

	it('ignores a late error from a worker it has already replaced', async () => {
		const { client, workers } = setup();
		const first = client.request({ kind: 'double', value: 1 });
		workers[0].fail();
		await expect(first).rejects.toThrow(CRASH);
		const second = watch(client.request({ kind: 'double', value: 2 }));
		workers[0].fail();
		await flush();
		expect(second.state).toBe('pending');
		expect(workers[1].terminated).toBe(false);
	});

	it('terminate() stops the worker and rejects what is pending with its message', async () => {
		const { client, start, workers } = setup();
		const pending = [1, 2].map((value) => client.request({ kind: 'double', value }));
		client.terminate('The analysis was stopped.');
		for (const request of pending) {
			await expect(request).rejects.toThrow(new Error('The analysis was stopped.'));
		}
		expect(workers[0].terminated).toBe(true);
		client.request({ kind: 'double', value: 3 });
		expect(start).toHaveBeenCalledTimes(2);
	});

	it('rejects a request the worker cannot receive, and goes on serving others', async () => {
		const { client, workers } = setup();
		const values = new Float64Array(4);
		// One buffer listed twice: postMessage throws a DataCloneError, as in the browser.
		const bad = client.request(
			{ kind: 'sum', values },
			{ transfer: [values.buffer, values.buffer] }
		);
		await expect(bad).rejects.toMatchObject({ name: 'DataCloneError' });
		const good = client.request({ kind: 'double', value: 1 });
		workers[0].succeed(0, { value: 2 });
		await expect(good).resolves.toMatchObject({ value: 2 });
	});

	it('rejects when the worker cannot be started, and tries again on the next request', async () => {
		const start = vi
			.fn<() => Worker>()
			.mockImplementationOnce(() => {
				throw new Error('blocked');
			})
			.mockImplementation(() => new FakeWorker() as unknown as Worker);
		const client = new WorkerClient<Request, Reply>({ start, crashMessage: CRASH });
		await expect(client.request({ kind: 'double', value: 1 })).rejects.toThrow('blocked');
		client.request({ kind: 'double', value: 2 });
		expect(start).toHaveBeenCalledTimes(2);
	});
});
