/** Lazy demos: an attachment that calls back once its element comes near the viewport. */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

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
