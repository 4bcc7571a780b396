/**
 * The DOM side of the players' keys and the lesson demos, as Svelte attachments and one helper: lazy
 * preparation near the viewport, what kind of element has focus, and a demo's keys while focus is
 * inside it (which keys do what is pure: lesson/demo-keys.ts).
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { demoKeyAction, type KeyFocus } from '../lesson/demo-keys';

/** Inputs that take typed text: every key is theirs. */
const FIELD =
	'textarea, select, [contenteditable]:not([contenteditable="false"]), input:not([type="range"], [type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"], [type="color"], [type="file"])';
/** Controls that Space (and Enter) press, check or select. */
const CONTROL =
	'button, a[href], input, summary, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="option"], [role="tab"], [role="menuitem"]';

/** What kind of element a key went to (see KeyFocus). A range slider counts as none. */
export function keyFocus(target: EventTarget | null): KeyFocus {
	const element = target as Element | null;
	if (!element?.matches) return 'none';
	if (element.matches(FIELD)) return 'field';
	if (element.matches('input[type="range"]')) return 'none';
	return element.matches(CONTROL) ? 'control' : 'none';
}

/** How far outside the viewport a demo starts preparing: about a screen ahead on a phone. */
export const NEAR_MARGIN = '600px 0px';

/**
 * Calls `onNear` once, the first time the element is within `NEAR_MARGIN` of the viewport; at once
 * where IntersectionObserver is missing.
 */
export function nearViewport(onNear: () => void): Attachment<HTMLElement> {
	return (element) => {
		if (typeof IntersectionObserver === 'undefined') {
			// Called inside the attachment's effect here: what `onNear` reads must not become its deps.
			untrack(onNear);
			return;
		}
		const observer = new IntersectionObserver(
			(entries) => {
				if (entries.some((entry) => entry.isIntersecting)) {
					observer.disconnect();
					onNear();
				}
			},
			{ rootMargin: NEAR_MARGIN }
		);
		observer.observe(element);
		return () => observer.disconnect();
	};
}

/** What a demo offers its keys: how many versions, play/pause and picking one. */
interface KeyedDemo {
	count: number;
	toggle(): void;
	select(index: number): void;
}

/**
 * Listens for demo keys on a demo's frame. The frame itself never takes focus: the keys come from
 * its buttons and sliders while one of them has focus, so the shortcuts stay inside the demo.
 */
export function demoKeys(demo: () => KeyedDemo): Attachment<HTMLElement> {
	return (element) => {
		const onkeydown = (event: KeyboardEvent) => {
			const target = event.target as HTMLElement | null;
			const keyed = demo();
			const action = demoKeyAction({
				key: event.key,
				count: keyed.count,
				modified: event.altKey || event.ctrlKey || event.metaKey,
				focus: keyFocus(target)
			});
			if (!action) return;
			event.preventDefault();
			if (action.kind === 'toggle') keyed.toggle();
			else keyed.select(action.index);
		};
		element.addEventListener('keydown', onkeydown);
		return () => element.removeEventListener('keydown', onkeydown);
	};
}

/**
 * Moves focus to the element as it appears, where the learner acts next (a heading needs
 * tabindex="-1"), and scrolls it into view clear of the bars (app.css gives focus targets scroll
 * margins). `block`: 'nearest' moves the page as little as possible (a reveal under the player);
 * 'start' brings the element to the top (results that follow); 'top' scrolls the page to its top.
 */
export function takeFocus({
	block = 'nearest'
}: { block?: 'nearest' | 'start' | 'top' } = {}): Attachment<HTMLElement> {
	return (element) => {
		element.focus({ preventScroll: true });
		if (block === 'top') window.scrollTo({ top: 0, behavior: 'instant' });
		else element.scrollIntoView({ block, behavior: 'instant' });
	};
}
