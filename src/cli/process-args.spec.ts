import { describe, expect, it } from 'vitest';
import { checkFrequencies, parseProcessArgs } from './process-args';

describe('process CLI arguments', () => {
	it('keeps the steps in the order given', () => {
		const { input, output, steps } = parseProcessArgs([
			'in.wav',
			'--highpass',
			'30,0.707',
			'--peaking',
			'1000,3,1.41',
			'--compress',
			'-20,4,10,100',
			'out.wav',
			'--mono',
			'--system',
			'car',
			'--limit',
			'-1',
			'--normalize',
			'-14'
		]);
		expect(input).toBe('in.wav');
		expect(output).toBe('out.wav');
		expect(steps).toEqual([
			{ type: 'highpass', frequencyHz: 30, q: 0.707 },
			{ type: 'peaking', frequencyHz: 1000, gainDb: 3, q: 1.41 },
			{ type: 'compress', thresholdDb: -20, ratio: 4, attackMs: 10, releaseMs: 100 },
			{ type: 'mono' },
			{ type: 'system', system: 'car' },
			{ type: 'limit', ceilingDbtp: -1 },
			{ type: 'normalize', targetLufs: -14 }
		]);
	});

	it('takes the mono drill’s polarity and delay steps by channel', () => {
		const { steps } = parseProcessArgs(['a.wav', 'b.wav', '--polarity', '1', '--delay', '0,0.5']);
		expect(steps).toEqual([
			{ type: 'polarity', channel: 1 },
			{ type: 'delay', channel: 0, delayMs: 0.5 }
		]);
		expect(() => parseProcessArgs(['a.wav', 'b.wav', '--polarity', '2'])).toThrow(/CHANNEL is 0/);
		expect(() => parseProcessArgs(['a.wav', 'b.wav', '--delay', '0,99'])).toThrow(
			/between 0 and 50/
		);
	});

	it.each([
		[['a.wav'], /usage: process/],
		[['a.wav', 'b.wav', 'c.wav'], /usage: process/],
		[['a.wav', 'b.wav', '--peaking', '1000,3'], /--peaking takes F,GAIN_DB,Q, got "1000,3"/],
		[['a.wav', 'b.wav', '--peaking', '1k,3,1'], /--peaking takes F,GAIN_DB,Q/],
		[['a.wav', 'b.wav', '--gain'], /--gain needs DB/],
		[['a.wav', 'b.wav', '--gain', '--mono'], /--gain needs DB/],
		[['a.wav', 'b.wav', '--system', 'tv'], /--system takes one of phone, laptop/],
		[['a.wav', 'b.wav', '--limit', '2'], /CEILING_DBTP must be 0 or below/],
		[['a.wav', 'b.wav', '--compress', '-20,0.5,10,100'], /RATIO must be 1 or more/],
		[['a.wav', 'b.wav', '--lowpass', '-5,0.7'], /frequency must be above 0/],
		[['a.wav', 'b.wav', '--wobble'], /unknown option --wobble/]
	])('rejects %j with a clear message', (argv, message) => {
		expect(() => parseProcessArgs(argv)).toThrow(message);
	});

	it('rejects a filter frequency at or above the file’s Nyquist frequency', () => {
		const { steps } = parseProcessArgs(['a.wav', 'b.wav', '--lowpass', '12000,0.7']);
		expect(() => checkFrequencies(steps, 48000)).not.toThrow();
		expect(() => checkFrequencies(steps, 22050)).toThrow(/Nyquist \(11025 Hz\)/);
	});
});
