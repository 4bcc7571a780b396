/**
 * Every drill kind's id, in display order, in a module with no imports: the build's course plugin
 * checks lesson frontmatter against it without loading the drills (registry.spec checks it matches).
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
	'translation'
] as const;
