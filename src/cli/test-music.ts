/**
 * For specs that render the app's own music in Node: the trimmed bank, built if it is missing and
 * loaded once per test file.
 */
import { readFileSync } from 'node:fs';
import { loadBank, type SynthBank } from '../lib/dsp/synth/render';
import { bankPath, buildBank } from './build-bank';

let bank: SynthBank | undefined;

/** The synth bank the app ships. */
export function testBank(): SynthBank {
	if (!bank) {
		buildBank();
		const bytes = readFileSync(bankPath);
		bank = loadBank(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
	}
	return bank;
}
