/**
 * The learner's master chain: a low shelf, a bell and a high shelf, then the quick master (glue
 * compressor, and the limiter's gain search to a loudness target under a true-peak ceiling). The
 * processors are `dsp/process`'s and the limiter search is `quickMaster`'s: no second implementation.
 */
import { quickMaster, type MasterReading } from '../dsp/master/quick-master';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import type { Decibels, Hertz, SampleRate } from '../dsp/units';
import type { MasterSettings } from './types';
import { DEFAULT_MASTER } from './master-defaults';

export { DEFAULT_MASTER };

/** Corner of the master's low shelf, Hz. */
export const MASTER_LOW_SHELF_HZ: Hertz = 100;
/** Corner of the master's high shelf, Hz. */
export const MASTER_HIGH_SHELF_HZ: Hertz = 8000;

/** The master's EQ as chain steps (bands at 0 dB left out). */
export function masterEq(settings: MasterSettings): ChainStep[] {
	const steps: ChainStep[] = [];
	if (settings.lowShelfDb !== 0)
		steps.push({
			type: 'lowshelf',
			frequencyHz: MASTER_LOW_SHELF_HZ,
			gainDb: settings.lowShelfDb,
			q: Math.SQRT1_2
		});
	if (settings.bell.gainDb !== 0) steps.push({ type: 'peaking', ...settings.bell });
	if (settings.highShelfDb !== 0)
		steps.push({
			type: 'highshelf',
			frequencyHz: MASTER_HIGH_SHELF_HZ,
			gainDb: settings.highShelfDb,
			q: Math.SQRT1_2
		});
	return steps;
}

/** A mastered mix. */
export interface Mastered {
	channels: Float32Array[];
	/** Every step applied, in order: `applyChain` on the mix reproduces `channels`. */
	chain: ChainStep[];
	before: MasterReading;
	after: MasterReading;
	/** Largest gain reduction of the limiter, dB. */
	gainReductionDb: Decibels;
	/** Gain into the limiter, dB. */
	gainDb: Decibels;
}

/** Masters `channels` with the learner's chain. */
export function masterMix({
	channels,
	sampleRate,
	settings
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	settings: MasterSettings;
}): Mastered {
	const eq = masterEq(settings);
	const shaped =
		eq.length > 0 ? applyChain({ channels, sampleRate, chain: eq }).channels : channels;
	const result = quickMaster(
		{ channels: shaped, sampleRate },
		{
			targetLufs: settings.targetLufs,
			ceilingDbtp: settings.ceilingDbtp,
			tiltDb: 0,
			glue: settings.glue
		}
	);
	return {
		channels: result.channels,
		chain: [...eq, ...result.chain],
		before: result.before,
		after: result.after,
		gainReductionDb: result.limiterMaxGrDb,
		gainDb: result.gainDb
	};
}
