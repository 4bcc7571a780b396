/**
 * Plain-language notes on the bench's readings: one sentence per reading, for a learner on a phone.
 * The facts come from the course's DOMAIN notes: streaming references from `streaming-services.ts`
 * (Spotify's own pages; YouTube and Tidal from secondary sources, hence "about"), the −1 dBTP advice,
 * the Dynameter PLR labels (secondary: "about 8 dB or less" heavily limited, "about 12 or more"
 * balanced) and the mono check engineers use. Thresholds are applied to the numbers as shown (one
 * decimal), so a note never contradicts its value. The stereo and spectrum thresholds (10 % of the
 * time out of phase, 3 dB from the reference curve) are this app's rules of thumb, and worded as hints.
 */
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';
import { HEADROOM_CEILING_DBTP, streamingServices } from '../dsp/master/streaming-services';
import type { Decibels, Hertz } from '../dsp/units';
import {
	NO_VALUE,
	formatDb,
	formatHzRange,
	formatLufs,
	formatNumber,
	roundTo
} from '../format/format';

export type ReadingId =
	| 'integrated'
	| 'lra'
	| 'truePeak'
	| 'samplePeak'
	| 'plr'
	| 'maxShortTerm'
	| 'correlation'
	| 'spectrum';

/** 'ok': nothing to change; 'warn': worth checking; 'info': a fact or a hint, neither good nor bad. */
export type NoteLevel = 'ok' | 'warn' | 'info';

export interface ReadingNote {
	id: ReadingId;
	label: string;
	/** The reading as shown, e.g. "−14.2 LUFS" ("—" when there is none). */
	value: string;
	/** One sentence. */
	note: string;
	level: NoteLevel;
}

const service = (id: string) => {
	const found = streamingServices.find((s) => s.id === id);
	if (!found) throw new Error(`streaming service ${id} is missing`);
	return found;
};
const spotify = service('spotify');
const youtube = service('youtube');

function integratedNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'integrated', label: 'Integrated loudness' } as const;
	if (a.integratedLufs === null) {
		return {
			...base,
			value: NO_VALUE,
			note: 'Too short or too quiet to measure: integrated loudness needs at least 0.4 s of sound.',
			level: 'info'
		};
	}
	const value = formatLufs(a.integratedLufs);
	const lufs = roundTo(a.integratedLufs);
	const reference = `${formatNumber(spotify.targetLufs, { trim: true })} LUFS`;
	const below = roundTo(spotify.targetLufs - lufs);
	if (below < 0) {
		return {
			...base,
			value,
			note: `Spotify would turn this down by ${formatNumber(-below)} dB to ${reference}, and ${youtube.name} by about as much, so the extra loudness is not heard there.`,
			level: 'info'
		};
	}
	if (below === 0) {
		return {
			...base,
			value,
			note: `Spotify would play this as it is: it already sits at its ${reference} reference.`,
			level: 'ok'
		};
	}
	const gap = formatNumber(below);
	const peak = a.truePeakDbtp === null ? HEADROOM_CEILING_DBTP : roundTo(a.truePeakDbtp);
	const raise = roundTo(Math.max(0, Math.min(below, HEADROOM_CEILING_DBTP - peak)));
	const ceiling = `${formatNumber(HEADROOM_CEILING_DBTP, { trim: true })} dBTP`;
	let note: string;
	if (raise === below) {
		note = `Spotify would raise this by ${gap} dB to ${reference}, but ${youtube.name} does not turn quiet tracks up, so there it plays ${gap} dB below its reference.`;
	} else if (raise > 0) {
		note = `Spotify would raise this by only ${formatNumber(raise)} dB (its true peak may not pass ${ceiling}) and ${youtube.name} not at all, so it plays up to ${gap} dB quieter than tracks at ${reference}.`;
	} else {
		note = `Spotify cannot raise this (its true peak leaves no room below ${ceiling}) and ${youtube.name} does not turn quiet tracks up, so it plays ${gap} dB quieter than tracks at ${reference}.`;
	}
	return { ...base, value, note, level: 'info' };
}

function lraNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'lra', label: 'Loudness range' } as const;
	if (a.lraLu === null) {
		return {
			...base,
			value: NO_VALUE,
			note: 'The loudness range needs at least 3 seconds of sound.',
			level: 'info'
		};
	}
	return {
		...base,
		value: formatDb(a.lraLu, { unit: 'LU' }),
		note: 'How far the loudness moves between the quieter and the louder passages (EBU Tech 3342): a small number means an even level throughout.',
		level: 'info'
	};
}

function truePeakNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'truePeak', label: 'True peak' } as const;
	if (a.truePeakDbtp === null) {
		return {
			...base,
			value: NO_VALUE,
			note: 'Silent: there are no peaks to measure.',
			level: 'info'
		};
	}
	const value = formatDb(a.truePeakDbtp, { unit: 'dBTP', signed: true });
	const ceiling = `${formatNumber(HEADROOM_CEILING_DBTP, { trim: true })} dBTP`;
	if (roundTo(a.truePeakDbtp) > HEADROOM_CEILING_DBTP) {
		return {
			...base,
			value,
			note: `Peaks above ${ceiling} may distort after lossy encoding (Spotify and others advise keeping them below ${ceiling}).`,
			level: 'warn'
		};
	}
	return {
		...base,
		value,
		note: `Peaks stay at or below ${ceiling}, the ceiling Spotify and others advise for lossy encoding.`,
		level: 'ok'
	};
}

function samplePeakNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'samplePeak', label: 'Sample peak' } as const;
	if (a.samplePeakDbfs === null) {
		return { ...base, value: NO_VALUE, note: 'Silent: every sample is zero.', level: 'info' };
	}
	const value = formatDb(a.samplePeakDbfs, { unit: 'dBFS', signed: true });
	const peak = roundTo(a.samplePeakDbfs);
	if (peak > 0) {
		return {
			...base,
			value,
			note: 'Samples go above full scale (0 dBFS): a fixed-point export of this file would clip them.',
			level: 'warn'
		};
	}
	if (peak === 0) {
		return {
			...base,
			value,
			note: 'Samples reach full scale (0 dBFS), so some peaks may be clipped flat.',
			level: 'warn'
		};
	}
	const above = a.truePeakDbtp === null ? 0 : roundTo(a.truePeakDbtp - a.samplePeakDbfs);
	return {
		...base,
		value,
		note:
			above >= 0.1
				? `The true peak reads ${formatNumber(above)} dB higher: the waveform peaks between the samples.`
				: 'The highest sample value; here the true peak, which also counts the peaks between samples, reads the same.',
		level: 'info'
	};
}

/** Dynameter's labels (secondary source, so "about"): heavily limited at 8 dB or less, balanced from 12 dB. */
const PLR_LIMITED_DB: Decibels = 8;
const PLR_BALANCED_DB: Decibels = 12;

function plrNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'plr', label: 'Peak-to-loudness ratio' } as const;
	if (a.plrDb === null) {
		return {
			...base,
			value: NO_VALUE,
			note: 'Needs both a true peak and an integrated loudness.',
			level: 'info'
		};
	}
	const value = formatDb(a.plrDb);
	const plr = roundTo(a.plrDb);
	if (plr <= PLR_LIMITED_DB) {
		return {
			...base,
			value,
			note: `About ${PLR_LIMITED_DB} dB or less is typical of heavily limited masters, which often sound smaller, not louder, once streaming turns them down to the same loudness.`,
			level: 'warn'
		};
	}
	if (plr < PLR_BALANCED_DB) {
		return {
			...base,
			value,
			note: `That is between heavily limited (about ${PLR_LIMITED_DB} dB or less) and balanced (about ${PLR_BALANCED_DB} dB or more), by the Dynameter meter's rough labels.`,
			level: 'info'
		};
	}
	return {
		...base,
		value,
		note: `About ${PLR_BALANCED_DB} dB or more is usually called balanced: the peaks stand well clear of the average loudness.`,
		level: 'ok'
	};
}

function maxShortTermNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'maxShortTerm', label: 'Loudest 3 seconds' } as const;
	if (a.maxShortTermLufs === null) {
		return {
			...base,
			value: NO_VALUE,
			note: 'The short-term loudness needs at least 3 seconds of sound.',
			level: 'info'
		};
	}
	const value = formatLufs(a.maxShortTermLufs);
	if (a.integratedLufs === null)
		return { ...base, value, note: 'The loudest 3-second stretch.', level: 'info' };
	const above = roundTo(a.maxShortTermLufs - a.integratedLufs);
	return {
		...base,
		value,
		note: `The loudest 3-second stretch is ${formatNumber(above)} LU above the integrated loudness of the whole track.`,
		level: 'info'
	};
}

/** Share of the time out of phase from which the note asks for a mono check (a rule of thumb). */
const NEGATIVE_SHARE_WARN = 0.1;
/** Correlation from which the channels count as nearly mono. */
const NEAR_MONO = 0.95;

function correlationNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'correlation', label: 'Stereo correlation' } as const;
	if (a.correlation === null) {
		return a.channels === 1
			? {
					...base,
					value: 'Mono',
					note: 'A mono file: nothing can cancel when it is played in mono.',
					level: 'ok'
				}
			: {
					...base,
					value: NO_VALUE,
					note: 'One channel is silent or constant, so there is no correlation to read.',
					level: 'info'
				};
	}
	const r = roundTo(a.correlation, { digits: 2 });
	const value = formatNumber(a.correlation, { digits: 2, signed: true });
	const share = a.negativeCorrelationShare ?? 0;
	if (r < 0) {
		return {
			...base,
			value,
			note: 'The correlation is negative: left and right partly cancel when they are summed to mono, so check the mix in mono.',
			level: 'warn'
		};
	}
	if (share >= NEGATIVE_SHARE_WARN) {
		return {
			...base,
			value,
			note: `Left and right are out of phase ${Math.round(share * 100)} % of the time; those passages may thin out or cancel in mono, so check them in mono.`,
			level: 'warn'
		};
	}
	if (r >= NEAR_MONO) {
		return {
			...base,
			value,
			note: 'Left and right are nearly the same, so the mix is close to mono (+1 would be exactly mono).',
			level: 'info'
		};
	}
	return {
		...base,
		value,
		note: 'Left and right are mostly in phase, so the mix should hold up in mono (+1 is mono, 0 unrelated channels).',
		level: 'ok'
	};
}

/** The spectrum note compares whole octaves (three adjacent bands) from 40 Hz to 12.5 kHz. */
const SPECTRUM_FROM_HZ: Hertz = 40;
const SPECTRUM_TO_HZ: Hertz = 12500;
/** Octaves further than this from the reference get a hint. */
const SPECTRUM_HINT_DB: Decibels = 3;

function regionName(centreHz: Hertz): string {
	if (centreHz < 160) return 'low end';
	if (centreHz < 500) return 'low mids';
	if (centreHz < 2000) return 'mids';
	if (centreHz < 6300) return 'upper mids';
	return 'highs';
}

/** The octave (three adjacent bands) furthest from the reference, as a mean difference in dB. */
export function largestDeviation(
	spectrum: TrackAnalysis['spectrum']
): { fromHz: Hertz; toHz: Hertz; centreHz: Hertz; db: Decibels } | null {
	const bands = spectrum.filter((b) => b.hz >= SPECTRUM_FROM_HZ && b.hz <= SPECTRUM_TO_HZ);
	let best: { fromHz: Hertz; toHz: Hertz; centreHz: Hertz; db: Decibels } | null = null;
	for (let i = 0; i + 3 <= bands.length; i++) {
		const octave = bands.slice(i, i + 3);
		if (octave.some((b) => b.db === null)) continue;
		const db = octave.reduce((sum, b) => sum + (b.db as number) - b.referenceDb, 0) / 3;
		if (best === null || Math.abs(db) > Math.abs(best.db)) {
			best = { fromHz: octave[0].hz, toHz: octave[2].hz, centreHz: octave[1].hz, db };
		}
	}
	return best;
}

function spectrumNote(a: TrackAnalysis): ReadingNote {
	const base = { id: 'spectrum', label: 'Tonal balance' } as const;
	const deviation = largestDeviation(a.spectrum);
	if (deviation === null) {
		return {
			...base,
			value: NO_VALUE,
			note: 'There is not enough sound to compare with the reference curve.',
			level: 'info'
		};
	}
	const value = formatDb(deviation.db, { signed: true });
	if (Math.abs(deviation.db) < SPECTRUM_HINT_DB) {
		return {
			...base,
			value,
			note: `Every octave from 40 Hz to 12.5 kHz is within about ${SPECTRUM_HINT_DB} dB of the reference curve, a rule of thumb for a balanced mix rather than a target.`,
			level: 'ok'
		};
	}
	const amount = Math.round(Math.abs(deviation.db));
	const direction = deviation.db > 0 ? 'more' : 'less';
	const range = formatHzRange(deviation.fromHz, deviation.toHz);
	return {
		...base,
		value,
		note: `About ${amount} dB ${direction} ${regionName(deviation.centreHz)} (${range}) than the reference curve: a hint to listen for on other speakers, not a verdict, since genres differ.`,
		level: 'info'
	};
}

/** One note per reading, in display order. */
export function readingNotes(a: TrackAnalysis): ReadingNote[] {
	return [
		integratedNote(a),
		lraNote(a),
		truePeakNote(a),
		samplePeakNote(a),
		plrNote(a),
		maxShortTermNote(a),
		correlationNote(a),
		spectrumNote(a)
	];
}

/**
 * Under this many dB apart, mix and master count as "about the same" loudness: a broadband change of
 * about 0.5–1 dB is noticeable, and a master only ~1 dB louder is often heard as "better" (DOMAIN.md,
 * "Hearing and training"), so the note takes the low end.
 */
export const SAME_LOUDNESS_DB = 0.5;

/**
 * The note under the unmatched mix/master comparison, following the measured difference (master
 * minus mix, LU, over what is played): louder, quieter or about the same, and what that does to the
 * judgement. Null (silence) gets a neutral sentence.
 */
export function unmatchedCompareNote(differenceLu: number | null): string {
	if (differenceLu === null) return 'Both exactly as they are, with no loudness match.';
	const shown = roundTo(Math.abs(differenceLu));
	if (shown < SAME_LOUDNESS_DB) {
		return `Mix and master play at about the same loudness here (${formatDb(shown)} apart), so what you hear is mostly the processing.`;
	}
	return differenceLu > 0
		? `The master is ${formatDb(shown)} louder here; that alone makes it sound “better”. Judge the processing with the matched pair.`
		: `The master is ${formatDb(shown)} quieter here, so the mix may sound “better” for its loudness alone. Judge the processing with the matched pair.`;
}
