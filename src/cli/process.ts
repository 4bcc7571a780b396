/**
 * `npm run --silent process -- IN.wav OUT.wav [steps…]`: applies the steps in the order given and
 * writes 32-bit float WAV at the input's rate. See `usage` in process-args.ts. Bad input exits 2 with
 * one line on stderr and leaves no output file.
 */
import { applyChain, ChainError } from '../lib/dsp/process/chain';
import { encodeWav } from '../lib/dsp/wav';
import { readWavFile, runCli, UsageError, writeFileAtomic } from './cli-kit';
import { checkFrequencies, parseProcessArgs } from './process-args';

await runCli('process', () => {
	const { input, output, steps } = parseProcessArgs(process.argv.slice(2));
	const decoded = readWavFile(input);
	if (decoded.channels.length > 2) {
		throw new UsageError(
			`${input}: ${decoded.channels.length} channels; process reads mono or stereo`
		);
	}
	checkFrequencies(steps, decoded.sampleRate);
	let channels: Float32Array[];
	try {
		channels = applyChain({
			channels: decoded.channels,
			sampleRate: decoded.sampleRate,
			chain: steps
		}).channels;
	} catch (error) {
		if (error instanceof ChainError) throw new UsageError(`--${error.message}`);
		throw error;
	}
	writeFileAtomic(
		output,
		encodeWav({ channels, sampleRate: decoded.sampleRate, format: 'float32' })
	);
});
