import { describe, expect, it } from 'vitest';
import { drillKindIds } from './kind-ids';
import { drillKinds } from './registry';

describe('drill kind ids', () => {
	it('list every registered drill kind, in display order', () => {
		expect([...drillKindIds]).toEqual(drillKinds.map((kind) => kind.id));
	});
});
