/**
 * `npm run --silent drill -- KIND --seed N --level L --out DIR [--source STYLE|pink-noise]
 * [--seconds S]`: writes one 32-bit float WAV per version exactly as the app plays it (processed,
 * then loudness-matched with the −1 dBTP guard) and `question.json` (kind, seed, level, sample rate,
 * source, each version's file, matching gain and chain, the choices and the answer). Teachers audit
 * drills with it; tests use it. Bad arguments exit 2 with one line on stderr and write nothing.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../lib/dsp/synth/render';
import { encodeWav } from '../lib/dsp/wav';
import { generateQuestion } from '../lib/drills/question-rng';
import { drillKinds, getDrillKind } from '../lib/drills/registry';
import { renderQuestion } from '../lib/drills/render-question';
import { renderSourceAudio } from '../lib/drills/source-audio';
import { styleForSeed, styleIds, type StyleId } from '../lib/dsp/synth/styles';
import type { DrillSource } from '../lib/drills/types';
import { bankPath, buildBank } from './build-bank';
import { runCli, UsageError, writeFileAtomic } from './cli-kit';

const sampleRate = 44100;
const sources = [...styleIds, 'pink-noise'];
const usage =
	'usage: drill KIND --seed N --level L --out DIR [--source ' +
	`${sources.join('|')}] [--seconds S]`;

/** Parsed command line. */
interface DrillArgs {
	kind: string;
	seed: number;
	level: number;
	out: string;
	source?: string;
	seconds: number;
}

function parseArgs(argv: string[]): DrillArgs {
	const options = new Map<string, string>();
	const positional: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) {
			positional.push(arg);
			continue;
		}
		const name = arg.slice(2);
		if (!['seed', 'level', 'out', 'source', 'seconds'].includes(name)) {
			throw new UsageError(`unknown option ${arg}; ${usage}`);
		}
		const value = argv[++i];
		if (value === undefined) throw new UsageError(`${arg} needs a value; ${usage}`);
		if (options.has(name)) throw new UsageError(`${arg} given twice`);
		options.set(name, value);
	}
	if (positional.length !== 1) throw new UsageError(usage);
	const integer = (name: string, min: number, max: number): number => {
		const text = options.get(name);
		if (text === undefined) throw new UsageError(`--${name} is required; ${usage}`);
		const value = Number(text);
		if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
			throw new UsageError(`--${name} must be an integer ${min}…${max}, got '${text}'`);
		}
		return value;
	};
	const kind = positional[0];
	const drill = getDrillKind(kind);
	if (!drill) {
		throw new UsageError(
			`unknown drill kind '${kind}' (known: ${drillKinds.map((k) => k.id).join(', ')})`
		);
	}
	const seed = integer('seed', 0, 2 ** 32 - 1);
	const level = integer('level', 0, drill.levels.length - 1);
	const out = options.get('out');
	if (!out) throw new UsageError(`--out is required; ${usage}`);
	const source = options.get('source');
	if (source !== undefined && !sources.includes(source)) {
		throw new UsageError(`unknown --source '${source}' (known: ${sources.join(', ')})`);
	}
	const secondsText = options.get('seconds') ?? '8';
	const seconds = Number(secondsText);
	if (!Number.isFinite(seconds) || seconds < 1 || seconds > 60) {
		throw new UsageError(`--seconds must be a number 1…60, got '${secondsText}'`);
	}
	return { kind, seed, level, out, source, seconds };
}

await runCli('drill', async () => {
	const args = parseArgs(process.argv.slice(2));
	const style = (args.source ?? styleForSeed(args.seed)) as StyleId | 'pink-noise';
	const drill = getDrillKind(args.kind)!;
	if (drill.stems && style === 'pink-noise')
		throw new UsageError(`${args.kind} is made from a song's stems: --source must be a style`);
	const source: DrillSource = drill.stems
		? { kind: 'stems', style: style as StyleId }
		: style === 'pink-noise'
			? { kind: 'pink-noise' }
			: { kind: 'arrangement', style };
	let bank;
	if (source.kind !== 'pink-noise') {
		buildBank();
		bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
	}
	const question = generateQuestion({
		kind: args.kind as Parameters<typeof generateQuestion>[0]['kind'],
		level: args.level,
		seed: args.seed,
		source
	});
	const audio = await renderSourceAudio({
		source,
		seed: args.seed,
		seconds: args.seconds,
		sampleRate,
		bank
	});
	const { versions } = renderQuestion({ question, source: audio });
	// Everything is rendered and encoded before the first write: a failure leaves no output.
	const files = versions.map((v) => ({
		name: `${v.id}.wav`,
		bytes: encodeWav({ channels: v.channels, sampleRate, format: 'float32' })
	}));
	const json = {
		kind: question.kind,
		seed: args.seed,
		level: args.level,
		sampleRate,
		source: style,
		versions: versions.map((v, i) => ({
			id: v.id,
			file: files[i].name,
			matchGainDb: Math.round(v.matchGainDb * 100) / 100,
			chain: v.chain,
			...(question.versions[i].stemGains ? { stemGains: question.versions[i].stemGains } : {})
		})),
		choices: question.choices.map(({ id, label }) => ({ id, label })),
		answer: question.answer
	};
	try {
		mkdirSync(args.out, { recursive: true });
	} catch (error) {
		throw new UsageError(
			`${args.out}: could not create the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`
		);
	}
	for (const file of files) writeFileAtomic(join(args.out, file.name), file.bytes);
	writeFileAtomic(
		join(args.out, 'question.json'),
		new TextEncoder().encode(`${JSON.stringify(json, null, '\t')}\n`)
	);
});
