/**
 * Shared plumbing for the Node CLIs: reading WAV files and failing with exit code 2 and one clear
 * line on stderr (never a stack trace, never a partial output file).
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { decodeWav, WavError, type DecodedWav } from '../lib/dsp/wav';

/** A problem with what the user asked for; its message is shown as is. */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** Reads and decodes a WAV file, turning every failure into a one-line UsageError. */
export function readWavFile(path: string): DecodedWav {
	if (!existsSync(path)) throw new UsageError(`${path}: no such file`);
	if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a folder, not a WAV file`);
	try {
		return decodeWav(new Uint8Array(readFileSync(path)));
	} catch (error) {
		if (error instanceof WavError) throw new UsageError(`${path}: ${error.message}`);
		throw error;
	}
}

/** Writes a file atomically (temporary file, then rename), so a failure leaves no partial output. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
	const temporary = `${path}.partial-${process.pid}`;
	try {
		writeFileSync(temporary, bytes);
		renameSync(temporary, path);
	} catch (error) {
		rmSync(temporary, { force: true });
		throw new UsageError(
			`${path}: could not write (${(error as NodeJS.ErrnoException).code ?? 'error'})`
		);
	}
}

/** Runs a CLI body; usage and input errors exit 2 with one line, anything else exits 1 with one line. */
export async function runCli(name: string, body: () => Promise<void> | void): Promise<void> {
	try {
		await body();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`${name}: ${message.split('\n')[0]}\n`);
		process.exitCode = error instanceof UsageError ? 2 : 1;
	}
}
