/**
 * What the lessons say about their own demos, measured on what those demos render: each lesson's
 * music (pop-rock, the page's seed, 8 s at 44.1 kHz, as lesson-loader.ts asks the worker for) through
 * the versions its meters and players show. Each claim quotes the lesson's text word for word, so
 * rewording a number fails here until the claim is checked again.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testBank } from '../../cli/test-music';
import { thirdOctaveSpectrum } from '../dsp/analysis/spectrum';
import { meterReport, type MeterReport } from '../dsp/report';
import { renderArrangement } from '../dsp/synth/render';
import {
	DEFAULT_DEMO_STYLE,
	DEMO_SAMPLE_RATE,
	DEMO_SECONDS,
	pageSeed
} from '../lesson/demo-source';
import { renderLessonVersion, type LessonVersionId } from '../lesson/versions';

interface Measured {
	report: (id: LessonVersionId) => MeterReport;
	/** Change of a third-octave band of `id` against the mix, dB. */
	bandChange: (id: LessonVersionId, nominalHz: number) => number;
}

interface Claim {
	/** The lesson's slug (its folder without the number). */
	lesson: string;
	/** Words of the lesson, verbatim. */
	quote: string;
	/** What the quote says, as a number, and how close the demo must come. */
	value: number;
	within: number;
	measure: (m: Measured) => number;
}

const claims: Claim[] = [
	{
		lesson: 'loudness-and-bias',
		quote: 'The master is about 6 dB louder',
		value: 6,
		within: 1,
		measure: ({ report }) => report('master').I! - report('mix').I!
	},
	{
		lesson: 'loudness-and-bias',
		quote: 'its PLR is only about 1 dB smaller',
		value: 1,
		within: 0.75,
		measure: ({ report }) => report('mix').PLR! - report('master').PLR!
	},
	{
		lesson: 'streaming-normalization',
		quote: 'Notice its integrated loudness, about −8 LUFS',
		value: -8,
		within: 0.5,
		measure: ({ report }) => report('loud-master').I!
	},
	{
		lesson: 'streaming-normalization',
		quote: 'a PLR of about 7 dB',
		value: 7,
		within: 1,
		measure: ({ report }) => report('loud-master').PLR!
	},
	{
		lesson: 'streaming-normalization',
		quote: 'about −14 LUFS, with a PLR of about 13 dB',
		value: -14,
		within: 0.5,
		measure: ({ report }) => report('master').I!
	},
	{
		lesson: 'streaming-normalization',
		quote: 'about −14 LUFS, with a PLR of about 13 dB',
		value: 13,
		within: 1,
		measure: ({ report }) => report('master').PLR!
	},
	{
		lesson: 'streaming-normalization',
		quote: 'The second is turned down by about 6 dB to match',
		value: 6,
		within: 1,
		measure: ({ report }) => report('loud-master').I! - -14
	},
	{
		lesson: 'dynamics',
		quote: 'on this clip it drops by about 6 dB',
		value: 6,
		within: 1.5,
		measure: ({ report }) => report('mix').PLR! - report('limited-hard').PLR!
	},
	{
		lesson: 'delivering-to-mastering',
		quote: 'on this clip the mix has about 13 dB',
		value: 13,
		within: 1,
		measure: ({ report }) => report('mix').PLR!
	},
	{
		lesson: 'delivering-to-mastering',
		quote: 'the loud master only about 7',
		value: 7,
		within: 1,
		measure: ({ report }) => report('loud-master').PLR!
	},
	{
		lesson: 'delivering-to-mastering',
		quote: 'The mix also peaks around −6 dBTP',
		value: -6,
		within: 1,
		measure: ({ report }) => report('mix').TP!
	},
	{
		lesson: 'master-your-own-mixes',
		quote: 'the integrated loudness, near −14 LUFS',
		value: -14,
		within: 0.5,
		measure: ({ report }) => report('master').I!
	},
	{
		lesson: 'master-your-own-mixes',
		quote: 'the true peak, at or below −1 dBTP',
		value: -1,
		within: 0.05,
		measure: ({ report }) => Math.max(report('master').TP!, -1)
	},
	{
		lesson: 'gain-staging-and-headroom',
		quote: 'its true peak sits around −6 dBTP',
		value: -6,
		within: 1,
		measure: ({ report }) => report('mix').TP!
	},
	{
		lesson: 'gain-staging-and-headroom',
		quote: 'it reads above 0 dBTP',
		value: 1,
		within: 0,
		measure: ({ report }) => (report('clipped').TP! > 0 ? 1 : 0)
	},
	{
		lesson: 'genre-and-loudness-choices',
		quote: 'Read the three numbers: about −14 LUFS',
		value: -14,
		within: 0.5,
		measure: ({ report }) => report('master').I!
	},
	{
		lesson: 'genre-and-loudness-choices',
		quote: 'a true peak at about −1 dBTP',
		value: -1,
		within: 0.1,
		measure: ({ report }) => report('master').TP!
	},
	{
		lesson: 'genre-and-loudness-choices',
		quote: 'and a PLR of about 13 dB',
		value: 13,
		within: 1,
		measure: ({ report }) => report('master').PLR!
	},
	{
		lesson: 'a-practice-plan',
		quote: 'B has 4 dB less at 300 Hz',
		value: -4,
		within: 0.5,
		measure: ({ bandChange }) => bandChange('mud-cut', 315)
	}
];

const lessonsDir = join(process.cwd(), 'content', 'lessons');
const textOf = (slug: string) => {
	const folder = readdirSync(lessonsDir).find((name) => name.replace(/^\d+-/, '') === slug);
	if (!folder) throw new Error(`no lesson ${slug}`);
	return readFileSync(join(lessonsDir, folder, 'index.md'), 'utf8').replace(/\s+/g, ' ');
};

/** Each lesson's demo music rendered once, with its versions measured on demand. */
const measuredLessons = new Map<string, Promise<Measured>>();
function measuredFor(slug: string): Promise<Measured> {
	let measured = measuredLessons.get(slug);
	if (!measured) {
		measured = renderArrangement({
			style: DEFAULT_DEMO_STYLE,
			seed: pageSeed(`/learn/${slug}`),
			seconds: DEMO_SECONDS,
			sampleRate: DEMO_SAMPLE_RATE,
			bank: testBank()
		}).then((clip) => {
			const source = { channels: [clip.left, clip.right], sampleRate: DEMO_SAMPLE_RATE };
			const audio = new Map<LessonVersionId, Float32Array[]>();
			const versionAudio = (id: LessonVersionId) => {
				if (!audio.has(id)) audio.set(id, renderLessonVersion(id, source));
				return audio.get(id)!;
			};
			// Several claims read one version's meter: each is measured once.
			const reports = new Map<LessonVersionId, MeterReport>();
			const band = (id: LessonVersionId, hz: number) =>
				thirdOctaveSpectrum({ channels: versionAudio(id), sampleRate: DEMO_SAMPLE_RATE }).find(
					(b) => b.nominal === hz
				)!.db!;
			return {
				report: (id) => {
					if (!reports.has(id))
						reports.set(
							id,
							meterReport({ channels: versionAudio(id), sampleRate: DEMO_SAMPLE_RATE })
						);
					return reports.get(id)!;
				},
				bandChange: (id, hz) => band(id, hz) - band('mix', hz)
			};
		});
		measuredLessons.set(slug, measured);
	}
	return measured;
}

describe('what the lessons say about their demos', () => {
	it.each(claims)('$lesson: $quote ($value ± $within)', async (claim) => {
		expect(textOf(claim.lesson)).toContain(claim.quote);
		const measured = claim.measure(await measuredFor(claim.lesson));
		expect(Math.abs(measured - claim.value), `measured ${measured.toFixed(2)}`).toBeLessThanOrEqual(
			claim.within
		);
	});
});
