import { describe, expect, it } from 'vitest';
import { truePeak } from '../analysis/true-peak';
import { db, sineAmplitude, sineWave } from '../test-signals';
import { renderSystem, systemIds, systems, type SystemId } from './systems';

const sampleRate = 48000;
const length = sampleRate / 2;
const sine = (peak: number, frequency: number) => sineWave({ peak, frequency, sampleRate, length });

/**
 * Steady-state gain (dB) of `system` for a centred (L = R) tone at −30 dBFS, below any limiter, so the
 * chain is linear. Measured on the left channel over the second half of a 0.5 s render.
 */
function responseDb(system: SystemId, frequency: number, side = false): number {
	const peak = 10 ** (-30 / 20);
	const left = sine(peak, frequency);
	const right = side ? left.map((v) => -v) : left.slice();
	const [outLeft, outRight] = renderSystem({ system, channels: [left, right], sampleRate });
	const channel = side ? outLeft.map((v, i) => 0.5 * (v - outRight[i])) : outLeft;
	return db(sineAmplitude({ signal: channel, frequency, sampleRate, start: length / 2 }) / peak);
}
const relativeDb = (system: SystemId, frequency: number) =>
	responseDb(system, frequency) - responseDb(system, 1000);

/** Largest |L − R| relative to the largest |L|. */
function sideRatio(channels: Float32Array[]): number {
	let diff = 0;
	let level = 0;
	for (let i = 0; i < channels[0].length; i++) {
		diff = Math.max(diff, Math.abs(channels[0][i] - channels[1][i]));
		level = Math.max(level, Math.abs(channels[0][i]));
	}
	return diff / level;
}

describe('playback systems', () => {
	it('phone: −20 dB or more at 80 Hz and −10 dB at 150 Hz (vs 1 kHz), and mono', () => {
		expect(relativeDb('phone', 80)).toBeLessThan(-20);
		expect(relativeDb('phone', 150)).toBeLessThan(-10);
		expect(Math.abs(relativeDb('phone', 2000))).toBeLessThan(4);
		const out = renderSystem({
			system: 'phone',
			channels: [sine(0.3, 700), sine(0.3, 1900)],
			sampleRate
		});
		expect(sideRatio(out)).toBeLessThan(1e-6);
	});

	it('laptop: −15 dB or more at 80 Hz, narrow stereo (side −6 dB)', () => {
		expect(relativeDb('laptop', 80)).toBeLessThan(-15);
		const sideDb = responseDb('laptop', 1000, true) - responseDb('laptop', 1000);
		expect(Math.abs(sideDb - -6.02)).toBeLessThan(0.1);
	});

	it('earbuds: bass lift of 2 dB or more at 60 Hz, full stereo', () => {
		expect(relativeDb('earbuds', 60)).toBeGreaterThan(2);
		expect(Math.abs(responseDb('earbuds', 1000, true) - responseDb('earbuds', 1000))).toBeLessThan(
			0.01
		);
	});

	it('car: boosts the low bass (+5 dB or more at 40–100 Hz), with a boom near 65 Hz and a dip near 250 Hz; 1–5 kHz within 1 dB', () => {
		// Cars boost the bass (cabin gain and factory tuning): DOMAIN.md, after Sound On Sound (2022).
		for (const f of [40, 50, 65, 80, 100])
			expect(relativeDb('car', f), `${f} Hz`).toBeGreaterThan(5);
		expect(relativeDb('car', 65)).toBeGreaterThan(relativeDb('car', 100) + 1);
		expect(relativeDb('car', 250)).toBeLessThan(relativeDb('car', 150) - 3);
		expect(relativeDb('car', 250)).toBeLessThan(-1);
		// The door woofers still fall off in the deepest sub.
		expect(relativeDb('car', 18)).toBeLessThan(relativeDb('car', 50) - 3);
		for (const f of [1000, 2000, 3000, 4000, 5000])
			expect(Math.abs(relativeDb('car', f)), `${f} Hz`).toBeLessThan(1);
		// The right channel arrives 1 ms (48 samples) after the left.
		const impulse = new Float32Array(length);
		impulse[1000] = 0.5;
		const [left, right] = renderSystem({
			system: 'car',
			channels: [impulse, impulse.slice()],
			sampleRate
		});
		const argmax = (x: Float32Array) => x.reduce((best, v, i) => (v > x[best] ? i : best), 0);
		expect(argmax(right) - argmax(left)).toBe(48);
	});

	it('club: big sub (+4 dB at 50 Hz) and a mono low end (side −12 dB at 50 Hz, kept at 2 kHz)', () => {
		expect(relativeDb('club', 50)).toBeGreaterThan(4);
		const sideAt50 = responseDb('club', 50, true) - responseDb('club', 50);
		expect(sideAt50).toBeLessThan(-12);
		const sideAt2k = responseDb('club', 2000, true) - responseDb('club', 2000);
		expect(Math.abs(sideAt2k)).toBeLessThan(0.1);
	});

	it.each(['phone', 'laptop', 'club'] as const)(
		'%s limits a loud input to its ceiling (−1 dBTP ± 0.1 dB) without delaying it',
		(system) => {
			let seed = 1;
			const noise = () => {
				seed = (seed * 1103515245 + 12345) % 2147483648;
				return (seed / 2147483648) * 2 - 1;
			};
			const left = Float32Array.from({ length }, () => noise());
			const right = Float32Array.from({ length }, () => noise());
			const out = renderSystem({ system, channels: [left, right], sampleRate });
			expect(truePeak({ channels: out, sampleRate }).dbtp ?? -Infinity).toBeLessThanOrEqual(-0.9);
			// Time alignment: a quiet 1 kHz tone keeps its phase through the limiter stage.
			const tone = sine(0.01, 1000);
			const [aligned] = renderSystem({
				system: { label: '', description: '', stages: [systems[system].stages.at(-1)!] },
				channels: [tone, tone.slice()],
				sampleRate
			});
			let diff = 0;
			for (let i = 0; i < length; i++) diff = Math.max(diff, Math.abs(aligned[i] - tone[i]));
			expect(diff).toBeLessThan(1e-6);
		}
	);

	it('every system leaves its input alone, keeps the length and handles one channel', () => {
		for (const system of systemIds) {
			expect(systems[system].label.length).toBeGreaterThan(0);
			expect(systems[system].description.length).toBeGreaterThan(20);
			const left = sine(0.5, 440);
			const copy = left.slice();
			const [mono] = renderSystem({ system, channels: [left], sampleRate });
			expect(mono.length).toBe(length);
			expect(left).toEqual(copy);
			expect(
				Number.isFinite(
					db(sineAmplitude({ signal: mono, frequency: 440, sampleRate, start: length / 2 }))
				)
			).toBe(true);
		}
		expect(systemIds).toEqual(['phone', 'laptop', 'earbuds', 'car', 'club']);
	});
});
