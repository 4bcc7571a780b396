/**
 * The names of the lesson versions and what each is, as data: the build's course plugin checks
 * lesson frontmatter against the ids, and demos label versions, without loading the audio code
 * (versions.ts renders them).
 */
import { systemInfo } from '../dsp/process/system-info';
/** The version ids, in the order a lesson menu lists them. */
export const lessonVersionIds = [
	'mix',
	'master',
	'loud-master',
	'limited-hard',
	'compressed-heavy',
	'clipped',
	'louder-1db',
	'bass-boost',
	'bass-heavy-mix',
	'presence-boost',
	'mud-cut',
	'mono',
	'wide-phasey',
	'phone',
	'earbuds',
	'laptop',
	'car',
	'club',
	'song-master',
	'song-vocal-buried',
	'song-vocal-harsh',
	'song-dark'
] as const;

/** The id of a lesson version. */
export type LessonVersionId = (typeof lessonVersionIds)[number];

/**
 * Versions of a song with a lead voice (the mix projects' stems), mastered: they render from the
 * stems source, the others from the arrangement, so one demo or question plays one kind or the other.
 */
export const songVersionIds = [
	'song-master',
	'song-vocal-buried',
	'song-vocal-harsh',
	'song-dark'
] as const satisfies readonly LessonVersionId[];
export type SongVersionId = (typeof songVersionIds)[number];

/** Whether `id` is a song version (rendered from the stems source). */
export function isSongVersionId(id: LessonVersionId): id is SongVersionId {
	return (songVersionIds as readonly string[]).includes(id);
}

const systemVersion = (id: keyof typeof systemInfo) => ({
	label: systemInfo[id].label,
	description: systemInfo[id].description
});

/** What each version is, for the lesson's player. */
export const lessonVersions: Record<LessonVersionId, { label: string; description: string }> = {
	mix: {
		label: 'Mix',
		description: 'The mix as it left the mixing session, with no processing at all.'
	},
	master: {
		label: 'Master (−14 LUFS)',
		description:
			'Mastered for streaming: gentle glue compression and a limiter bring it to −14 LUFS with peaks at or below −1 dBTP.'
	},
	'loud-master': {
		label: 'Loud master (−8 LUFS)',
		description:
			'Pushed to −8 LUFS by driving the limiter hard: louder, but the hits are flattened and the drums lose their snap.'
	},
	'limited-hard': {
		label: 'Hard limiting',
		description:
			'A limiter pulling the loudest peaks down by 8 dB: the hits are flattened and the track gets denser and louder.'
	},
	'compressed-heavy': {
		label: 'Heavy compression',
		description:
			"A 4:1 compressor with a fast 3 ms attack doing about 10 dB of gain reduction, turned back up to the mix's loudness: the sound between the hits comes up and the level pumps with the drums."
	},
	clipped: {
		label: 'Clipped',
		description:
			'Driven 6 dB into a hard clipper: the tops of the waveform are cut flat, which adds harsh distortion to every hit.'
	},
	'louder-1db': {
		label: 'Mix +1 dB',
		description:
			'The same mix, only 1 dB louder: a difference that often sounds "better" even though nothing else changed.'
	},
	'bass-boost': {
		label: 'Bass boost',
		description: 'A +6 dB low shelf at 100 Hz: more weight and boom in the low end.'
	},
	'bass-heavy-mix': {
		label: 'Bass-heavy mix',
		description:
			"A +9 dB bump at 60 Hz: far too much sub bass, which eats the master's headroom and disappears on small speakers."
	},
	'presence-boost': {
		label: 'Presence boost',
		description: 'A +6 dB peak at 3 kHz: vocals and guitars jump forward and can turn harsh.'
	},
	'mud-cut': {
		label: 'Mud cut',
		description: 'A 4 dB dip at 300 Hz: less of the boxy, muddy build-up in the low mids.'
	},
	mono: {
		label: 'Mono',
		description:
			'Left and right summed into one channel, as a single speaker plays it: check that nothing disappears.'
	},
	'wide-phasey': {
		label: 'Wide and phasey',
		description:
			'The right channel delayed by 0.6 ms and the side signal boosted: huge in stereo, but thin and hollow once summed to mono.'
	},
	phone: systemVersion('phone'),
	earbuds: systemVersion('earbuds'),
	laptop: systemVersion('laptop'),
	car: systemVersion('car'),
	club: systemVersion('club'),
	'song-master': {
		label: 'Song, mastered',
		description:
			'A song section with a lead vocal, mixed at its balance and mastered like the master: glue compression and a limiter to −14 LUFS, no EQ.'
	},
	'song-vocal-buried': {
		label: 'Buried vocal, mastered',
		description:
			'The same song with the lead vocal 8 dB lower in the mix, through the same master: the master turns every part up together, so the vocal stays buried.'
	},
	'song-vocal-harsh': {
		label: 'Harsh vocal, mastered',
		description:
			'The lead vocal alone given a +9 dB bell at 3.2 kHz in the mix, then mastered: a cut on the whole master would dull every other part with it.'
	},
	'song-dark': {
		label: 'Dark mix, mastered',
		description:
			'The whole mix tilted dark (+3 dB below 150 Hz, −4 dB above 4 kHz), then mastered with no EQ: a broad tilt of every part that a master EQ can correct.'
	}
};

/** Whether `s` names a lesson version (for ids read from lesson content). */
export function isLessonVersionId(s: string): s is LessonVersionId {
	return (lessonVersionIds as readonly string[]).includes(s);
}
