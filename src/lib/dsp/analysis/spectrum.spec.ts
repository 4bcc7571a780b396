import { describe, expect, it } from 'vitest';
import { lcgNoise as noise, sineWave } from '../test-signals';
import { THIRD_OCTAVE_NOMINAL, thirdOctaveBands, thirdOctaveSpectrum } from './spectrum';

function sine(amplitude: number, frequency: number, sampleRate: number, seconds = 2): Float32Array {
	const length = Math.round(seconds * sampleRate);
	return sineWave({ peak: amplitude, frequency, sampleRate, length });
}

const bandDb = (bands: ReturnType<typeof thirdOctaveSpectrum>, nominal: number) =>
	bands.find((b) => b.nominal === nominal)!.db;

describe('thirdOctaveBands', () => {
	it('has 31 base-10 bands from 20 Hz to 20 kHz, each 1/3 octave wide and contiguous', () => {
		const bands = thirdOctaveBands();
		expect(bands).toHaveLength(31);
		expect(THIRD_OCTAVE_NOMINAL[17]).toBe(1000);
		expect(bands[17].centre).toBe(1000);
		for (const band of bands) {
			expect(Math.abs(band.centre / band.nominal - 1)).toBeLessThan(0.03);
			expect(Math.abs(band.upper / band.lower - Math.pow(10, 0.1))).toBeLessThan(1e-12);
		}
		for (let i = 1; i < bands.length; i++) {
			expect(Math.abs(bands[i].lower - bands[i - 1].upper)).toBeLessThan(1e-9);
		}
	});
});

describe('thirdOctaveSpectrum', () => {
	it.each([44100, 48000, 96000])(
		'puts a full-scale 1 kHz sine at −3.01 dB in the 1 kHz band (%i Hz)',
		(sampleRate) => {
			const bands = thirdOctaveSpectrum({ channels: [sine(1, 1000, sampleRate)], sampleRate });
			expect(Math.abs((bandDb(bands, 1000) as number) + 3.01)).toBeLessThan(0.1);
			expect(bandDb(bands, 800) as number).toBeLessThan(-60);
			expect(bandDb(bands, 1250) as number).toBeLessThan(-60);
		}
	);

	it('finds a 63 Hz tone in the 63 Hz band', () => {
		const bands = thirdOctaveSpectrum({ channels: [sine(0.5, 63, 48000, 4)], sampleRate: 48000 });
		expect(Math.abs((bandDb(bands, 63) as number) - (20 * Math.log10(0.5) - 3.01))).toBeLessThan(
			0.2
		);
	});

	it('conserves power: white-noise bands sum to its mean square and rise ≈ 1 dB per band', () => {
		const sampleRate = 44100;
		const x = noise(4 * sampleRate, 7);
		const bands = thirdOctaveSpectrum({ channels: [x], sampleRate });
		const total = bands.reduce((sum, b) => sum + (b.db === null ? 0 : Math.pow(10, b.db / 10)), 0);
		const meanSquare = x.reduce((sum, v) => sum + v * v, 0) / x.length;
		expect(Math.abs(10 * Math.log10(total / meanSquare))).toBeLessThan(0.1);
		const slope = ((bandDb(bands, 8000) as number) - (bandDb(bands, 1000) as number)) / 9;
		expect(Math.abs(slope - 10 * Math.log10(Math.pow(2, 1 / 3)))).toBeLessThan(0.1);
	});

	it('returns null for bands above Nyquist and for silence', () => {
		const bands = thirdOctaveSpectrum({ channels: [sine(0.5, 1000, 8000)], sampleRate: 8000 });
		expect(bandDb(bands, 4000)).not.toBeNull();
		expect(bandDb(bands, 5000)).toBeNull();
		const silent = thirdOctaveSpectrum({ channels: [new Float32Array(48000)], sampleRate: 48000 });
		expect(silent.every((b) => b.db === null)).toBe(true);
	});

	it('handles a signal shorter than one frame', () => {
		const bands = thirdOctaveSpectrum({
			channels: [sine(1, 1000, 48000, 0.05)],
			sampleRate: 48000
		});
		expect(Math.abs((bandDb(bands, 1000) as number) + 3.01)).toBeLessThan(0.5);
	});

	it('rejects an FFT size that is not a power of two', () => {
		expect(() =>
			thirdOctaveSpectrum({ channels: [new Float32Array(10)], sampleRate: 48000, fftSize: 1000 })
		).toThrow(RangeError);
	});
});
