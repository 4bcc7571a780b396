/** The drill kinds, in the order the drill list shows them, and lookups by id. */
import { eqBoost } from './eq-boost';
import { eqCut } from './eq-cut';
import { eqDetect } from './eq-detect';
import { eqMatch } from './eq-match';
import { limiter } from './limiter';
import { compression } from './compression';
import { clipping } from './clipping';
import { level } from './level';
import { mono } from './mono';
import { translation } from './translation';
import { balance } from './balance';
import type { DrillKind, DrillKindId } from './types';

/** Every drill kind, in display order. */
export const drillKinds: readonly DrillKind[] = [
	eqBoost,
	eqCut,
	eqDetect,
	eqMatch,
	limiter,
	compression,
	clipping,
	level,
	mono,
	translation,
	balance
];

const byId = new Map<string, DrillKind>(drillKinds.map((kind) => [kind.id, kind]));

/** True when `id` names a drill kind (for route params and CLI arguments). */
export function isDrillKindId(id: string): id is DrillKindId {
	return byId.has(id);
}

/** The drill kind with this id, or undefined for an unknown id. */
export function getDrillKind(id: string): DrillKind | undefined {
	return byId.get(id);
}
