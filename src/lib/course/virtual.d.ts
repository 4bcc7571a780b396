/** The course outline, read and validated at build time (see vite-plugin.ts). */
declare module 'virtual:course-outline' {
	export const lessons: {
		slug: string;
		order: number;
		title: string;
		summary: string;
		minutes: number;
	}[];
}
declare module 'virtual:course-titles' {
	/** `drill`: the first drill the lesson sends the learner to. */
	export const lessons: { slug: string; title: string; minutes: number; drill: string }[];
}
