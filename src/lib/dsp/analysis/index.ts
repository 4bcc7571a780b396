/** Public API of the loudness, level and spectrum meters (pure TypeScript: Node, browser, Worker). */
export { kWeight, kWeightingCoefficients, KWeightingFilter, type Biquad } from './k-weighting';
export { measureLoudness, type LoudnessPoint, type LoudnessResult } from './loudness';
export {
	oversamplingFactor,
	truePeak,
	truePeakOvers,
	truePeakPerHop,
	TruePeakInterpolator
} from './true-peak';
export {
	correlationSeries,
	crestFactor,
	peakToLoudness,
	rmsLevel,
	samplePeak,
	stereoCorrelation,
	type TimePoint
} from './levels';
export { THIRD_OCTAVE_NOMINAL, thirdOctaveBands, thirdOctaveSpectrum, type Band } from './spectrum';
