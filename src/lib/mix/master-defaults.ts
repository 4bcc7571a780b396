/** The master chain a learner starts from (light on imports, so the Mix Lab page can show it). */
import type { MasterSettings } from './types';

/** What a streaming-ready master aims at, with the EQ flat: the quick master's defaults. */
export const DEFAULT_MASTER: MasterSettings = {
	lowShelfDb: 0,
	bell: { frequencyHz: 2000, gainDb: 0, q: 0.7 },
	highShelfDb: 0,
	glue: true,
	targetLufs: -14,
	ceilingDbtp: -1
};
