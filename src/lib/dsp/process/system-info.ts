/**
 * What each playback system is called and models, as data (systems.ts holds the processing). A module
 * of its own so pages can name the systems without loading the filters.
 */

/** Label and one-sentence description per system id. */
export const systemInfo = {
	phone: {
		label: 'Phone speaker',
		description:
			'One small speaker: almost nothing below ~300 Hz (24 dB/octave), a forward upper-mid, ' +
			'little air above ~10 kHz, and a protective limiter.'
	},
	laptop: {
		label: 'Laptop speakers',
		description:
			'Two small speakers close together: a narrow stereo image, little below ~180 Hz, a boxy ' +
			'resonance around 900 Hz, softened top end and a protective limiter.'
	},
	earbuds: {
		label: 'Earbuds',
		description:
			'Sealed in-ear buds: full stereo, a bass lift from the seal (low shelf +4 dB), an upper-mid ' +
			'emphasis near the ear-canal resonance (~3 kHz) and a gentle top-end roll-off.'
	},
	car: {
		label: 'Car',
		description:
			'Door speakers in a closed cabin: cabin gain and the factory tuning boost the low bass ' +
			'(+6 to +9 dB from 40 to 100 Hz, most near 65 Hz), the cabin leaves a dip near 250 Hz, and ' +
			'the driver sits nearer the left speaker (the right channel arrives about 1 ms later); road ' +
			'noise, which hides quiet details, is not simulated.'
	},
	club: {
		label: 'Club PA',
		description:
			'A big sub (low shelf +6 dB) with the low end summed to mono below ~120 Hz, a rumble filter ' +
			'at 30 Hz, slightly dull highs at distance, and the system limiter.'
	}
} as const;
