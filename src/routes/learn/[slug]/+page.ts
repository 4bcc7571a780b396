import { error } from '@sveltejs/kit';
import { lessons, loadLesson } from '$lib/course/course';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => lessons.map(({ slug }) => ({ slug }));

export const load: PageLoad = async ({ params }) => {
	const lesson = await loadLesson(params.slug);
	if (!lesson) error(404, `No lesson called “${params.slug}”`);
	const index = lessons.findIndex((l) => l.slug === lesson.meta.slug);
	return { ...lesson, previous: lessons[index - 1] ?? null, next: lessons[index + 1] ?? null };
};
