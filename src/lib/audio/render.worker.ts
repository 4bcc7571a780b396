/// <reference lib="webworker" />
/**
 * Renders clips off the main thread: loads the trimmed General MIDI bank once, renders seeded
 * arrangements with the pure synth code, meters them and returns WAV bytes (transferred, not copied).
 */
import { loadBank, renderArrangement, type SynthBank } from '$lib/dsp/synth/render';
import { meterReport } from '$lib/dsp/report';
import { encodeWav } from '$lib/dsp/wav';
import type { RenderRequest, RenderResponse } from './render-protocol';

declare const self: DedicatedWorkerGlobalScope;

const BANK_URL = '/soundfont/mftm-gm.sf3';

let bank: Promise<SynthBank> | undefined;

async function getBank(): Promise<SynthBank> {
	bank ??= fetch(BANK_URL).then(async (response) => {
		if (!response.ok)
			throw new Error(`The instrument samples could not be loaded (${response.status}).`);
		return loadBank(await response.arrayBuffer());
	});
	try {
		return await bank;
	} catch (error) {
		bank = undefined; // let the next request try again (for example once the network is back)
		throw error;
	}
}

self.onmessage = async (event: MessageEvent<RenderRequest>) => {
	const request = event.data;
	try {
		const bankStart = performance.now();
		const loaded = await getBank();
		const start = performance.now();
		const clip = await renderArrangement({
			style: request.style,
			seed: request.seed,
			seconds: request.seconds,
			sampleRate: request.sampleRate,
			bank: loaded
		});
		const channels = [clip.left, clip.right];
		const meter = meterReport({ channels, sampleRate: clip.sampleRate });
		const wav = encodeWav({ channels, sampleRate: clip.sampleRate, format: 'pcm16' })
			.buffer as ArrayBuffer;
		const response: RenderResponse = {
			id: request.id,
			ok: true,
			wav,
			meter,
			renderMs: performance.now() - start,
			bankMs: start - bankStart
		};
		self.postMessage(response, [wav]);
	} catch (error) {
		const message = error instanceof Error ? error.message : 'The clip could not be rendered.';
		self.postMessage({ id: request.id, ok: false, message } satisfies RenderResponse);
	}
};
