/**
 * The level the dynamics drills (`limiter`, `compression`, `clipping`) assume for their source. The
 * generator never sees the audio, so amounts are set against the sources' known gain staging:
 * arrangements peak at −6 dBFS (renderArrangement's default) and sit around −20 LUFS; pink noise at
 * −20 dBFS RMS peaks within about a dB of that.
 */
import type { Dbfs } from '../dsp/units';

/** The sample peak the dynamics drills assume for their source, dBFS. */
export const ASSUMED_SOURCE_PEAK_DBFS: Dbfs = -6;
