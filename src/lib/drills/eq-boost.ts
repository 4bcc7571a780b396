/** `eq-boost`: which band was boosted? (ladder and logic in eq-band.ts) */
import { createBandDrill } from './eq-band';

/** The `eq-boost` drill kind. */
export const eqBoost = createBandDrill({
	id: 'eq-boost',
	sign: 1,
	name: 'Spot the boost',
	description:
		'One band of the mix is boosted. Flip between the EQ’d version and the original and pick the band.'
});
