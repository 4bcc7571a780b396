#!/usr/bin/env node
/**
 * Starts a TypeScript CLI from src/cli without a TypeScript loader's start-up cost (about 0.3 s with
 * tsx), which matters for the meter and process CLIs that are timed against ffmpeg and sox as whole
 * processes. This one file is JavaScript because it has to run before any TypeScript can.
 *
 * `node src/cli/run.mjs NAME args…` bundles src/cli/NAME.ts with esbuild into
 * node_modules/.cache/mftm-cli/NAME.mjs the first time, and again whenever one of the bundle's source
 * files is newer than it; otherwise it imports the cached bundle straight away.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(join(root, 'src/cli', `${name}.ts`))) {
	process.stderr.write(`run: no CLI called "${name ?? ''}" in src/cli\n`);
	process.exit(2);
}
const cache = join(root, 'node_modules/.cache/mftm-cli');
const bundle = join(cache, `${name}.mjs`);
const inputsFile = join(cache, `${name}.inputs.json`);

function fresh() {
	if (!existsSync(bundle) || !existsSync(inputsFile)) return false;
	const built = statSync(bundle).mtimeMs;
	const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
	return inputs.every(
		(file) => existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs <= built
	);
}

if (!fresh()) {
	const { build } = await import('esbuild');
	mkdirSync(cache, { recursive: true });
	const result = await build({
		entryPoints: [join(root, 'src/cli', `${name}.ts`)],
		outfile: bundle,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		metafile: true,
		logLevel: 'error',
		absWorkingDir: root
	});
	writeFileSync(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
}
process.argv = [process.argv[0], join(root, 'src/cli', `${name}.ts`), ...args];
await import(pathToFileURL(bundle).href);
