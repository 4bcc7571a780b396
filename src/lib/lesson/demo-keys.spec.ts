import { describe, expect, it } from 'vitest';
import { demoKeyAction, type KeyFocus } from './demo-keys';

describe('demoKeyAction', () => {
	const plain = { count: 2, modified: false, focus: 'none' as KeyFocus };
	it.each([
		[' ', { kind: 'toggle' }],
		['a', { kind: 'select', index: 0 }],
		['B', { kind: 'select', index: 1 }],
		['1', { kind: 'select', index: 0 }],
		['2', { kind: 'select', index: 1 }],
		['3', null],
		['c', null],
		['Enter', null],
		['ArrowLeft', null],
		['0', null]
	])('key %j with two versions: %j', (key, expected) => {
		expect(demoKeyAction({ ...plain, key })).toEqual(expected);
	});

	it('reaches the seventh system with 7 or G', () => {
		expect(demoKeyAction({ ...plain, count: 7, key: '7' })).toEqual({ kind: 'select', index: 6 });
		expect(demoKeyAction({ ...plain, count: 7, key: 'g' })).toEqual({ kind: 'select', index: 6 });
		expect(demoKeyAction({ ...plain, count: 7, key: '8' })).toBeNull();
	});

	it('leaves modified keys and keys typed into fields alone', () => {
		for (const key of [' ', 'a', '1']) {
			expect(demoKeyAction({ ...plain, key, modified: true })).toBeNull();
			expect(demoKeyAction({ ...plain, key, focus: 'field' })).toBeNull();
		}
	});

	it('leaves Space to a focused button or option, but still picks versions by letter', () => {
		expect(demoKeyAction({ ...plain, key: ' ', focus: 'control' })).toBeNull();
		expect(demoKeyAction({ ...plain, key: 'b', focus: 'control' })).toEqual({
			kind: 'select',
			index: 1
		});
	});
});
