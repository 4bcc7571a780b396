import { describe, expect, it } from 'vitest';
import { referenceCurve } from '../dsp/analysis/reference-curve';
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';
import {
	SAME_LOUDNESS_DB,
	largestDeviation,
	readingNotes,
	unmatchedCompareNote,
	type ReadingId
} from './notes';

const BANDS = [
	25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600,
	2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000
];

/** A spectrum that follows the reference except for `bumps` (dB by band). */
function spectrum(bumps: Record<number, number | null> = {}): TrackAnalysis['spectrum'] {
	const curve = referenceCurve(BANDS);
	return BANDS.map((hz, i) => {
		const referenceDb = curve[i] - 3;
		const bump = bumps[hz];
		return { hz, referenceDb, db: bump === null ? null : referenceDb + (bump ?? 0) };
	});
}

/** A plausible stereo master; each test changes what it checks. */
function analysis(overrides: Partial<TrackAnalysis> = {}): TrackAnalysis {
	return {
		durationS: 180,
		sampleRate: 44100,
		channels: 2,
		integratedLufs: -14,
		lraLu: 6,
		truePeakDbtp: -1.2,
		samplePeakDbfs: -1.5,
		plrDb: 12.8,
		maxShortTermLufs: -11,
		maxMomentaryLufs: -9,
		shortTerm: [],
		spectrum: spectrum(),
		correlation: 0.6,
		negativeCorrelationShare: 0.02,
		...overrides
	};
}

const noteFor = (id: ReadingId, overrides: Partial<TrackAnalysis>) =>
	readingNotes(analysis(overrides)).find((n) => n.id === id)!;

describe('readingNotes: shape', () => {
	const cases: Partial<TrackAnalysis>[] = [
		{},
		{ integratedLufs: -8.2, truePeakDbtp: 0.4, samplePeakDbfs: 0, plrDb: 8.6, correlation: -0.3 },
		{ integratedLufs: -20, truePeakDbtp: -3, plrDb: 17, negativeCorrelationShare: 0.3 },
		{
			channels: 1,
			correlation: null,
			negativeCorrelationShare: null,
			spectrum: spectrum({ 80: 6 })
		},
		{
			integratedLufs: null,
			lraLu: null,
			truePeakDbtp: null,
			samplePeakDbfs: null,
			plrDb: null,
			maxShortTermLufs: null,
			maxMomentaryLufs: null,
			correlation: null,
			negativeCorrelationShare: null,
			spectrum: spectrum(Object.fromEntries(BANDS.map((hz) => [hz, null])))
		}
	];

	it.each(cases.map((c, i) => [i, c]))('case %i: one sentence per reading, in order', (_i, c) => {
		const notes = readingNotes(analysis(c));
		expect(notes.map((n) => n.id)).toEqual([
			'integrated',
			'lra',
			'truePeak',
			'samplePeak',
			'plr',
			'maxShortTerm',
			'correlation',
			'spectrum'
		]);
		for (const n of notes) {
			expect(n.label.length).toBeGreaterThan(0);
			// One sentence: a single full stop, at the end ("0.4 s" has no space after its point).
			expect(n.note.match(/[.!?](\s|$)/g), n.note).toHaveLength(1);
			expect(n.note.endsWith('.')).toBe(true);
			// Typographic minus only.
			expect(`${n.value} ${n.note}`).not.toMatch(/-\d/);
		}
	});
});

describe('readingNotes: integrated loudness against streaming', () => {
	it('says how far Spotify turns a loud master down, and that YouTube does too', () => {
		const n = noteFor('integrated', { integratedLufs: -8.2, truePeakDbtp: -0.1 });
		expect(n.value).toBe('−8.2 LUFS');
		expect(n.note).toContain('Spotify would turn this down by 5.8 dB to −14 LUFS');
		expect(n.note).toContain('YouTube');
		expect(n.level).toBe('info');
	});

	it.each([-14, -13.96, -14.04])('calls %d LUFS already at the reference', (lufs) => {
		const n = noteFor('integrated', { integratedLufs: lufs });
		expect(n.note).toContain('already sits at its −14 LUFS reference');
		expect(n.level).toBe('ok');
	});

	it('raises a quiet track fully on Spotify when its peaks allow, but not on YouTube', () => {
		const n = noteFor('integrated', { integratedLufs: -17, truePeakDbtp: -6 });
		expect(n.note).toContain('Spotify would raise this by 3.0 dB to −14 LUFS');
		expect(n.note).toContain('YouTube does not turn quiet tracks up');
	});

	it('raises it only as far as −1 dBTP allows', () => {
		const n = noteFor('integrated', { integratedLufs: -17, truePeakDbtp: -2 });
		expect(n.note).toContain('raise this by only 1.0 dB');
		expect(n.note).toContain('−1 dBTP');
	});

	it('cannot raise it when the true peak is already at −1 dBTP', () => {
		const n = noteFor('integrated', { integratedLufs: -17, truePeakDbtp: -0.5 });
		expect(n.note).toContain('Spotify cannot raise this');
		expect(n.note).toContain('3.0 dB quieter');
	});

	it('explains a missing reading', () => {
		const n = noteFor('integrated', { integratedLufs: null });
		expect(n.value).toBe('—');
		expect(n.level).toBe('info');
	});
});

describe('readingNotes: true peak and sample peak', () => {
	it('signs a positive peak', () => {
		expect(noteFor('truePeak', { truePeakDbtp: 0.44 }).value).toBe('+0.4 dBTP');
		expect(noteFor('samplePeak', { samplePeakDbfs: 0.3 }).value).toBe('+0.3 dBFS');
		expect(noteFor('truePeak', { truePeakDbtp: -0.04 }).value).toBe('0.0 dBTP');
	});

	it.each([
		[-3, 'ok'],
		[-1, 'ok'],
		[-0.96, 'ok'], // shown as −1.0 dBTP
		[-0.94, 'warn'], // shown as −0.9 dBTP
		[0.5, 'warn']
	] as const)('true peak %d dBTP is %s', (dbtp, level) => {
		const n = noteFor('truePeak', { truePeakDbtp: dbtp });
		expect(n.level).toBe(level);
		if (level === 'warn') {
			expect(n.note).toBe(
				'Peaks above −1 dBTP may distort after lossy encoding (Spotify and others advise keeping them below −1 dBTP).'
			);
		}
	});

	it.each([
		[0.3, -0.2, 'warn', 'above full scale'],
		[-0.02, 0.1, 'warn', 'reach full scale'],
		[-3, -2.5, 'info', '0.5 dB higher'],
		[-3, -3, 'info', 'reads the same']
	] as const)('sample peak %d dBFS (true peak %d) is %s', (dbfs, dbtp, level, text) => {
		const n = noteFor('samplePeak', { samplePeakDbfs: dbfs, truePeakDbtp: dbtp });
		expect(n.level).toBe(level);
		expect(n.note).toContain(text);
	});
});

describe('readingNotes: PLR (Dynameter labels, said as "about")', () => {
	it.each([
		[5, 'warn', 'heavily limited'],
		[8, 'warn', 'heavily limited'],
		[8.04, 'warn', 'heavily limited'],
		[8.1, 'info', 'between'],
		[11.9, 'info', 'between'],
		[11.96, 'ok', 'balanced'],
		[16, 'ok', 'balanced']
	] as const)('%d dB is %s', (plr, level, text) => {
		const n = noteFor('plr', { plrDb: plr });
		expect(n.level).toBe(level);
		expect(n.note).toContain(text);
		expect(n.note).toMatch(/about/i);
	});
});

describe('readingNotes: loudness range and loudest 3 seconds', () => {
	it('shows LRA in LU, or explains that it needs 3 s', () => {
		expect(noteFor('lra', { lraLu: 6.34 }).value).toBe('6.3 LU');
		expect(noteFor('lra', { lraLu: null }).note).toContain('3 seconds');
	});

	it('gives the distance of the loudest 3 s above the integrated loudness', () => {
		const n = noteFor('maxShortTerm', { maxShortTermLufs: -9, integratedLufs: -12.04 });
		expect(n.value).toBe('−9.0 LUFS');
		expect(n.note).toContain('3.0 LU above');
	});
});

describe('readingNotes: stereo correlation', () => {
	it.each([
		[0.6, 0.02, 'ok', 'hold up in mono'],
		[0.99, 0, 'info', 'close to mono'],
		[0.4, 0.15, 'warn', '15 % of the time'],
		[0.4, 0.1, 'warn', '10 % of the time'],
		[0.4, 0.09, 'ok', 'hold up in mono'],
		[-0.2, 0.7, 'warn', 'correlation is negative']
	] as const)('r = %d with %d of the time negative is %s', (r, share, level, text) => {
		const n = noteFor('correlation', { correlation: r, negativeCorrelationShare: share });
		expect(n.level).toBe(level);
		expect(n.note).toContain(text);
	});

	it('shows the value signed, two decimals', () => {
		expect(noteFor('correlation', { correlation: 0.5 }).value).toBe('+0.50');
		expect(noteFor('correlation', { correlation: -0.25 }).value).toBe('−0.25');
	});

	it('says "Mono" for a mono file and explains a silent channel', () => {
		const mono = noteFor('correlation', { channels: 1, correlation: null });
		expect(mono.value).toBe('Mono');
		expect(mono.level).toBe('ok');
		expect(noteFor('correlation', { correlation: null }).note).toContain('silent');
	});
});

describe('readingNotes: spectrum against the reference', () => {
	it('names the octave with the largest difference, as a hint', () => {
		const n = noteFor('spectrum', { spectrum: spectrum({ 63: 4.2, 80: 4.2, 100: 4.2 }) });
		expect(n.value).toBe('+4.2 dB');
		expect(n.note).toMatch(/^About 4 dB more low end \(63–100 Hz\) than the reference curve/);
		expect(n.note).toContain('not a verdict');
		expect(n.level).toBe('info');
	});

	it('says "less" for a dip and names the region', () => {
		const n = noteFor('spectrum', {
			spectrum: spectrum({ 2000: -5, 2500: -5, 3150: -5, 4000: -1 })
		});
		expect(n.note).toMatch(/^About 5 dB less upper mids \(2–3.15 kHz\)/);
	});

	it('is ok within 3 dB, and ignores bands below 40 Hz and above 12.5 kHz', () => {
		const n = noteFor('spectrum', {
			spectrum: spectrum({ 25: 12, 31.5: 12, 16000: -20, 500: 2.5, 630: 2.5, 800: 2.5 })
		});
		expect(n.level).toBe('ok');
		expect(n.value).toBe('+2.5 dB');
	});

	it('skips octaves with an empty band and explains silence', () => {
		const d = largestDeviation(spectrum({ 63: null, 80: 9, 100: 9, 125: 9 }));
		expect(d).toMatchObject({ fromHz: 80, toHz: 125, centreHz: 100 });
		expect(Math.abs(d!.db - 9)).toBeLessThan(1e-9);
		const empty = spectrum(Object.fromEntries(BANDS.map((hz) => [hz, null])));
		expect(noteFor('spectrum', { spectrum: empty }).value).toBe('—');
	});
});

describe('unmatchedCompareNote: follows the measured difference', () => {
	it.each([
		[6.7, 'louder', '6.7 dB'],
		[0.5, 'louder', '0.5 dB'],
		[0.96, 'louder', '1.0 dB'],
		[-6.7, 'quieter', '6.7 dB'],
		[-0.5, 'quieter', '0.5 dB'],
		[-12.04, 'quieter', '12.0 dB']
	])('master %f LU against the mix: "%s" by %s', (difference, word, amount) => {
		const note = unmatchedCompareNote(difference);
		expect(note).toContain(`${amount} ${word}`);
		expect(note).not.toContain(word === 'louder' ? 'quieter' : 'louder');
		expect(note).not.toMatch(/−/);
	});

	it.each([0, 0.2, -0.2, 0.44, -0.44])('%f LU apart reads "about the same"', (difference) => {
		const note = unmatchedCompareNote(difference);
		expect(note).toContain('about the same loudness');
		expect(note).not.toMatch(/louder|quieter/);
	});

	it('switches wording exactly at the threshold as shown (one decimal)', () => {
		expect(SAME_LOUDNESS_DB).toBe(0.5);
		expect(unmatchedCompareNote(0.449)).toContain('about the same');
		expect(unmatchedCompareNote(0.45)).toContain('0.5 dB louder');
		expect(unmatchedCompareNote(-0.45)).toContain('0.5 dB quieter');
	});

	it('says nothing about loudness for silence', () => {
		expect(unmatchedCompareNote(null)).not.toMatch(/louder|quieter|same/);
	});
});
