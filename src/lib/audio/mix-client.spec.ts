import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stemIds, type StemId } from '../mix/types';
import { fakeWorkerConstructor, type FakeWorker } from './fake-worker';

let created: FakeWorker[];
let mixClient: typeof import('./mix-client');

beforeEach(async () => {
	const fake = fakeWorkerConstructor();
	created = fake.created;
	vi.stubGlobal('Worker', fake.Worker);
	vi.resetModules();
	mixClient = await import('./mix-client');
});

afterEach(() => {
	vi.unstubAllGlobals();
});

const project = { style: 'ballad', seed: 3, level: 2 } as const;
const LENGTH = 64;

/** What a stems worker sends back for `only`: each stem with samples numbered by stem. */
const stemsOf = (only: StemId[]) =>
	only.map((id) => ({
		id,
		name: id,
		channels: (id === 'texture' ? [0, 1] : [0]).map(() =>
			new Float32Array(LENGTH).fill(stemIds.indexOf(id))
		)
	}));

const stemsWorkers = () => created.filter((w) => String(w.url).includes('stems.worker'));
const mixWorker = () => created.find((w) => String(w.url).includes('mix.worker'))!;

describe('stemGroups', () => {
	it('splits the stems in two groups only with cores to spare, each stem once', () => {
		for (const cores of [1, 2, 3, 4, 8]) {
			const groups = mixClient.stemGroups(cores);
			expect(groups).toHaveLength(cores >= 4 ? 2 : 1);
			expect(groups.flat().sort()).toEqual([...stemIds].sort());
		}
	});
});

describe('MixClient.open', () => {
	for (const cores of [2, 8]) {
		it(`renders in ${cores >= 4 ? 'two stems workers' : 'one stems worker'} (${cores} cores), hands every stem to the mix worker, and ends the stems workers`, async () => {
			vi.stubGlobal('navigator', { hardwareConcurrency: cores });
			const client = new mixClient.MixClient();
			const progress: number[] = [];
			const opened = client.open(project, (fraction) => progress.push(fraction));
			const helpers = stemsWorkers();
			const groups = mixClient.stemGroups(cores);
			expect(helpers).toHaveLength(groups.length);
			helpers.forEach((helper, i) => {
				expect(helper.options).toEqual({ type: 'module' });
				expect(helper.posted[0].message).toMatchObject({
					kind: 'stems',
					style: 'ballad',
					seed: 3,
					only: groups[i]
				});
				helper.send({ id: helper.idOf(0), kind: 'progress', fraction: 0.3 });
			});
			// Answered in reverse order: the mix worker still gets them all.
			for (const [i, helper] of [...helpers.entries()].reverse())
				helper.succeed(0, { stems: stemsOf(groups[i]), chorusAt: 10, ms: 5 });
			await vi.waitFor(() => expect(mixWorker().posted).toHaveLength(1));
			const sent = mixWorker().posted[0];
			expect(sent.message).toMatchObject({ kind: 'open', ...project, chorusAt: 10 });
			const stems = sent.message.stems as { id: StemId; channels: Float32Array[] }[];
			expect(stems.map((s) => s.id).sort()).toEqual([...stemIds].sort());
			for (const stem of stems)
				for (const channel of stem.channels) {
					expect(channel).toHaveLength(LENGTH);
					expect(channel[LENGTH - 1]).toBe(stemIds.indexOf(stem.id));
				}
			// Moved, not copied: 8 channels (the texture is stereo).
			expect(sent.transfer).toHaveLength(8);
			expect(helpers.every((helper) => helper.terminated)).toBe(true);
			mixWorker().succeed(0, { project: {}, rough: {}, ms: 1 });
			await expect(opened).resolves.toMatchObject({ kind: 'open' });
			expect(progress[0]).toBe(0.05);
			expect(progress.at(-1)).toBe(0.9);
			expect([...progress].sort((a, b) => a - b)).toEqual(progress);
			// The next project gets fresh stems workers.
			void client.open(project).catch(() => {});
			expect(stemsWorkers()).toHaveLength(2 * groups.length);
			client.dispose();
		});
	}

	it('sends a change made while the stems render after the project, in the order asked', async () => {
		vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
		const client = new mixClient.MixClient();
		const opened = client.open(project);
		const remix = client.mix({} as never, { matched: true, through: 'as-is' });
		await Promise.resolve();
		expect(mixWorker()?.posted ?? []).toHaveLength(0);
		const [helper] = stemsWorkers();
		helper.succeed(0, { stems: stemsOf([...stemIds]), chorusAt: 10, ms: 5 });
		await vi.waitFor(() => expect(mixWorker().posted).toHaveLength(2));
		expect(mixWorker().posted.map((p) => p.message.kind)).toEqual(['open', 'mix']);
		mixWorker().succeed(0, { project: {}, rough: {}, ms: 1 });
		mixWorker().succeed(1, { version: {}, ms: 1 });
		await expect(opened).resolves.toMatchObject({ kind: 'open' });
		await expect(remix).resolves.toMatchObject({ kind: 'mix' });
	});

	it('rejects with the stems worker’s message, and sends nothing to the mix worker', async () => {
		vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
		const client = new mixClient.MixClient();
		const opened = client.open(project);
		const [first, second] = stemsWorkers();
		first.send({
			id: first.idOf(0),
			ok: false,
			message: 'The instrument samples could not be loaded (404).'
		});
		await expect(opened).rejects.toThrow('The instrument samples could not be loaded (404).');
		expect(first.terminated && second.terminated).toBe(true);
		expect(mixWorker()?.posted ?? []).toHaveLength(0);
	});

	it('says so when a stems worker dies', async () => {
		vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
		const client = new mixClient.MixClient();
		const opened = client.open(project);
		stemsWorkers()[0].fail();
		await expect(opened).rejects.toThrow(
			'The stems could not be rendered. Open the project again.'
		);
	});

	it('prestarts the mix worker and the stems workers, which the open then uses', () => {
		vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
		const client = new mixClient.MixClient();
		client.prestart();
		expect(stemsWorkers()).toHaveLength(2);
		expect(created.filter((w) => String(w.url).includes('mix.worker'))).toHaveLength(1);
		void client.open(project).catch(() => {});
		expect(stemsWorkers()).toHaveLength(2);
		expect(stemsWorkers().every((w) => w.posted.length === 1)).toBe(true);
		client.dispose();
		expect(created.every((w) => w.terminated)).toBe(true);
	});
});
