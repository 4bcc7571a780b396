/**
 * `npm run --silent meter -- FILE.wav [--series]`: prints one JSON object with I (LUFS), LRA (LU),
 * TP (dBTP), samplePeak (dBFS), PLR (dB) and crestFactor (dB); `--series` adds M every 10 ms and S
 * every 100 ms as [tEndSeconds, LUFS] pairs. Silence reads null. Bad input exits 2.
 */
import { meterReport } from '../lib/dsp/report';
import { readWavFile, runCli, UsageError } from './cli-kit';

const usage = 'usage: meter FILE.wav [--series]';

await runCli('meter', () => {
	const args = process.argv.slice(2);
	const series = args.includes('--series');
	const unknown = args.filter((a) => a.startsWith('-') && a !== '--series');
	if (unknown.length) throw new UsageError(`unknown option ${unknown[0]} (${usage})`);
	const files = args.filter((a) => !a.startsWith('-'));
	if (files.length !== 1) throw new UsageError(usage);
	const { channels, sampleRate } = readWavFile(files[0]);
	if (channels.length > 2) {
		throw new UsageError(
			`${files[0]}: ${channels.length} channels; the meter reads mono or stereo`
		);
	}
	process.stdout.write(`${JSON.stringify(meterReport({ channels, sampleRate, series }))}\n`);
});
