/**
 * The DOM side of the lesson demos, as Svelte attachments: lazy preparation near the viewport, and
 * the demo's keys while focus is inside it (which keys do what is pure: lesson/demo-keys.ts).
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { demoKeyAction } from '../../lesson/demo-keys';

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
				inField: !!target?.matches?.('input:not([type="range"]), textarea, select')
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
