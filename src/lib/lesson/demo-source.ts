/** Where a lesson demo's music comes from: a fixed seed per page and a style, so demos repeat. */
import { styleIds, type StyleId } from '../dsp/synth/styles';

/** Length of a demo clip; the same as the drills' clips. */
export const DEMO_SECONDS = 8;
/** Sample rate of a demo clip; the same as the drills' clips. */
export const DEMO_SAMPLE_RATE = 44100;
/** The style demos use unless a `style` prop picks another. */
export const DEFAULT_DEMO_STYLE: StyleId = 'pop-rock';

/**
 * A seed from a page's path (FNV-1a, 32-bit, folded to 31 bits), so every demo on one page uses the
 * same music, which the worker renders once, and a page sounds the same on every visit.
 * @example pageSeed('/learn/loudness-and-bias') === pageSeed('/learn/loudness-and-bias') // true
 */
export function pageSeed(pathname: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < pathname.length; i++) {
		hash ^= pathname.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 1) & 0x7fffffff;
}

/** The style a demo asked for, or the default when the prop is missing or unknown. */
export function demoStyle(style: string | undefined): StyleId {
	return style !== undefined && (styleIds as string[]).includes(style)
		? (style as StyleId)
		: DEFAULT_DEMO_STYLE;
}
