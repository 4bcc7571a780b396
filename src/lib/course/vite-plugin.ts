/**
 * A Vite plugin that reads every lesson's frontmatter at build time and serves it as two virtual
 * modules: `virtual:course-outline` (slug, title, summary, minutes: small enough for the Today page)
 * and `virtual:course` (the validated metadata). Pages get the course without bundling lesson
 * bodies, and a bad lesson fails the build with its file named (see lessons.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';
import { buildCourse, type LessonMeta } from './lessons.ts';

const OUTLINE = 'virtual:course-outline';
const COURSE = 'virtual:course';

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
			return id === OUTLINE || id === COURSE ? `\0${id}` : undefined;
		},
		load(id) {
			if (id !== `\0${OUTLINE}` && id !== `\0${COURSE}`) return undefined;
			const { lessons, files } = readCourse(root);
			for (const file of files) this.addWatchFile(file);
			const data =
				id === `\0${OUTLINE}`
					? lessons.map(({ slug, title, summary, minutes }) => ({ slug, title, summary, minutes }))
					: lessons;
			return `export const lessons = ${JSON.stringify(data)};`;
		}
	};
}
