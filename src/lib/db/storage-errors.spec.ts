import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isQuotaError } from './storage-errors';

const quota = () => new DOMException('', 'QuotaExceededError');
const looping: { name: string; inner?: unknown } = { name: 'AbortError' };
looping.inner = looping;

describe('isQuotaError', () => {
	it.each([
		['the DOMException a browser aborts with', quota(), true],
		['Dexie.QuotaExceededError', new Dexie.QuotaExceededError('full'), true],
		[
			'an AbortError wrapping it (Dexie, transaction aborted)',
			new Dexie.AbortError('x', quota()),
			true
		],
		[
			'an AbortError wrapping a Dexie.QuotaExceededError',
			new Dexie.AbortError('x', new Dexie.QuotaExceededError('full')),
			true
		],
		['an Error with it as cause', new Error('not saved', { cause: quota() }), true],
		[
			'a bulk write with it among its failures',
			new Dexie.BulkError('x', [new Error('a'), quota()]),
			true
		],
		['an AbortError of a plain abort', new Dexie.AbortError('x'), false],
		['a blocked database', new DOMException('no', 'InvalidStateError'), false],
		['a closed database', new Dexie.DatabaseClosedError('closed'), false],
		['a string naming it', 'QuotaExceededError', false],
		['undefined', undefined, false],
		['an error wrapping itself', looping, false]
	])('%s', (_, error, expected) => {
		expect(isQuotaError(error)).toBe(expected);
	});
});
