/** The lint rule that makes exported functions with three or more parameters take one object. */
import { Linter } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { objectArgs } from '../../lint/object-args.js';

/** The rule's messages for `code`, linted as a TypeScript module. */
function lint(code: string): string[] {
	const linter = new Linter();
	return linter
		.verify(
			code,
			[
				{
					files: ['**/*.ts'],
					languageOptions: { parser: ts.parser as Linter.Parser },
					plugins: { local: { rules: { 'object-args': objectArgs } } },
					rules: { 'local/object-args': 'error' }
				}
			],
			{ filename: 'fixture.ts' }
		)
		.map((m) => m.message);
}

describe('object-args', () => {
	it.each([
		['export function f(a: number, b: number, c: number) {}', 'f takes 3'],
		['export const g = (a: number, b: number, c = 1) => a + b + c;', 'g takes 3'],
		['export const h = function (a: number, b: number, ...rest: number[]) {};', 'h takes 3'],
		['export default function (a: number, b: number, c: number) {}', 'The default export takes 3'],
		['export class K { move(a: number, b: number, c: number) {} }', 'move takes 3'],
		['export class K { constructor(a: number, b: number, c: number) {} }', 'constructor takes 3']
	])('reports %j', (code, message) => {
		const messages = lint(code);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain(message);
	});

	it.each([
		'export function f(a: number, b: number) {}',
		'export function f(db: object, { a, b, c }: { a: number; b: number; c: number }) {}',
		'function local(a: number, b: number, c: number) {}\nexport const x = local;',
		'export class K { #hot(a: number, b: number, c: number) {} private p(a: number, b: number, c: number) {} }',
		'class Hidden { m(a: number, b: number, c: number) {} }\nexport const h = Hidden;',
		'export const cb = [1].map((a, b, c) => a + b + c.length);'
	])('allows %j', (code) => {
		expect(lint(code)).toEqual([]);
	});
});
