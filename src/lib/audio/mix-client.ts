/**
 * The page's side of the mix worker (`mix.worker.ts`; messages in mix-protocol.ts). The worker keeps
 * the project, so re-mixes and checks only send settings.
 */
import type { StyleId } from '../dsp/synth/styles';
import { stemIds, type MasterSettings, type MixSettings, type StemId } from '../mix/types';
import type { ChainStep } from '../dsp/process/chain';
import type {
	ExportKind,
	Listening,
	MixRequest,
	MixResponse,
	MixResponseFor,
	StemsRequest,
	StemsResponse
} from './mix-protocol';
import { WorkerClient, type SuccessFor, type Unsent } from './worker-client';

type StemsResponseFor<K> = SuccessFor<StemsResponse, K>;

/** A stems worker and the stems it renders. */
interface Helper {
	only: StemId[];
	client: WorkerClient<StemsRequest, StemsResponse>;
}

export class MixClient {
	readonly #client = new WorkerClient<MixRequest, MixResponse>({
		start: () => new Worker(new URL('./mix.worker.ts', import.meta.url), { type: 'module' }),
		crashMessage: 'The mixer stopped unexpectedly. Open the project again.'
	});
	#disposed = false;

	#send<R extends Unsent<MixRequest>>(
		request: R,
		onProgress?: (fraction: number) => void
	): Promise<MixResponseFor<R['kind']>> {
		if (this.#disposed) return Promise.reject(new Error('The Mix Lab was closed.'));
		// Behind the project being opened, as the learner asked: a change or check made while its
		// stems render (on a kept rough mix) reaches the mix worker after the project does.
		return this.#opened.then(() => this.#client.request(request, { onProgress }));
	}

	/** Settles once the last open has reached the mix worker (or failed before it could). */
	#opened: Promise<unknown> = Promise.resolve();

	/** The stems workers for the next project (each loading the bank), with the stems each renders. */
	#helpers: Helper[] | undefined;
	/** The stems workers rendering a project now. */
	readonly #rendering = new Set<Helper>();

	/** Starts the workers, which start loading the instrument bank, before the first project. */
	prestart(): void {
		if (this.#disposed) return;
		this.#client.prestart();
		this.#startHelpers().forEach(({ client }) => client.prestart());
	}

	#startHelpers(): Helper[] {
		this.#helpers ??= stemGroups().map((only) => ({
			only,
			client: new WorkerClient<StemsRequest, StemsResponse>({
				start: () => new Worker(new URL('./stems.worker.ts', import.meta.url), { type: 'module' }),
				crashMessage: 'The stems could not be rendered. Open the project again.'
			})
		}));
		return this.#helpers;
	}

	/**
	 * Renders a project's stems in the stems workers side by side, one group each, and hands them
	 * to the mix worker, which plants the problems; returns the project with its rough mix (progress
	 * 0 … 1 on the way). The stems workers end once they have answered, their bank and synth with
	 * them (`prestart` starts the next ones while the learner picks another project).
	 */
	async open(
		project: { style: StyleId; seed: number; level: number },
		onProgress?: (fraction: number) => void
	): Promise<MixResponseFor<'open'>> {
		if (this.#disposed) throw new Error('The Mix Lab was closed.');
		const rendered = this.#renderStems(project, onProgress);
		// Posted as soon as the stems are back; requests queued behind the open go after it.
		const reply = rendered.then((request) =>
			this.#client.request(request, {
				transfer: request.stems.flatMap((stem) => stem.channels.map((c) => c.buffer))
			})
		);
		this.#opened = rendered.catch(() => {});
		return reply;
	}

	/** The project's stems from the stems workers, as the mix worker's open request. */
	async #renderStems(
		project: { style: StyleId; seed: number; level: number },
		onProgress?: (fraction: number) => void
	): Promise<Unsent<Extract<MixRequest, { kind: 'open' }>>> {
		const helpers = this.#startHelpers();
		this.#helpers = undefined;
		for (const helper of helpers) this.#rendering.add(helper);
		const fractions = helpers.map(() => 0);
		onProgress?.(0.05);
		let parts: StemsResponseFor<'stems'>[];
		try {
			parts = await Promise.all(
				helpers.map(({ client, only }, i) =>
					client.request(
						{ kind: 'stems', style: project.style, seed: project.seed, only },
						{
							onProgress: (fraction) => {
								fractions[i] = fraction;
								onProgress?.(0.05 + 0.8 * (fractions.reduce((a, b) => a + b) / helpers.length));
							}
						}
					)
				)
			);
		} finally {
			for (const helper of helpers) {
				this.#rendering.delete(helper);
				helper.client.terminate('The Mix Lab was closed.');
			}
		}
		onProgress?.(0.9);
		const stems = parts.flatMap((part) => part.stems);
		return { kind: 'open', ...project, stems, chorusAt: parts[0].chorusAt };
	}

	/** The mix these settings make, heard as `listen` says (matched, and where). */
	mix(settings: MixSettings, listen: Listening): Promise<MixResponseFor<'mix'>> {
		return this.#send({ kind: 'mix', settings: plainCopy(settings), listen: { ...listen } });
	}

	/** The project's target mix. */
	target(listen: Listening): Promise<MixResponseFor<'target'>> {
		return this.#send({ kind: 'target', listen: { ...listen } });
	}

	/**
	 * Masters the mix these settings make with `master` (the quick master when absent), after
	 * `before` on the whole mix when given (a check's "fix it in the master instead").
	 */
	master({
		settings,
		master,
		before,
		listen
	}: {
		settings: MixSettings;
		master?: MasterSettings;
		before?: ChainStep[];
		listen: Listening;
	}): Promise<MixResponseFor<'master'>> {
		return this.#send({
			kind: 'master',
			settings: plainCopy(settings),
			master: master && plainCopy(master),
			before: before && plainCopy(before),
			listen: { ...listen }
		});
	}

	/** "Will it survive the master?" on these settings (the quick master unless `master` is given). */
	check(settings: MixSettings, master?: MasterSettings): Promise<MixResponseFor<'check'>> {
		return this.#send({
			kind: 'check',
			settings: plainCopy(settings),
			master: master && plainCopy(master)
		});
	}

	/** A file of the project: its stems (zip), the mix, or its master. */
	export({
		what,
		settings,
		master
	}: {
		what: ExportKind;
		settings: MixSettings;
		master?: MasterSettings;
	}): Promise<MixResponseFor<'export'>> {
		return this.#send({
			kind: 'export',
			what,
			settings: plainCopy(settings),
			master: master && plainCopy(master)
		});
	}

	dispose(): void {
		this.#disposed = true;
		this.#client.terminate('The Mix Lab was closed.');
		for (const { client } of [...(this.#helpers ?? []), ...this.#rendering])
			client.terminate('The Mix Lab was closed.');
		this.#helpers = undefined;
	}
}

/**
 * The stems each stems worker renders: two groups of about equal work (drums, bass and the voice;
 * chords and texture) where the device has cores to spare for both beside the page and the mix
 * worker, else all in one. (On a 2-core machine two groups took as long as one, 2.1–2.3 s against
 * 2.2 s cold: each worker warms up its own synth code and decodes its own samples.)
 */
export function stemGroups(cores = globalThis.navigator?.hardwareConcurrency ?? 1): StemId[][] {
	return cores >= 4
		? [
				['kick', 'snare', 'hats', 'bass', 'vocal'],
				['chords', 'texture']
			]
		: [[...stemIds]];
}

/** A plain copy (runes proxies cannot be cloned into a worker). */
function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
