/** A sine test tone that loops without a click. */
import { dbToGain, type Dbfs, type Hertz, type SampleRate, type Seconds } from '../units';

/**
 * Renders a sine at `peakDbfs`. The frequency is rounded so a whole number of cycles fits the clip,
 * which makes the end meet the start: looping it adds no discontinuity.
 */
export function loopableSine({
	frequency,
	seconds,
	sampleRate,
	peakDbfs
}: {
	frequency: Hertz;
	seconds: Seconds;
	sampleRate: SampleRate;
	peakDbfs: Dbfs;
}): Float32Array {
	const length = Math.round(seconds * sampleRate);
	const cycles = Math.max(1, Math.round((frequency * length) / sampleRate));
	const amplitude = dbToGain(peakDbfs);
	const out = new Float32Array(length);
	const step = (2 * Math.PI * cycles) / length;
	for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(step * i);
	return out;
}
