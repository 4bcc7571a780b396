/**
 * Renders a question's versions from one source clip: applies each version's chain (applyChain),
 * then loudness-matches them (ITU-R BS.1770 integrated loudness) to the original's loudness, with a
 * true-peak guard that lowers all versions together so none exceeds the ceiling (−1 dBTP). The gains
 * come from `matchGains` (the matcher's closed form); a version with an empty chain reuses the
 * source's cached loudness and true peak instead of measuring the same audio again. Versions differ only by their
 * chains and the matching gain. With `matched: false` (the lesson that demonstrates loudness bias)
 * the versions keep their own levels and only the common true-peak guard applies.
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { matchGains } from '../dsp/process/loudness-match';
import { dbToGain, type Dbfs, type Decibels, type Lufs, type SampleRate } from '../dsp/units';
import type { StemId } from '../mix/types';
import type { Question } from './types';

/** The clip a question is rendered from, with its loudness and true peak if already measured. */
export interface QuestionSourceAudio {
	channels: Float32Array[];
	sampleRate: SampleRate;
	/** Integrated loudness of `channels` (null for silence), if known. */
	loudness?: Lufs | null;
	/** True peak of `channels`, dBTP (null for silence), if known. */
	truePeak?: Dbfs | null;
	/**
	 * Stem sources: each stem as it sits in `channels` (stereo, after its fader and pan), which sum
	 * to `channels`; a version's `stemGains` move them.
	 */
	stems?: Partial<Record<StemId, Float32Array[]>>;
}

/** One rendered version, ready to play: processed and loudness-matched. */
export interface RenderedVersion {
	id: string;
	channels: Float32Array[];
	/** The matching gain applied after the chain, dB. */
	matchGainDb: Decibels;
	chain: ChainStep[];
	/** Gain reduction per sample of the chain's last dynamics step (compress or limit), if any. */
	gainReductionDb?: Float32Array;
}

/** The default true-peak ceiling for matched versions (EBU R128 and streaming advice). */
export const MATCH_CEILING_DBTP: Dbfs = -1;

/** Renders and loudness-matches every version of `question` from `source`. */
export function renderQuestion({
	question,
	source,
	ceilingDbtp = MATCH_CEILING_DBTP,
	matched = true
}: {
	question: Pick<Question, 'versions' | 'match'>;
	source: QuestionSourceAudio;
	ceilingDbtp?: Dbfs;
	/** Loudness-match the versions (default); false keeps their levels apart, guard only. */
	matched?: boolean;
}): {
	versions: RenderedVersion[];
	/** The common loudness after matching; null when not matched or every version is silent. */
	matchedLufs: Lufs | null;
} {
	const { sampleRate } = source;
	let sourceMeasure: { loudness: Lufs | null; peak: Dbfs | null } | undefined;
	const measureSource = () =>
		(sourceMeasure ??= {
			loudness:
				source.loudness !== undefined
					? source.loudness
					: measureLoudness({ channels: source.channels, sampleRate }).integrated,
			peak:
				source.truePeak !== undefined
					? source.truePeak
					: truePeak({ channels: source.channels, sampleRate }).dbtp
		});

	const processed = question.versions.map((version) => {
		const moved = remixed({ source, stemGains: version.stemGains });
		if (!moved && version.chain.length === 0) {
			// The original: no copy yet, and its measurements come from the cache when given.
			return { version, channels: null, gainReductionDb: undefined, ...measureSource() };
		}
		const { channels, gainReductionDb } = applyChain({
			channels: moved ?? source.channels,
			sampleRate,
			chain: version.chain
		});
		return {
			version,
			channels,
			gainReductionDb: [...gainReductionDb.values()].at(-1),
			loudness: measureLoudness({ channels, sampleRate }).integrated,
			peak: truePeak({ channels, sampleRate }).dbtp
		};
	});

	// Match to the original when there is one, so the matched level does not depend on the EQ.
	const original = processed.find((p) => p.channels === null && p.loudness !== null);
	const reference =
		original?.loudness ?? processed.find((p) => p.loudness !== null)?.loudness ?? null;
	const { gainsDb, matchedLufs } = matchGains({
		levels: processed,
		reference,
		ceilingDbtp,
		matched: matched && question.match !== false
	});
	return {
		versions: processed.map((p, i) => ({
			id: p.version.id,
			channels: scaled({
				input: p.channels ?? source.channels,
				gainDb: gainsDb[i],
				inPlace: p.channels !== null
			}),
			matchGainDb: gainsDb[i],
			chain: p.version.chain,
			gainReductionDb: p.gainReductionDb
		})),
		matchedLufs
	};
}

/**
 * The source with its stems' faders moved by `stemGains` (each moved stem added back in at g − 1 of
 * its level in the mix), or null when nothing moves. Throws when the source has no such stem.
 */
export function remixed({
	source,
	stemGains
}: {
	source: QuestionSourceAudio;
	stemGains?: Partial<Record<StemId, Decibels>>;
}): Float32Array[] | null {
	const moves = Object.entries(stemGains ?? {}).filter(([, db]) => db !== 0) as [
		StemId,
		Decibels
	][];
	if (moves.length === 0) return null;
	const channels = source.channels.map((c) => c.slice());
	for (const [id, db] of moves) {
		const stem = source.stems?.[id];
		if (!stem) throw new Error(`this source has no ${id} stem to move`);
		const extra = dbToGain(db) - 1;
		stem.forEach((samples, c) => {
			const out = channels[c];
			for (let i = 0; i < out.length; i++) out[i] += extra * samples[i];
		});
	}
	return channels;
}

/** Scales channels by `gainDb`, in place (for buffers this module owns) or into new arrays. */
function scaled({
	input,
	gainDb,
	inPlace
}: {
	input: Float32Array[];
	gainDb: Decibels;
	inPlace: boolean;
}): Float32Array[] {
	const gain = dbToGain(gainDb);
	return input.map((samples) => {
		const out = inPlace ? samples : new Float32Array(samples.length);
		for (let i = 0; i < samples.length; i++) out[i] = samples[i] * gain;
		return out;
	});
}
