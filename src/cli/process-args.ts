/** Parses the `process` CLI's options into a processing chain, with one clear error each. */
import type { ChainStep } from '../lib/dsp/process/chain';
import { systemIds, type SystemId } from '../lib/dsp/process/systems';
import { UsageError } from './cli-kit';

export const usage =
	'usage: process IN.wav OUT.wav [--gain DB] [--peaking F,GAIN_DB,Q] [--lowshelf F,GAIN_DB,Q] ' +
	'[--highshelf F,GAIN_DB,Q] [--highpass F,Q] [--lowpass F,Q] ' +
	'[--compress THRESH_DB,RATIO,ATTACK_MS,RELEASE_MS] [--limit CEILING_DBTP] [--clip DB] [--mono] ' +
	'[--width FACTOR] [--polarity CHANNEL] [--delay CHANNEL,MS] [--system phone|laptop|earbuds|car|club] ' +
	'[--normalize LUFS]';

/** How many comma-separated numbers each option takes, and the names used in messages. */
const numeric: Record<string, string[]> = {
	gain: ['DB'],
	peaking: ['F', 'GAIN_DB', 'Q'],
	lowshelf: ['F', 'GAIN_DB', 'Q'],
	highshelf: ['F', 'GAIN_DB', 'Q'],
	highpass: ['F', 'Q'],
	lowpass: ['F', 'Q'],
	compress: ['THRESH_DB', 'RATIO', 'ATTACK_MS', 'RELEASE_MS'],
	limit: ['CEILING_DBTP'],
	clip: ['DB'],
	width: ['FACTOR'],
	polarity: ['CHANNEL'],
	delay: ['CHANNEL', 'MS'],
	normalize: ['LUFS']
};

function numbers(option: string, value: string | undefined): number[] {
	const names = numeric[option];
	const shape = names.join(',');
	if (value === undefined || value.startsWith('--')) {
		throw new UsageError(`--${option} needs ${shape}`);
	}
	const parts = value.split(',');
	const parsed = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
	if (parts.length !== names.length || parsed.some((n) => !Number.isFinite(n))) {
		throw new UsageError(`--${option} takes ${shape}, got "${value}"`);
	}
	return parsed;
}

function requireRange(ok: boolean, message: string) {
	if (!ok) throw new UsageError(message);
}

/** Turns argv (after the script name) into input, output and steps in the order given. */
export function parseProcessArgs(
	argv: string[],
	sampleRate?: number
): { input: string; output: string; steps: ChainStep[] } {
	const files: string[] = [];
	const steps: ChainStep[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) {
			files.push(arg);
			continue;
		}
		const option = arg.slice(2);
		if (option === 'mono') {
			steps.push({ type: 'mono' });
		} else if (option === 'system') {
			const system = argv[++i];
			if (!systemIds.includes(system as SystemId)) {
				throw new UsageError(
					`--system takes one of ${systemIds.join(', ')}, got "${system ?? ''}"`
				);
			}
			steps.push({ type: 'system', system: system as SystemId });
		} else if (option in numeric) {
			const n = numbers(option, argv[++i]);
			switch (option) {
				case 'gain':
					steps.push({ type: 'gain', gainDb: n[0] });
					break;
				case 'peaking':
				case 'lowshelf':
				case 'highshelf':
					requireRange(n[0] > 0, `--${option}: frequency must be above 0 Hz`);
					requireRange(n[2] > 0, `--${option}: Q must be above 0`);
					steps.push({ type: option, frequencyHz: n[0], gainDb: n[1], q: n[2] });
					break;
				case 'highpass':
				case 'lowpass':
					requireRange(n[0] > 0, `--${option}: frequency must be above 0 Hz`);
					requireRange(n[1] > 0, `--${option}: Q must be above 0`);
					steps.push({ type: option, frequencyHz: n[0], q: n[1] });
					break;
				case 'compress':
					requireRange(n[1] >= 1, '--compress: RATIO must be 1 or more');
					requireRange(
						n[2] >= 0 && n[3] > 0,
						'--compress: ATTACK_MS must be ≥ 0 and RELEASE_MS > 0'
					);
					steps.push({
						type: 'compress',
						thresholdDb: n[0],
						ratio: n[1],
						attackMs: n[2],
						releaseMs: n[3]
					});
					break;
				case 'limit':
					requireRange(n[0] <= 0, '--limit: CEILING_DBTP must be 0 or below');
					steps.push({ type: 'limit', ceilingDbtp: n[0] });
					break;
				case 'clip':
					requireRange(n[0] >= 0, '--clip: DB (drive into the clipper) must be 0 or more');
					steps.push({ type: 'clip', driveDb: n[0] });
					break;
				case 'width':
					requireRange(n[0] >= 0 && n[0] <= 4, '--width: FACTOR must be between 0 and 4');
					steps.push({ type: 'width', factor: n[0] });
					break;
				case 'polarity':
					requireRange(n[0] === 0 || n[0] === 1, '--polarity: CHANNEL is 0 (left) or 1 (right)');
					steps.push({ type: 'polarity', channel: n[0] });
					break;
				case 'delay':
					requireRange(n[0] === 0 || n[0] === 1, '--delay: CHANNEL is 0 (left) or 1 (right)');
					requireRange(n[1] >= 0 && n[1] <= 50, '--delay: MS must be between 0 and 50');
					steps.push({ type: 'delay', channel: n[0], delayMs: n[1] });
					break;
				case 'normalize':
					requireRange(n[0] < 0, '--normalize: LUFS must be below 0');
					steps.push({ type: 'normalize', targetLufs: n[0] });
					break;
			}
		} else {
			throw new UsageError(`unknown option ${arg}`);
		}
	}
	if (files.length !== 2) throw new UsageError(usage);
	if (sampleRate !== undefined) checkFrequencies(steps, sampleRate);
	return { input: files[0], output: files[1], steps };
}

/** Filter frequencies must sit below Nyquist of the input file. */
export function checkFrequencies(steps: ChainStep[], sampleRate: number): void {
	for (const step of steps) {
		if ('frequencyHz' in step && step.frequencyHz >= sampleRate / 2) {
			throw new UsageError(
				`--${step.type}: ${step.frequencyHz} Hz is at or above Nyquist (${sampleRate / 2} Hz) for this file`
			);
		}
	}
}
