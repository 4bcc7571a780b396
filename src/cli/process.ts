/**
 * `npm run --silent process -- IN.wav OUT.wav [steps…]`: applies the steps in the order given and
 * writes 32-bit float WAV at the input's rate. See `usage` in process-args.ts. Bad input exits 2 with
 * one line on stderr and leaves no output file.
 */
import { measureLoudness } from '../lib/dsp/analysis/loudness';
import { designBiquad, filterChannels } from '../lib/dsp/process/biquad';
import { clip } from '../lib/dsp/process/clipper';
import { compress } from '../lib/dsp/process/compressor';
import { limit } from '../lib/dsp/process/limiter';
import { applyGain, monoFold, setWidth } from '../lib/dsp/process/stereo';
import { renderSystem } from '../lib/dsp/process/systems';
import { encodeWav } from '../lib/dsp/wav';
import { readWavFile, runCli, UsageError, writeFileAtomic } from './cli-kit';
import { checkFrequencies, parseProcessArgs, type Step } from './process-args';

/** Applies one step to planar channels, returning the new channels. */
function apply(step: Step, channels: Float32Array[], sampleRate: number): Float32Array[] {
	switch (step.kind) {
		case 'gain':
			applyGain({ channels, gainDb: step.gainDb });
			return channels;
		case 'peaking':
		case 'lowshelf':
		case 'highshelf':
		case 'highpass':
		case 'lowpass':
			return filterChannels({
				channels,
				coefficients: designBiquad(
					{
						type: step.kind,
						frequency: step.frequency,
						q: step.q,
						gainDb: 'gainDb' in step ? step.gainDb : 0
					},
					sampleRate
				)
			});
		case 'compress':
			return compress({ channels, sampleRate, ...step, detection: 'peak' }).channels;
		case 'limit':
			return limit({ channels, sampleRate, ceilingDbtp: step.ceilingDbtp }).channels;
		case 'clip':
			clip({ channels, shape: 'hard', driveDb: step.driveDb });
			return channels;
		case 'mono':
			monoFold({ channels });
			return channels;
		case 'width':
			if (channels.length !== 2) throw new UsageError('--width needs a stereo file');
			setWidth({ channels, width: step.factor });
			return channels;
		case 'system':
			return renderSystem({ system: step.system, channels, sampleRate });
		case 'normalize': {
			const integrated = measureLoudness({ channels, sampleRate }).integrated;
			if (integrated === null)
				throw new UsageError('--normalize: the audio is silent at that point');
			applyGain({ channels, gainDb: step.lufs - integrated });
			return channels;
		}
	}
}

await runCli('process', () => {
	const { input, output, steps } = parseProcessArgs(process.argv.slice(2));
	const decoded = readWavFile(input);
	if (decoded.channels.length > 2) {
		throw new UsageError(
			`${input}: ${decoded.channels.length} channels; process reads mono or stereo`
		);
	}
	checkFrequencies(steps, decoded.sampleRate);
	let channels = decoded.channels;
	for (const step of steps) channels = apply(step, channels, decoded.sampleRate);
	writeFileAtomic(
		output,
		encodeWav({ channels, sampleRate: decoded.sampleRate, format: 'float32' })
	);
});
