/**
 * A Vite plugin that reads and validates every lesson's frontmatter at build time and serves the
 * course outline (slug, order, title, summary, minutes) as the virtual module
 * `virtual:course-outline`, and titles alone as `virtual:course-titles` (for the Today page). Pages list the course without bundling lesson bodies or quizzes, and a
 * bad lesson fails the build with its file and field named (see lessons.ts). A lesson's full
 * frontmatter (its quiz) comes with its own module, loaded when the lesson is opened.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';
import { buildCourse, type LessonMeta } from './lessons.ts';

const OUTLINE = 'virtual:course-outline';
/** Titles only, for the Today page's first load. */
const TITLES = 'virtual:course-titles';

/** The frontmatter of a markdown file, parsed as YAML; `path` is named in every error. */
export function readFrontmatter(text: string, path: string): unknown {
	const match = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
	if (!match)
		throw new Error(`${path}: a lesson starts with a frontmatter block between --- lines`);
	try {
		return parse(match[1]);
	} catch (error) {
		throw new Error(`${path}: the frontmatter is not valid YAML (${(error as Error).message})`, {
			cause: error
		});
	}
}

/** Reads and validates every `content/lessons/NN-slug/index.md` under `root`. */
export function readCourse(root: string): { lessons: LessonMeta[]; files: string[] } {
	const dir = join(root, 'content', 'lessons');
	const files = readdirSync(dir)
		.map((name) => join(dir, name, 'index.md'))
		.filter((file) => existsSync(file));
	const metadata = Object.fromEntries(
		files.map((file) => {
			const path = '/' + file.slice(root.length + 1).replaceAll('\\', '/');
			return [path, readFrontmatter(readFileSync(file, 'utf8'), path)];
		})
	);
	return { lessons: buildCourse(metadata), files };
}

/** The plugin; `root` is the project folder. */
export function coursePlugin(root: string = process.cwd()): Plugin {
	return {
		name: 'mftm-course',
		resolveId(id) {
			return id === OUTLINE || id === TITLES ? `\0${id}` : undefined;
		},
		load(id) {
			if (id !== `\0${OUTLINE}` && id !== `\0${TITLES}`) return undefined;
			const { lessons, files } = readCourse(root);
			for (const file of files) this.addWatchFile(file);
			const data =
				id === `\0${TITLES}`
					? lessons.map(({ slug, title, minutes, drills }) => ({
							slug,
							title,
							minutes,
							drill: drills[0]
						}))
					: lessons.map(({ slug, order, title, summary, minutes }) => ({
							slug,
							order,
							title,
							summary,
							minutes
						}));
			return `export const lessons = ${JSON.stringify(data)};`;
		}
	};
}
