import { describeSweep } from './test-sweep';

// Seeds 100–199; mix-sweep-1.spec.ts takes the other 100 of the 200.
describeSweep({ first: 100, count: 100 });
