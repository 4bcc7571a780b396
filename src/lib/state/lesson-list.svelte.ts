/** The course map's lesson progress, read live; apart from today.svelte.ts so Today does not load it. */
import { getDatabase } from '../db/database';
import type { LessonRow } from '../progress/records';
import { Live } from './live.svelte';

/** Every lesson's stored progress by slug, updated when any tab writes. */
export class LessonListState extends Live<Map<string, LessonRow>> {
	protected async read(): Promise<Map<string, LessonRow>> {
		const rows = await getDatabase().lessons.toArray();
		// A fresh snapshot per read, never mutated: replaced whole, as $state.raw expects.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		return new Map(rows.map((row) => [row.slug, row]));
	}
}
