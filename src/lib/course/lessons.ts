/**
 * The course index: every `content/lessons/NN-slug/index.md`, ordered by its number. The number is
 * stripped to make the URL slug. The frontmatter is validated with a schema when the course is read
 * at build time (vite-plugin.ts): a missing or bad field throws with the file's path and the field,
 * which fails the build.
 */
import * as v from 'valibot';
import { drillKindIds } from '../drills/kind-ids.ts';
import type { DrillKindId } from '../drills/types';
import { isSongVersionId, lessonVersionIds, type LessonVersionId } from '../lesson/version-ids.ts';
import { problemKinds, type ProblemKind } from '../mix/types.ts';

/** One check question at the end of a lesson. */
export interface QuizQuestion {
	question: string;
	choices: string[];
	/** Index of the right choice. */
	answer: number;
	/** Why the right answer is right, shown after answering. */
	explanation: string;
	/** A listening question plays this A/B above the choices. */
	listen?: { a: LessonVersionId; b: LessonVersionId };
}

export interface LessonMeta {
	slug: string;
	order: number;
	title: string;
	summary: string;
	minutes: number;
	/** Short tags for what it teaches. */
	skills: string[];
	/** Drills that practise it. */
	drills: DrillKindId[];
	/** The hands-on task: a Mix Lab project with the lesson's problem planted… */
	mix?: MixTask;
	/** …or a step on the Bench with the learner's own mix (every lesson has one of the two). */
	bench?: BenchTask;
	quiz: QuizQuestion[];
	path: string;
}

/** A Mix Lab project preset (`/mix?style=…&seed=…&level=…`) and what to do with it. */
export interface MixTask {
	/** An arrangement style id (checked against the styles by the course spec). */
	style: string;
	seed: number;
	level: number;
	/** The problem the project plants (checked against the project's plan by the course spec). */
	problem: ProblemKind;
	/** The task in one or two sentences. */
	task: string;
}

/** A step on the Bench with the learner's own mix or master, and what to look for. */
export interface BenchTask {
	/** The task in one or two sentences. */
	task: string;
}

const FOLDER = /\/content\/lessons\/(\d+)-([a-z0-9-]+)\/index\.md$/;
const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const versionId = v.picklist(lessonVersionIds as readonly LessonVersionId[]);

const QuestionSchema = v.pipe(
	v.strictObject({
		question: text(300),
		choices: v.pipe(v.array(text(200)), v.minLength(2), v.maxLength(4)),
		answer: v.pipe(v.number(), v.integer(), v.minValue(0)),
		explanation: text(600),
		listen: v.optional(v.strictObject({ a: versionId, b: versionId }))
	}),
	v.forward(
		v.check((q) => q.answer < q.choices.length, 'must be the index of one of the choices'),
		['answer']
	),
	v.forward(
		v.check(
			(q) => !q.listen || isSongVersionId(q.listen.a) === isSongVersionId(q.listen.b),
			'must be a song version when a is, and not one when a is not (they render from different music)'
		),
		['listen', 'b']
	)
);

const FrontmatterSchema = v.strictObject({
	title: text(80),
	summary: text(240),
	minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(15)),
	skills: v.pipe(v.array(text(40)), v.minLength(1)),
	drills: v.array(v.picklist(drillKindIds)),
	mix: v.optional(
		v.strictObject({
			style: text(40),
			seed: v.pipe(v.number(), v.integer(), v.minValue(0)),
			level: v.picklist([1, 2, 3]),
			problem: v.picklist(problemKinds),
			task: text(300)
		})
	),
	bench: v.optional(v.strictObject({ task: text(300) })),
	quiz: v.pipe(v.array(QuestionSchema), v.minLength(3), v.maxLength(5))
});

/** Validates one lesson's frontmatter; `path` and the field are named in every error. */
export function parseLessonMeta(path: string, metadata: unknown): LessonMeta {
	const match = FOLDER.exec(path);
	if (!match)
		throw new Error(`${path}: lesson folders are named NN-slug (for example 01-gain-staging)`);
	const result = v.safeParse(FrontmatterSchema, metadata ?? {});
	if (!result.success) {
		const issue = result.issues[0];
		const field = v.getDotPath(issue) ?? 'frontmatter';
		throw new Error(`${path}: frontmatter field "${field}": ${issue.message}`);
	}
	if (Boolean(result.output.mix) === Boolean(result.output.bench)) {
		throw new Error(
			`${path}: frontmatter field "mix": every lesson ends with one hands-on task, a Mix Lab project (mix) or a Bench step (bench)`
		);
	}
	return { slug: match[2], order: Number(match[1]), ...result.output, path };
}

/** Builds the ordered course from frontmatter by path, refusing duplicate numbers or slugs. */
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
