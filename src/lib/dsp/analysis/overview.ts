/** Compact pictures of a clip for small screens: waveform envelopes and traces reduced to buckets. */

/**
 * The lowest and highest sample of each of `buckets` equal slices, over all channels (a waveform
 * overview: a heavily limited master shows as a flat-topped "wall").
 */
export function waveformOverview({
	channels,
	buckets
}: {
	channels: Float32Array[];
	buckets: number;
}): { min: number[]; max: number[] } {
	const length = channels[0]?.length ?? 0;
	const min = new Array<number>(buckets).fill(0);
	const max = new Array<number>(buckets).fill(0);
	for (let b = 0; b < buckets; b++) {
		const start = Math.floor((b * length) / buckets);
		const end = Math.max(start + 1, Math.floor(((b + 1) * length) / buckets));
		let lo = Infinity;
		let hi = -Infinity;
		for (const samples of channels) {
			for (let i = start; i < end && i < length; i++) {
				const v = samples[i];
				if (v < lo) lo = v;
				if (v > hi) hi = v;
			}
		}
		min[b] = Number.isFinite(lo) ? lo : 0;
		max[b] = Number.isFinite(hi) ? hi : 0;
	}
	return { min, max };
}

/** The largest value of each of `buckets` equal slices of a trace (e.g. gain reduction in dB). */
export function bucketMax({ trace, buckets }: { trace: Float32Array; buckets: number }): number[] {
	const out = new Array<number>(buckets).fill(0);
	for (let b = 0; b < buckets; b++) {
		const start = Math.floor((b * trace.length) / buckets);
		const end = Math.max(start + 1, Math.floor(((b + 1) * trace.length) / buckets));
		let hi = -Infinity;
		for (let i = start; i < end && i < trace.length; i++) if (trace[i] > hi) hi = trace[i];
		out[b] = Number.isFinite(hi) ? hi : 0;
	}
	return out;
}
