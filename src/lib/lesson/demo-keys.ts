/** Which keys control a lesson demo while focus is inside it (never page-wide). */

/** What a key press asks a demo to do. */
export type DemoKeyAction = { kind: 'toggle' } | { kind: 'select'; index: number } | null;

/**
 * Space plays or pauses; A, B, C… or 1, 2, 3… pick a version, up to `count`. Modified keys and keys
 * typed into text fields or selects do nothing, as on the drill screen.
 */
export function demoKeyAction({
	key,
	count,
	modified,
	inField
}: {
	key: string;
	count: number;
	/** Alt, Ctrl or Meta is held. */
	modified: boolean;
	/** The key went to a text field, a select or a textarea. */
	inField: boolean;
}): DemoKeyAction {
	if (modified || inField) return null;
	const lower = key.toLowerCase();
	if (lower === ' ') return { kind: 'toggle' };
	const index = /^[1-9]$/.test(lower)
		? Number(lower) - 1
		: /^[a-i]$/.test(lower)
			? lower.charCodeAt(0) - 97
			: -1;
	return index >= 0 && index < count ? { kind: 'select', index } : null;
}
