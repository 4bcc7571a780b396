/** Argument checks shared by the block processors (compressor, limiter). */

/**
 * Checks one `process()` block and returns its length: `channels` and `output` must both have `count`
 * channels, all of equal length, and `gainReductionDb` (if given) must be at least that long.
 */
export function checkBlock({
	channels,
	output,
	count,
	gainReductionDb
}: {
	channels: Float32Array[];
	output: Float32Array[];
	count: number;
	gainReductionDb?: Float32Array;
}): number {
	if (channels.length !== count || output.length !== count) {
		throw new RangeError(`expected ${count} channels`);
	}
	const length = channels[0].length;
	if (channels.some((c) => c.length !== length) || output.some((c) => c.length !== length)) {
		throw new RangeError('channels differ in length');
	}
	if (gainReductionDb && gainReductionDb.length < length) {
		throw new RangeError('gainReductionDb is shorter than the channels');
	}
	return length;
}
