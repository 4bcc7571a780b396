/**
 * The course index: every `content/lessons/NN-slug/index.md`, ordered by its number. The number is
 * stripped to make the URL slug. Bad frontmatter throws with the file's path, which fails the build.
 */
export interface LessonMeta {
	slug: string;
	order: number;
	title: string;
	summary: string;
	minutes: number;
	path: string;
}

const FOLDER = /\/content\/lessons\/(\d+)-([a-z0-9-]+)\/index\.md$/;

/** Validates one lesson's frontmatter; `path` is named in every error. */
export function parseLessonMeta(path: string, metadata: unknown): LessonMeta {
	const match = FOLDER.exec(path);
	if (!match)
		throw new Error(`${path}: lesson folders are named NN-slug (for example 01-gain-staging)`);
	const meta = (metadata ?? {}) as Record<string, unknown>;
	const text = (key: string) => {
		const value = meta[key];
		if (typeof value !== 'string' || value.trim() === '') {
			throw new Error(`${path}: frontmatter needs a non-empty "${key}"`);
		}
		return value.trim();
	};
	const minutes = meta.minutes;
	if (typeof minutes !== 'number' || !(minutes > 0)) {
		throw new Error(`${path}: frontmatter needs "minutes", a positive number`);
	}
	return {
		slug: match[2],
		order: Number(match[1]),
		title: text('title'),
		summary: text('summary'),
		minutes,
		path
	};
}

/** Builds the ordered course from glob results, refusing duplicate numbers or slugs. */
export function buildCourse(modules: Record<string, unknown>): LessonMeta[] {
	const lessons = Object.entries(modules)
		.map(([path, metadata]) => parseLessonMeta(path, metadata))
		.sort((a, b) => a.order - b.order);
	for (let i = 1; i < lessons.length; i++) {
		const prev = lessons[i - 1];
		const lesson = lessons[i];
		if (lesson.order === prev.order || lessons.some((l, j) => j < i && l.slug === lesson.slug)) {
			throw new Error(`${lesson.path}: its number or slug repeats ${prev.path}`);
		}
	}
	return lessons;
}
