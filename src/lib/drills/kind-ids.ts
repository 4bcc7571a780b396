/**
 * Every drill kind's id, name and one-line description, in display order, in a module with no
 * imports: the build's course plugin checks lesson frontmatter against the ids, and lesson pages link
 * drills without loading their code. kind-ids.spec.ts checks it matches the registry.
 */
export const drillKindIds = [
	'eq-boost',
	'eq-cut',
	'eq-detect',
	'eq-match',
	'limiter',
	'compression',
	'clipping',
	'level',
	'mono',
	'translation',
	'balance'
] as const;

/** Names and descriptions by id (the same text as each drill kind's own). */
export const drillCatalog: Record<
	(typeof drillKindIds)[number],
	{ name: string; description: string }
> = {
	'eq-boost': {
		name: 'Spot the boost',
		description:
			'One band of the mix is boosted. Flip between the EQ’d version and the original and pick the band.'
	},
	'eq-cut': {
		name: 'Spot the cut',
		description:
			'One band of the mix is cut. Dips are harder to hear than peaks: listen for what is missing.'
	},
	'eq-detect': {
		name: 'Is there EQ?',
		description:
			'One version may carry a broad boost or cut. Find it, down to 1 dB, and learn when there is none.'
	},
	'eq-match': {
		name: 'Match the EQ',
		description:
			'A hidden EQ colours version A. Sweep your own until it sounds the same: frequency first, then gain.'
	},
	limiter: {
		name: 'Over-limited?',
		description:
			'Both versions are limited and loudness-matched; one was pushed much harder. Pick the squashed one.'
	},
	compression: {
		name: 'Compressed?',
		description:
			'Find the compressed (or more compressed) version at matched loudness, then the faster attack and release.'
	},
	clipping: {
		name: 'Clipped?',
		description:
			'One version was pushed into a clipper, hard or soft, then matched in loudness. Hear the broken peaks.'
	},
	level: {
		name: 'Which is louder?',
		description:
			'The same clip twice, one slightly louder. Hear level differences down to a quarter of a decibel, and learn why every other drill is loudness-matched.'
	},
	mono: {
		name: 'Mono check',
		description:
			'One mix has a stereo problem that falls apart when summed to mono. Switch between stereo and mono and find it.'
	},
	translation: {
		name: 'Which system?',
		description:
			'Hear a mix the way a phone, laptop, earbuds, a car or a club plays it, and name the system.'
	},
	balance: {
		name: 'What moved?',
		description:
			'A mix twice from its stems: in B one part is louder or quieter. Hear balance changes down to 1 dB, at the same overall loudness.'
	}
};
