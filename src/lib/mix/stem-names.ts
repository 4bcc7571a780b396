/** What each stem is called, per style: light on imports, so the drill list can show them. */
import type { StyleId } from '../dsp/synth/styles';
import type { StemId } from './types';

/** What each style is called in the Mix Lab. */
export const styleNames: Record<StyleId, string> = {
	'pop-rock': 'Pop-rock',
	electronic: 'Electronic',
	'hip-hop': 'Hip-hop',
	ballad: 'Ballad'
};

/** A project's name as the Mix Lab shows it, e.g. "Pop-rock · project 8 · level 1". */
export function projectName({
	style,
	seed,
	level
}: {
	style: StyleId;
	seed: number;
	level: number;
}): string {
	return `${styleNames[style]} · project ${seed} · level ${level}`;
}

/** What the chordal and texture stems are called in each style (their parts differ). */
const stemNames: Record<StyleId, { chords: string; texture: string }> = {
	'pop-rock': { chords: 'Guitars', texture: 'Organ and clean guitar' },
	electronic: { chords: 'Synth chords', texture: 'Pad and arpeggio' },
	'hip-hop': { chords: 'Electric piano', texture: 'Strings' },
	ballad: { chords: 'Piano and guitar', texture: 'Strings' }
};

const fixedNames: Record<Exclude<StemId, 'chords' | 'texture'>, string> = {
	kick: 'Kick',
	snare: 'Snare',
	hats: 'Hats and cymbals',
	bass: 'Bass',
	vocal: 'Lead vocal'
};

/** What each stem is called in `style`. */
export function stemNamesOf(style: StyleId): Record<StemId, string> {
	return { ...fixedNames, ...stemNames[style] };
}
