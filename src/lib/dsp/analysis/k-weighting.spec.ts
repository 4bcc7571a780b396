import { describe, expect, it } from 'vitest';
import { kWeight, kWeightingCoefficients, type Biquad } from './k-weighting';

/** Magnitude response in dB of a biquad at `frequency`. */
function responseDb(q: Biquad, frequency: number, sampleRate: number): number {
	const w = (2 * Math.PI * frequency) / sampleRate;
	const re = (c0: number, c1: number, c2: number) => c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
	const im = (c1: number, c2: number) => -c1 * Math.sin(w) - c2 * Math.sin(2 * w);
	const num = Math.hypot(re(q.b0, q.b1, q.b2), im(q.b1, q.b2));
	const den = Math.hypot(re(1, q.a1, q.a2), im(q.a1, q.a2));
	return 20 * Math.log10(num / den);
}

describe('kWeightingCoefficients', () => {
	it('reproduces the BS.1770-5 48 kHz tables to 1e-12', () => {
		const { shelf, highPass } = kWeightingCoefficients(48000);
		const expected = {
			shelf: [
				1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585
			],
			highPass: [1, -2, 1, -1.99004745483398, 0.99007225036621]
		};
		const actual = {
			shelf: [shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2],
			highPass: [highPass.b0, highPass.b1, highPass.b2, highPass.a1, highPass.a2]
		};
		for (const stage of ['shelf', 'highPass'] as const) {
			expected[stage].forEach((value, i) =>
				expect(Math.abs(actual[stage][i] - value)).toBeLessThan(1e-12)
			);
		}
	});

	const totalDb = (sampleRate: number, f: number) => {
		const { shelf, highPass } = kWeightingCoefficients(sampleRate);
		return responseDb(shelf, f, sampleRate) + responseDb(highPass, f, sampleRate);
	};

	it('has the expected 48 kHz response: +0.70 dB at 1 kHz, ≈ −1.1 dB at 100 Hz, ≈ −24 dB at 10 Hz', () => {
		// 1 kHz sits 0.007 dB above the 0.691 dB that the LUFS constant cancels (calibrated at 997 Hz).
		expect(Math.abs(totalDb(48000, 1000) - 0.698)).toBeLessThan(0.005);
		expect(Math.abs(totalDb(48000, 100) - -1.13)).toBeLessThan(0.05);
		expect(totalDb(48000, 10)).toBeLessThan(-20);
		expect(Math.abs(totalDb(48000, 10000) - 4)).toBeLessThan(0.1);
	});

	it.each([8000, 22050, 44100, 96000, 192000])(
		'at %i Hz stays close to the 48 kHz response',
		(sampleRate) => {
			for (const f of [997, 1000]) {
				expect(Math.abs(totalDb(sampleRate, f) - totalDb(48000, f))).toBeLessThan(0.05);
			}
			// The 48 kHz table is not exactly the bilinear image of the prototype: low rates differ by
			// up to ≈ 0.2 dB in the high-pass skirt.
			for (const f of [20, 50, 100, 300]) {
				expect(Math.abs(totalDb(sampleRate, f) - totalDb(48000, f))).toBeLessThan(0.25);
			}
			// Above 1 kHz the bilinear warping near a low Nyquist frequency bends the shelf a little.
			expect(Math.abs(totalDb(sampleRate, 3500) - totalDb(48000, 3500))).toBeLessThan(0.4);
		}
	);

	it('rejects rates outside 8–192 kHz', () => {
		expect(() => kWeightingCoefficients(4000)).toThrow(RangeError);
		expect(() => kWeightingCoefficients(384000)).toThrow(RangeError);
	});
});

describe('kWeight', () => {
	it('gives a 1 kHz sine the +0.69 dB the −0.691 LUFS constant cancels', () => {
		const sampleRate = 48000;
		const samples = new Float32Array(sampleRate);
		for (let i = 0; i < samples.length; i++)
			samples[i] = Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
		const out = kWeight({ samples, sampleRate });
		let sum = 0;
		for (let i = sampleRate / 2; i < sampleRate; i++) sum += out[i] * out[i];
		const gainDb = 10 * Math.log10(sum / (sampleRate / 2) / 0.5);
		expect(Math.abs(gainDb - 0.698)).toBeLessThan(0.01);
	});
});
