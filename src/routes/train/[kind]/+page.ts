import { error } from '@sveltejs/kit';
import { drillKinds, getDrillKind } from '$lib/drills/registry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => drillKinds.map(({ id }) => ({ kind: id }));

export const load: PageLoad = ({ params }) => {
	const kind = getDrillKind(params.kind);
	if (!kind) error(404, `No drill called “${params.kind}”`);
	return { kindId: kind.id };
};
