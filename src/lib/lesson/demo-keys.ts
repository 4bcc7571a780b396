/**
 * Which keys control a player (a lesson demo while focus is inside it, or the drill screen), and
 * when a focused control's own keys win.
 */

/** What a key press asks a player to do. */
export type DemoKeyAction = { kind: 'toggle' } | { kind: 'select'; index: number } | null;

/**
 * What had focus when the key was pressed:
 * - `field`: a text field, textarea or select, which owns every key;
 * - `control`: a button, link, checkbox, radio or the like, whose Space (and Enter) press it;
 * - `none`: nothing that uses these keys (the page, a slider).
 */
export type KeyFocus = 'field' | 'control' | 'none';

/**
 * Space plays or pauses unless a focused control would take it; A, B, C… or 1, 2, 3… pick a version,
 * up to `count`. Modified keys and keys typed into fields do nothing.
 */
export function demoKeyAction({
	key,
	count,
	modified,
	focus
}: {
	key: string;
	count: number;
	/** Alt, Ctrl or Meta is held. */
	modified: boolean;
	focus: KeyFocus;
}): DemoKeyAction {
	if (modified || focus === 'field') return null;
	const lower = key.toLowerCase();
	if (lower === ' ') return focus === 'control' ? null : { kind: 'toggle' };
	const index = /^[1-9]$/.test(lower)
		? Number(lower) - 1
		: /^[a-i]$/.test(lower)
			? lower.charCodeAt(0) - 97
			: -1;
	return index >= 0 && index < count ? { kind: 'select', index } : null;
}
