/**
 * The trimmed General MIDI bank, fetched and parsed once per worker (the render and mix workers
 * each hold their own). A failed load is forgotten, so the next request tries again (for example
 * once the network is back).
 */
import { loadBank, type SynthBank } from '../dsp/synth/render';

const BANK_URL = '/soundfont/mftm-gm.sf3';

let bank: Promise<SynthBank> | undefined;

export async function getBank(): Promise<SynthBank> {
	bank ??= fetch(BANK_URL).then(async (response) => {
		if (!response.ok) {
			throw new Error(`The instrument samples could not be loaded (${response.status}).`);
		}
		return loadBank(await response.arrayBuffer());
	});
	try {
		return await bank;
	} catch (error) {
		bank = undefined;
		throw error;
	}
}
