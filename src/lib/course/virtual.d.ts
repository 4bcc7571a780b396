/** The course's build-time modules (see vite-plugin.ts). */
declare module 'virtual:course-outline' {
	export const lessons: { slug: string; title: string; summary: string; minutes: number }[];
}
declare module 'virtual:course' {
	import type { LessonMeta } from '$lib/course/lessons';
	export const lessons: LessonMeta[];
}
