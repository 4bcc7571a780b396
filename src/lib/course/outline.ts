/** The course outline for pages that list lessons: no lesson bodies, no quizzes, no validation code. */
import { lessons } from 'virtual:course-outline';

export type OutlineEntry = (typeof lessons)[number];
export const outline: OutlineEntry[] = lessons;
