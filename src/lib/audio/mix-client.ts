/**
 * The page's side of the mix worker (`mix.worker.ts`; messages in mix-protocol.ts). The worker keeps
 * the project, so re-mixes and checks only send settings.
 */
import type { StyleId } from '../dsp/synth/styles';
import type { MasterSettings, MixSettings } from '../mix/types';
import type { ChainStep } from '../dsp/process/chain';
import type {
	ExportKind,
	Listening,
	MixRequest,
	MixResponse,
	MixResponseFor
} from './mix-protocol';
import { WorkerClient, type Unsent } from './worker-client';

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
		return this.#client.request(request, { onProgress });
	}

	/** Starts the worker, which starts loading the instrument bank, before the first project. */
	prestart(): void {
		if (!this.#disposed) this.#client.prestart();
	}

	/** Renders a project's stems (progress 0 … 1) and returns it with its rough mix. */
	open(
		project: { style: StyleId; seed: number; level: number },
		onProgress?: (fraction: number) => void
	): Promise<MixResponseFor<'open'>> {
		return this.#send({ kind: 'open', ...project }, onProgress);
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
	}
}

/** A plain copy (runes proxies cannot be cloned into a worker). */
function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
