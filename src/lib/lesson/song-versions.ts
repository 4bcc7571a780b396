/**
 * Lesson versions of a song with a lead voice: the mix projects' stems (../mix/stems) at their
 * target balance, changed the way a mix goes wrong, then through the lesson master (`quickMaster`,
 * ../dsp/master). They ask the question the course turns on: once it is mastered, is what is wrong a
 * thing the master can fix, or only the mix? A buried vocal and a harsh vocal are the mix's (the master
 * moves every part at once); a whole mix leaning dark is one a broad master EQ can correct. Pure.
 */
import { quickMaster } from '../dsp/master/quick-master';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { dbToGain, type SampleRate } from '../dsp/units';
import type { StemId } from '../mix/types';
import type { SongVersionId } from './version-ids';

/** A song to render versions of: its mix and the stems it sums (a `LessonSource` with its stems). */
export interface SongSource {
	channels: Float32Array[];
	sampleRate: SampleRate;
	/** Each stem as it sits in `channels` (after its fader and pan). */
	stems?: Partial<Record<StemId, Float32Array[]>>;
}

/** `song-vocal-buried`: the lead vocal's fader change from its target balance, dB. */
export const BURIED_VOCAL_DB = -8;
/** `song-vocal-harsh`: a bell on the lead vocal alone, in the 2–5 kHz region where harshness sits. */
export const HARSH_VOCAL = { type: 'peaking', frequencyHz: 3200, gainDb: 9, q: 1.4 } as const;
/** `song-dark`: the whole mix tilted dark, a broad move a master's shelves undo. */
export const DARK_TILT = [
	{ type: 'lowshelf', frequencyHz: 150, gainDb: 3, q: Math.SQRT1_2 },
	{ type: 'highshelf', frequencyHz: 4000, gainDb: -4, q: Math.SQRT1_2 }
] as const satisfies ChainStep[];

/** The vocal stem as it sits in the mix (after its fader and pan); a RangeError without it. */
function vocalOf(source: SongSource): Float32Array[] {
	const vocal = source.stems?.vocal;
	if (!vocal || vocal.length !== source.channels.length) {
		throw new RangeError(
			'renderLessonVersion: song versions need the stems source (a song with its lead vocal stem)'
		);
	}
	return vocal;
}

/** `mix` with its vocal `old` replaced by `vocal` (mix − old + new), in new arrays. */
function replaceVocal(
	mix: Float32Array[],
	old: Float32Array[],
	vocal: Float32Array[]
): Float32Array[] {
	return mix.map((channel, c) => {
		const out = new Float32Array(channel.length);
		for (let i = 0; i < channel.length; i++) out[i] = channel[i] - old[c][i] + vocal[c][i];
		return out;
	});
}

/** The mix before mastering for song version `id` (the source is left alone). */
export function songMix(id: SongVersionId, source: SongSource): Float32Array[] {
	const { channels, sampleRate } = source;
	// Every song version is made from the stems source, even those that leave the vocal alone.
	const vocal = vocalOf(source);
	switch (id) {
		case 'song-master':
			return channels.map((c) => c.slice());
		case 'song-vocal-buried': {
			const gain = dbToGain(BURIED_VOCAL_DB);
			return replaceVocal(
				channels,
				vocal,
				vocal.map((c) => c.map((x) => x * gain))
			);
		}
		case 'song-vocal-harsh':
			return replaceVocal(
				channels,
				vocal,
				applyChain({ channels: vocal, sampleRate, chain: [HARSH_VOCAL] }).channels
			);
		case 'song-dark':
			return applyChain({ channels, sampleRate, chain: [...DARK_TILT] }).channels;
	}
}

/** Song version `id`: its mix through the lesson master (−14 LUFS, −1 dBTP, no EQ). */
export function renderSongVersion(id: SongVersionId, source: SongSource): Float32Array[] {
	return quickMaster({ channels: songMix(id, source), sampleRate: source.sampleRate }).channels;
}
