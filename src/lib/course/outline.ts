/** The course outline for pages that only list lessons (Today): no lesson bodies, no validation code. */
import { lessons } from 'virtual:course-outline';

export type OutlineEntry = (typeof lessons)[number];
export const outline: OutlineEntry[] = lessons;
