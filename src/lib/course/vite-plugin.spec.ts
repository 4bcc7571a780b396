/** The build reads every lesson through readCourse: a bad lesson must stop it, naming the file. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCourse, readFrontmatter } from './vite-plugin';

const lesson = (frontmatter: string) => `---\n${frontmatter}\n---\n\nSome text.\n`;
const goodYaml = `title: Headroom
summary: Leave room for the master.
minutes: 6
skills: [headroom]
drills: [limiter]
bench:
  task: Open your mix on the Bench and read its true peak.
quiz:
  - question: Why leave headroom?
    choices: [So the master has room, So it is louder]
    answer: 0
    explanation: The mastering engineer needs room to work.
  - question: Is a limiter on the mix bus a good idea when sending to mastering?
    choices: [Yes, No]
    answer: 1
    explanation: Send it without, or send both.
  - question: Which one is clipped?
    listen: { a: mix, b: clipped }
    choices: [A, B]
    answer: 1
    explanation: B was driven into a hard clipper.`;

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

function project(files: Record<string, string>): string {
	root = mkdtempSync(join(tmpdir(), 'mftm-course-'));
	for (const [folder, text] of Object.entries(files)) {
		mkdirSync(join(root, 'content', 'lessons', folder), { recursive: true });
		writeFileSync(join(root, 'content', 'lessons', folder, 'index.md'), text);
	}
	return root;
}

describe('reading the course at build time', () => {
	it('reads and orders valid lessons', () => {
		const { lessons } = readCourse(
			project({ '02-headroom': lesson(goodYaml), '01-intro': lesson(goodYaml) })
		);
		expect(lessons.map((l) => [l.order, l.slug])).toEqual([
			[1, 'intro'],
			[2, 'headroom']
		]);
		expect(lessons[0].quiz).toHaveLength(3);
	});

	it('fails on broken frontmatter, naming the file and the field', () => {
		const dir = project({ '03-broken': lesson(goodYaml.replace('minutes: 6', 'minutes: six')) });
		expect(() => readCourse(dir)).toThrow(
			/\/content\/lessons\/03-broken\/index\.md: frontmatter field "minutes"/
		);
	});

	it('fails on a link to a drill that does not exist', () => {
		const dir = project({ '04-x': lesson(goodYaml.replace('[limiter]', '[limiter, wizardry]')) });
		expect(() => readCourse(dir)).toThrow(/04-x\/index\.md: frontmatter field "drills\.1"/);
	});

	it('fails on YAML that does not parse, or a missing frontmatter block', () => {
		expect(() => readFrontmatter('---\ntitle: [unclosed\n---\n', '/x.md')).toThrow(
			/\/x\.md: the frontmatter is not valid YAML/
		);
		expect(() => readFrontmatter('# Just markdown\n', '/y.md')).toThrow(/\/y\.md: .*frontmatter/);
	});
});
