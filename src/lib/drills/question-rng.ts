/**
 * Builds a question from a seed: the rng is `createRng(seed)`, so the same kind, level, seed and
 * source always give the same question (what a stored attempt replays from).
 */
import { createRng } from '../dsp/synth/rng';
import { getDrillKind } from './registry';
import type { DrillKindId, DrillSource, Question } from './types';

/** Generates the question for `kind` at `level` from `seed`; throws RangeError on a bad kind or level. */
export function generateQuestion({
	kind,
	level,
	seed,
	source
}: {
	kind: DrillKindId;
	level: number;
	seed: number;
	source: DrillSource;
}): Question {
	const drill = getDrillKind(kind);
	if (!drill) throw new RangeError(`unknown drill kind: ${kind}`);
	if (!Number.isInteger(level) || level < 0 || level >= drill.levels.length) {
		throw new RangeError(`${kind}: level must be an integer 0…${drill.levels.length - 1}`);
	}
	if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
	return drill.generate({ level, rng: createRng(seed), seed, source });
}
