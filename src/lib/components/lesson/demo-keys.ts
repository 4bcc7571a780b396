/** Keyboard control of a lesson demo while focus is inside it (never page-wide). */
import type { Attachment } from 'svelte/attachments';

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

/** Runs a key press on a demo: call from the demo's `onkeydown`. */
export function handleDemoKey(
	event: KeyboardEvent,
	demo: { count: number; toggle(): void; select(index: number): void }
): void {
	const target = event.target as HTMLElement | null;
	const action = demoKeyAction({
		key: event.key,
		count: demo.count,
		modified: event.altKey || event.ctrlKey || event.metaKey,
		inField: !!target?.matches?.('input:not([type="range"]), textarea, select')
	});
	if (!action) return;
	event.preventDefault();
	if (action.kind === 'toggle') demo.toggle();
	else demo.select(action.index);
}

/**
 * Listens for demo keys on a demo's frame. The frame itself never takes focus: the keys come from
 * its buttons and sliders while one of them has focus, so the shortcuts stay inside the demo.
 */
export function demoKeys(
	demo: () => { count: number; toggle(): void; select(index: number): void }
): Attachment<HTMLElement> {
	return (element) => {
		const onkeydown = (event: KeyboardEvent) => handleDemoKey(event, demo());
		element.addEventListener('keydown', onkeydown);
		return () => element.removeEventListener('keydown', onkeydown);
	};
}
