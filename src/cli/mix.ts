/**
 * `npm run --silent mix -- COMMAND …`: mix projects from the command line, over the same pure code
 * the app runs (src/lib/mix).
 * - `render --style S --seed N --level L --out DIR`: writes DIR/stems/<id>.wav (32-bit float, mono or
 *   stereo), DIR/rough.wav (the rough mix as the learner first hears it) and DIR/project.json.
 * - `check DIR [--settings FILE.json|rough|target] [--master-settings FILE.json]`: prints one JSON
 *   object: every check of the mix those settings make (default: rough), mastered with the learner's
 *   chain or the quick master (−14 LUFS, −1 dBTP).
 * - `export DIR --settings FILE.json|rough|target --out OUT.wav [--master]
 *   [--master-settings FILE.json]`: renders that mix (with `--master`, its master) to WAV.
 * Bad input (a missing folder, bad JSON, an unknown stem, a value out of range) exits 2 with one
 * line on stderr and writes nothing.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { styleIds, type StyleId } from '../lib/dsp/synth/styles';
import { loadBank } from '../lib/dsp/synth/render';
import { encodeWav } from '../lib/dsp/wav';
import { checkMix } from '../lib/mix/check';
import { DEFAULT_MASTER, masterMix } from '../lib/mix/master';
import { mixProject } from '../lib/mix/mixer';
import { LEVELS } from '../lib/mix/problems';
import { renderProject } from '../lib/mix/project';
import { parseMasterSettings, parseMixSettings } from '../lib/mix/settings';
import {
	problemKinds,
	stemIds,
	type MixSettings,
	type Problem,
	type Project
} from '../lib/mix/types';
import { bankPath, buildBank } from './build-bank';
import { readWavFile, runCli, UsageError, writeFileAtomic } from './cli-kit';

const usage =
	'usage: mix render --style S --seed N --level L --out DIR | mix check DIR [--settings FILE|rough|target] [--master-settings FILE] | mix export DIR --settings FILE|rough|target --out OUT.wav [--master] [--master-settings FILE]';

/** Options each command takes (true: takes a value). */
const commands: Record<string, Record<string, boolean>> = {
	render: { style: true, seed: true, level: true, out: true },
	check: { settings: true, 'master-settings': true },
	export: { settings: true, out: true, master: false, 'master-settings': true }
};

function parseArgs(argv: string[]) {
	const [command, ...rest] = argv;
	const known = commands[command ?? ''];
	if (!known) throw new UsageError(command ? `unknown command '${command}'; ${usage}` : usage);
	const options = new Map<string, string>();
	const positional: string[] = [];
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (!arg.startsWith('--')) {
			positional.push(arg);
			continue;
		}
		const name = arg.slice(2);
		if (!(name in known)) throw new UsageError(`unknown option ${arg} for '${command}'; ${usage}`);
		if (options.has(name)) throw new UsageError(`${arg} given twice`);
		if (!known[name]) {
			options.set(name, 'true');
			continue;
		}
		const value = rest[++i];
		if (value === undefined) throw new UsageError(`${arg} needs a value; ${usage}`);
		options.set(name, value);
	}
	return { command, options, positional };
}

function integer(options: Map<string, string>, name: string, min: number, max: number): number {
	const text = options.get(name);
	if (text === undefined) throw new UsageError(`--${name} is required; ${usage}`);
	const value = Number(text);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
		throw new UsageError(`--${name} must be a whole number ${min}…${max}, got '${text}'`);
	return value;
}

/** Reads a JSON file into a value, or a one-line UsageError. */
function readJson(path: string): unknown {
	if (!existsSync(path)) throw new UsageError(`${path}: no such file`);
	if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a folder, not a JSON file`);
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new UsageError(`${path}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
	}
}

/** Validated settings, or a UsageError naming the file. */
function parsed<T>(parse: (value: unknown) => T, value: unknown, source: string): T {
	try {
		return parse(value);
	} catch (error) {
		throw new UsageError(`${source}: ${(error as Error).message}`);
	}
}

/** A project folder's description, validated (its stems are read later, once the rest is good). */
function loadDescription(dir: string | undefined) {
	if (!dir) throw new UsageError(`the project folder is required; ${usage}`);
	if (!existsSync(dir) || !statSync(dir).isDirectory())
		throw new UsageError(`${dir}: no such project folder`);
	const file = join(dir, 'project.json');
	const json = readJson(file) as Record<string, unknown>;
	if (typeof json !== 'object' || json === null || !Array.isArray(json.stems))
		throw new UsageError(`${file}: not a mix project`);
	const { style, seed, level, sampleRate } = json as {
		style: StyleId;
		seed: number;
		level: number;
		sampleRate: number;
	};
	if (!styleIds.includes(style)) throw new UsageError(`${file}: unknown style '${String(style)}'`);
	const entries = stemIds.map((id) => {
		const entry = (json.stems as { id: string; name: string; file: string }[]).find(
			(s) => s.id === id
		);
		if (!entry) throw new UsageError(`${file}: stem '${id}' is missing`);
		return { id, name: entry.name, file: entry.file };
	});
	const problems = json.problems as Problem[];
	if (!Array.isArray(problems) || problems.some((p) => !problemKinds.includes(p.kind)))
		throw new UsageError(`${file}: bad problems list`);
	return {
		dir,
		style,
		seed,
		level,
		sampleRate,
		entries,
		problems,
		rough: parsed(parseMixSettings, json.rough, `${file} rough`),
		target: parsed(parseMixSettings, json.target, `${file} target`)
	};
}

/** Reads the stems of a validated description into a project. */
function loadProject(description: ReturnType<typeof loadDescription>): Project {
	const { dir, entries, sampleRate, ...rest } = description;
	const stems = entries.map(({ id, name, file }) => {
		const wav = readWavFile(join(dir, file));
		if (wav.sampleRate !== sampleRate)
			throw new UsageError(`${file}: ${wav.sampleRate} Hz, the project is ${sampleRate} Hz`);
		return { id, name, channels: wav.channels as Float32Array<ArrayBuffer>[] };
	});
	const length = stems[0].channels[0].length;
	if (stems.some((s) => s.channels[0].length !== length))
		throw new UsageError(`${dir}: the stems differ in length`);
	return { ...rest, sampleRate, seconds: length / sampleRate, chorusAt: 0, stems };
}

/** `--settings`: a file, or the words rough or target. */
function settingsFor(
	project: Pick<Project, 'rough' | 'target'>,
	value: string | undefined
): MixSettings {
	if (value === undefined || value === 'rough') return project.rough;
	if (value === 'target') return project.target;
	return parsed(parseMixSettings, readJson(value), value);
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, '\t')}\n`);

await runCli('mix', async () => {
	const { command, options, positional } = parseArgs(process.argv.slice(2));
	if (command === 'render') {
		if (positional.length > 0) throw new UsageError(`unexpected '${positional[0]}'; ${usage}`);
		const style = options.get('style');
		if (!style || !styleIds.includes(style as StyleId))
			throw new UsageError(`--style must be one of ${styleIds.join(', ')}`);
		const seed = integer(options, 'seed', 0, 2 ** 32 - 1);
		const level = integer(options, 'level', LEVELS[0], LEVELS[LEVELS.length - 1]);
		const out = options.get('out');
		if (!out) throw new UsageError(`--out is required; ${usage}`);
		buildBank();
		const bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
		const project = await renderProject({ style: style as StyleId, seed, level, bank });
		const { sampleRate } = project;
		// Everything is rendered and encoded before the first write: a failure leaves no output.
		const stems = project.stems.map((stem) => ({
			...stem,
			file: `stems/${stem.id}.wav`,
			bytes: encodeWav({ channels: stem.channels, sampleRate, format: 'float32' })
		}));
		const rough = encodeWav({
			channels: mixProject({ stems: project.stems, sampleRate, settings: project.rough }),
			sampleRate,
			format: 'float32'
		});
		const description = {
			style: project.style,
			seed: project.seed,
			level: project.level,
			sampleRate,
			stems: stems.map(({ id, name, file }) => ({ id, name, file })),
			rough: project.rough,
			target: project.target,
			problems: project.problems.map(({ id, stem, kind, amount, unit, frequencyHz }) => ({
				id,
				stem,
				kind,
				amount,
				unit,
				...(frequencyHz === undefined ? {} : { frequencyHz })
			}))
		};
		try {
			mkdirSync(join(out, 'stems'), { recursive: true });
		} catch (error) {
			throw new UsageError(
				`${out}: could not create the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`
			);
		}
		for (const stem of stems) writeFileAtomic(join(out, stem.file), stem.bytes);
		writeFileAtomic(join(out, 'rough.wav'), rough);
		writeFileAtomic(join(out, 'project.json'), json(description));
		return;
	}
	if (positional.length !== 1) throw new UsageError(usage);
	const description = loadDescription(positional[0]);
	const settings = settingsFor(description, options.get('settings'));
	const masterFile = options.get('master-settings');
	const master = masterFile
		? parsed(parseMasterSettings, readJson(masterFile), masterFile)
		: DEFAULT_MASTER;
	const out = options.get('out');
	if (command === 'export') {
		if (!out) throw new UsageError(`--out is required; ${usage}`);
		if (!options.has('settings')) throw new UsageError(`--settings is required; ${usage}`);
	}
	const project = loadProject(description);
	if (command === 'check') {
		const result = checkMix({ project, settings, master });
		process.stdout.write(`${JSON.stringify(result, null, '\t')}\n`);
		return;
	}
	const { sampleRate } = project;
	let channels = mixProject({ stems: project.stems, sampleRate, settings });
	if (options.has('master'))
		channels = masterMix({ channels, sampleRate, settings: master }).channels;
	writeFileAtomic(out!, encodeWav({ channels, sampleRate, format: 'float32' }));
});
