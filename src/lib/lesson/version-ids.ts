/**
 * The names of the lesson versions, in a module with no imports: the build's course plugin checks
 * lesson frontmatter against them without loading the audio code (versions.ts renders them).
 */
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
	'club'
] as const;

/** The id of a lesson version. */
export type LessonVersionId = (typeof lessonVersionIds)[number];
