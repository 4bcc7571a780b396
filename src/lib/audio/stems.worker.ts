/// <reference lib="webworker" />
/**
 * Renders one group of a Mix Lab project's stems (messages in mix-protocol.ts). The page runs one of
 * these per group side by side, so a project renders in about the time of its slowest group, and
 * ends each once it has answered: the bank's decoded samples and the synth go with it, and the mix
 * worker, which keeps the project, never loads them.
 */
import { styleIds } from '../dsp/synth/styles';
import { renderStems } from '../mix/stems';
import { PROJECT_SAMPLE_RATE, PROJECT_SECONDS } from '../mix/assemble';
import { stemIds } from '../mix/types';
import { getBank } from './bank';
import { OUT_OF_MEMORY, type StemsRequest, type StemsResponse } from './mix-protocol';
import type { SuccessFor } from './worker-client';

declare const self: DedicatedWorkerGlobalScope;

// The bank loads as the worker starts (the page starts it before the learner picks a project).
void getBank().catch(() => {
	// Forgotten by getBank: the request asks again and reports it.
});

async function handle(request: StemsRequest): Promise<SuccessFor<StemsResponse, 'stems'>> {
	const start = performance.now();
	const { id, style, seed, only } = request;
	if (!(styleIds as string[]).includes(style)) throw new RangeError(`There is no style ${style}.`);
	if (!Number.isInteger(seed) || seed < 0) throw new RangeError('A project number is whole, ≥ 0.');
	if (!Array.isArray(only) || !only.every((stem) => (stemIds as readonly string[]).includes(stem)))
		throw new RangeError('Those are not stems of a project.');
	const bank = await getBank();
	self.postMessage({ id, kind: 'progress', fraction: 0.3 });
	const rendered = await renderStems({
		style,
		seed,
		seconds: PROJECT_SECONDS,
		sampleRate: PROJECT_SAMPLE_RATE,
		bank,
		only
	});
	return {
		id,
		ok: true,
		kind: 'stems',
		stems: rendered.stems,
		chorusAt: rendered.chorusAt,
		ms: performance.now() - start
	};
}

self.onmessage = async (event: MessageEvent<StemsRequest>) => {
	const request = event.data;
	try {
		const response = await handle(request);
		self.postMessage(
			response,
			response.stems.flatMap((stem) => stem.channels.map((channel) => channel.buffer))
		);
	} catch (error) {
		if (!(error instanceof RangeError)) console.error(error);
		self.postMessage({
			id: request.id,
			ok: false,
			message: messageOf(error)
		} satisfies StemsResponse);
	}
};

/** What the learner is told: the bank's own message, a memory error, a bad request, or a sentence. */
function messageOf(error: unknown): string {
	if (error instanceof RangeError && /allocation|memory/i.test(error.message)) return OUT_OF_MEMORY;
	if (error instanceof RangeError) return error.message;
	if (error instanceof Error && /instrument samples/.test(error.message)) return error.message;
	return 'The stems could not be rendered.';
}
