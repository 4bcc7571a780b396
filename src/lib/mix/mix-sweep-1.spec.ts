import { describeSweep } from './test-sweep';

// Seeds 0–99; mix-sweep-2.spec.ts takes the other 100 of the 200.
describeSweep({ first: 0, count: 100 });
