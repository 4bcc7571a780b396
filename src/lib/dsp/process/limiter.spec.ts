import { describe, expect, it } from 'vitest';
import { truePeak } from '../analysis/true-peak';
import { mulberry32 } from '../test-signals';
import { limit, Limiter } from './limiter';

type Kind = 'noise' | 'sines' | 'burst' | 'clicks';
const KINDS: Kind[] = ['noise', 'sines', 'burst', 'clicks'];

/**
 * One test clip (0.25 s): white noise, a mixture of sines (some near Nyquist, where inter-sample peaks
 * are largest), a silent clip with a sudden loud burst, or sparse impulses on a quiet tone. Peak
 * normalized to between −3 and 0 dBFS before the drive.
 */
function makeClip(seed: number) {
	const random = mulberry32(seed);
	const sampleRate = random() < 0.5 ? 44100 : 48000;
	const channelCount = random() < 0.7 ? 2 : 1;
	const kind = KINDS[seed % KINDS.length];
	const length = Math.round(0.25 * sampleRate);
	const channels = Array.from({ length: channelCount }, () => new Float32Array(length));
	const partials = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
		frequency: random() < 0.4 ? 8000 + random() * 13000 : 40 + random() * 4000,
		amplitude: 0.2 + random(),
		phase: random() * 2 * Math.PI
	}));
	const burstStart = Math.floor(random() * length * 0.8);
	const burstLength = Math.floor(32 + random() * length * 0.3);
	for (let c = 0; c < channelCount; c++) {
		const x = channels[c];
		const pan = c === 0 ? 1 : 0.3 + random();
		for (let n = 0; n < length; n++) {
			let v = 0;
			if (kind === 'noise') v = 2 * random() - 1;
			else if (kind === 'sines' || kind === 'burst') {
				for (const p of partials) {
					v += p.amplitude * Math.sin((2 * Math.PI * p.frequency * n) / sampleRate + p.phase);
				}
				if (kind === 'burst' && (n < burstStart || n >= burstStart + burstLength)) v *= 0.01;
			} else {
				v = 0.05 * Math.sin((2 * Math.PI * 220 * n) / sampleRate);
				if (random() < 0.002) v += random() < 0.5 ? 1 : -1;
			}
			x[n] = v * pan;
		}
	}
	let peak = 0;
	for (const x of channels) for (const v of x) peak = Math.max(peak, Math.abs(v));
	const scale = 10 ** ((-3 * random()) / 20) / peak;
	for (const x of channels) for (let n = 0; n < length; n++) x[n] *= scale;
	const driveDb = 15 * random();
	const ceilingDbtp = [-1, -1, -0.3, -2, -6][Math.floor(random() * 5)];
	const lookaheadMs = 1.5 + 3.5 * random();
	const releaseMs = 10 + 190 * random();
	return { channels, sampleRate, kind, driveDb, ceilingDbtp, lookaheadMs, releaseMs };
}

/** Allowed true-peak overshoot of the ceiling. */
const OVERSHOOT_DB = 0.1;

describe('Limiter over 1,000 seeded clips', () => {
	it('never exceeds the true-peak ceiling by more than 0.1 dB and never clicks', () => {
		let worstOvershootDb = -Infinity;
		let worstGainStep = 0;
		let worstExtraJump = 0;
		let limitedClips = 0;
		for (let seed = 1; seed <= 1000; seed++) {
			const clip = makeClip(seed);
			const { channels, sampleRate, driveDb } = clip;
			const result = limit(clip);
			const out = truePeak({ channels: result.channels, sampleRate });
			const overshoot = (out.dbtp ?? -Infinity) - clip.ceilingDbtp;
			worstOvershootDb = Math.max(worstOvershootDb, overshoot);
			expect(overshoot, `clip ${seed} (${clip.kind})`).toBeLessThanOrEqual(OVERSHOOT_DB);
			// Clicks, part 1: the gain (linear) moves by at most 1/L per sample, L = ramp length.
			const gr = result.gainReductionDb;
			let maxStep = 0;
			let previousGain = 10 ** (-gr[0] / 20);
			for (let n = 1; n < gr.length; n++) {
				const gain = 10 ** (-gr[n] / 20);
				maxStep = Math.max(maxStep, Math.abs(gain - previousGain));
				previousGain = gain;
			}
			worstGainStep = Math.max(worstGainStep, maxStep * result.rampSamples);
			expect(maxStep * result.rampSamples, `clip ${seed} gain step`).toBeLessThan(1 + 1e-4);
			if (gr.some((v) => v > 0.5)) limitedClips++;
			// Clicks, part 2: an output step is never larger than the driven input's step at the same
			// (time-aligned) place plus what a gain ramp of slope 1/L can add, |x|·1/L.
			const drive = 10 ** (driveDb / 20);
			for (let c = 0; c < channels.length; c++) {
				const x = channels[c];
				const y = result.channels[c];
				for (let n = 1; n < x.length; n++) {
					const inputJump = drive * Math.abs(x[n] - x[n - 1]);
					const margin = (drive * Math.abs(x[n - 1])) / result.rampSamples + 1e-6;
					const extra = Math.abs(y[n] - y[n - 1]) - inputJump;
					worstExtraJump = Math.max(worstExtraJump, extra / margin);
					if (extra > margin) expect.fail(`clip ${seed}: output jump at ${n} exceeds the input's`);
				}
			}
		}
		// The sweep must actually drive the limiter hard.
		expect(limitedClips).toBeGreaterThan(700);
		console.info(
			`limiter: worst overshoot ${worstOvershootDb.toFixed(4)} dB; worst gain step ` +
				`${worstGainStep.toFixed(3)}/L; worst extra jump ${worstExtraJump.toFixed(3)} of margin`
		);
	}, 60_000);
});

describe('Limiter behaviour', () => {
	it('passes a signal below the ceiling unchanged and time-aligned', () => {
		const sampleRate = 48000;
		const x = Float32Array.from(
			{ length: 6000 },
			(_, n) => 0.3 * Math.sin(n * 0.01 + 0.001 * n * n)
		);
		const { channels, gainReductionDb, latency } = limit({
			channels: [x],
			sampleRate,
			ceilingDbtp: -1,
			driveDb: 3
		});
		expect(latency).toBeGreaterThan(0);
		const drive = 10 ** (3 / 20);
		let diff = 0;
		for (let n = 0; n < x.length; n++)
			diff = Math.max(diff, Math.abs(channels[0][n] - drive * x[n]));
		expect(diff).toBeLessThan(1e-6);
		expect(Math.max(...gainReductionDb)).toBeLessThan(1e-6);
	});

	it.each([
		[44100, 1000, 0],
		[48000, 5000, 6],
		[48000, 11025, 10]
	])(
		'at %i Hz a steady %i Hz sine driven %i dB settles to the ceiling (true peak within 0.1 dB)',
		(sampleRate, frequency, driveDb) => {
			const length = sampleRate / 2;
			// 11025 Hz at 48 kHz with a 45° phase has samples well below its inter-sample peaks.
			const x = Float32Array.from({ length }, (_, n) =>
				Math.sin((2 * Math.PI * frequency * n) / sampleRate + Math.PI / 4)
			);
			const ceilingDbtp = -1;
			const { channels, gainReductionDb } = limit({
				channels: [x],
				sampleRate,
				ceilingDbtp,
				driveDb
			});
			const tail = channels[0].subarray(length / 2);
			const measured = truePeak({ channels: [tail], sampleRate }).dbtp ?? -Infinity;
			expect(measured).toBeLessThanOrEqual(ceilingDbtp + 0.1);
			expect(measured).toBeGreaterThan(ceilingDbtp - 0.1);
			const inputTp = truePeak({ channels: [x], sampleRate }).dbtp ?? 0;
			expect(gainReductionDb[length - 1]).toBeCloseTo(inputTp + driveDb - ceilingDbtp, 1);
		}
	);

	it('reaches the needed gain before an isolated peak arrives (lookahead)', () => {
		const sampleRate = 48000;
		const x = new Float32Array(4800);
		x[2400] = 1;
		const { gainReductionDb, rampSamples } = limit({
			channels: [x],
			sampleRate,
			ceilingDbtp: -6,
			lookaheadMs: 2
		});
		expect(gainReductionDb[2400]).toBeGreaterThanOrEqual(6 - 0.01);
		// The ramp starts no earlier than ramp + interpolation span before the peak.
		expect(gainReductionDb[2400 - rampSamples - 20]).toBeLessThan(1e-9);
	});

	it('reuses the buffers of a result let go: the same audio and trace, to the bit', () => {
		const random = mulberry32(7);
		const input = [0, 1].map(() => Float32Array.from({ length: 48000 }, () => random() * 2 - 1));
		const settings = { sampleRate: 48000, ceilingDbtp: -1, releaseMs: 50, inputGainDb: 6 };
		const fresh = limit({ channels: input, ...settings });
		const old = limit({ channels: input, ...settings, inputGainDb: -3, releaseMs: 10 });
		const reused = limit({ channels: input, ...settings, reuse: old.buffers });
		expect(reused.buffers.padded[0]).toBe(old.buffers.padded[0]);
		expect(reused.buffers.trace).toBe(old.buffers.trace);
		expect(reused.channels).toEqual(fresh.channels);
		expect(reused.gainReductionDb).toEqual(fresh.gainReductionDb);
		expect(Math.max(...fresh.gainReductionDb)).toBeGreaterThan(3);
		// Buffers of another length are not used.
		const other = limit({
			channels: input.map((c) => c.subarray(0, 1000)),
			...settings,
			reuse: old.buffers
		});
		expect(other.buffers.padded[0]).not.toBe(old.buffers.padded[0]);
	});

	it('streams: block-wise processing equals one pass, delayed by `latency`', () => {
		const sampleRate = 44100;
		const clip = makeClip(7);
		const settings = { ceilingDbtp: -1, driveDb: 9, lookaheadMs: 3, releaseMs: 40 };
		const whole = limit({ channels: clip.channels, sampleRate, ...settings });
		const limiter = new Limiter({ sampleRate, channelCount: clip.channels.length, ...settings });
		const streamed = clip.channels.map((c) => c.slice());
		for (let start = 0; start < streamed[0].length; start += 500) {
			limiter.process({ channels: streamed.map((c) => c.subarray(start, start + 500)) });
		}
		let diff = 0;
		for (let c = 0; c < streamed.length; c++) {
			for (let n = limiter.latency; n < streamed[c].length; n++) {
				diff = Math.max(diff, Math.abs(streamed[c][n] - whole.channels[c][n - limiter.latency]));
			}
		}
		expect(diff).toBeLessThan(1e-6);
	});
});
