/** Mix projects: stems with planted problems, the mixer and master as data, and the check. */
export * from './types';
export * from './mixer';
export * from './master';
export * from './problems';
export * from './stems';
export * from './stem-names';
export * from './project';
export { joinStems, projectOf } from './assemble';
export * from './check';
