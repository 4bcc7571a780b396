/** Audio processors: pure TypeScript over planar Float32Array channels (Node, browser and Worker). */
export * from './biquad';
export * from './clipper';
export * from './compressor';
export * from './limiter';
export * from './stereo';
export * from './systems';
export * from './loudness-match';
export * from './chain';
