/** `eq-cut`: which band was cut? Dips are harder to hear than peaks (ladder and logic in eq-band.ts). */
import { createBandDrill } from './eq-band';

/** The `eq-cut` drill kind. */
export const eqCut = createBandDrill({
	id: 'eq-cut',
	sign: -1,
	name: 'Spot the cut',
	description:
		'One band of the mix is cut. Dips are harder to hear than peaks: listen for what is missing.'
});
