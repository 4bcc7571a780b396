import { describe, expect, it } from 'vitest';
import { drillCatalog, drillKindIds } from './kind-ids';
import { drillKinds } from './registry';

describe('drill kind ids', () => {
	it('list every registered drill kind, in display order', () => {
		expect([...drillKindIds]).toEqual(drillKinds.map((kind) => kind.id));
	});
});

describe('drill catalog', () => {
	it('has each kind’s own name and description', () => {
		for (const kind of drillKinds) {
			expect(drillCatalog[kind.id]).toEqual({ name: kind.name, description: kind.description });
		}
	});
});
