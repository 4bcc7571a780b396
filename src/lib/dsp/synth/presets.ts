/**
 * The General MIDI programs and drum kits the styles use. Numbers follow the GM 1 sound set (MIDI
 * Manufacturers Association, "General MIDI System Level 1", 1991; kits are GS-style programs on the
 * percussion channel, bank 128 in SoundFont terms). `build-bank` keeps exactly these presets of
 * FluidR3 Mono, so the styles and the shipped bank always agree.
 */

/** A melodic preset (bank 0) or a drum kit (percussion bank) by its GM program number. */
export interface PresetRef {
	program: number;
	drums: boolean;
	/** The preset's name in FluidR3 Mono, for logs and checks. */
	name: string;
}

/** Melodic GM programs (0-based) used by the styles. */
export const program = {
	grandPiano: 0,
	rhodes: 4,
	vibraphone: 11,
	rockOrgan: 18,
	steelGuitar: 25,
	cleanGuitar: 27,
	mutedGuitar: 28,
	overdriveGuitar: 29,
	distortionGuitar: 30,
	fingeredBass: 33,
	pickedBass: 34,
	synthBass1: 38,
	synthBass2: 39,
	strings: 48,
	squareLead: 80,
	sawLead: 81,
	warmPad: 89,
	polySynth: 90
} as const;

/** Drum kits (program numbers on the percussion channel) used by the styles. */
export const kit = {
	standard: 0,
	room: 8,
	power: 16,
	electronic: 24,
	tr808: 25,
	brush: 40
} as const;

/** Every preset the styles may request; `build-bank` deletes all others. */
export const usedPresets: readonly PresetRef[] = [
	{ program: program.grandPiano, drums: false, name: 'Yamaha Grand Piano' },
	{ program: program.rhodes, drums: false, name: 'Rhodes EP' },
	{ program: program.vibraphone, drums: false, name: 'Vibraphone' },
	{ program: program.rockOrgan, drums: false, name: 'Rock Organ' },
	{ program: program.steelGuitar, drums: false, name: 'Steel String Guitar' },
	{ program: program.cleanGuitar, drums: false, name: 'Clean Guitar' },
	{ program: program.mutedGuitar, drums: false, name: 'Palm Muted Guitar' },
	{ program: program.overdriveGuitar, drums: false, name: 'Overdrive Guitar' },
	{ program: program.distortionGuitar, drums: false, name: 'Distortion Guitar' },
	{ program: program.fingeredBass, drums: false, name: 'Fingered Bass' },
	{ program: program.pickedBass, drums: false, name: 'Picked Bass' },
	{ program: program.synthBass1, drums: false, name: 'Synth Bass 1' },
	{ program: program.synthBass2, drums: false, name: 'Synth Bass 2' },
	{ program: program.strings, drums: false, name: 'Strings' },
	{ program: program.squareLead, drums: false, name: 'Square Lead' },
	{ program: program.sawLead, drums: false, name: 'Saw Wave' },
	{ program: program.warmPad, drums: false, name: 'Warm Pad' },
	{ program: program.polySynth, drums: false, name: 'Polysynth' },
	{ program: kit.standard, drums: true, name: 'Standard' },
	{ program: kit.room, drums: true, name: 'Room' },
	{ program: kit.power, drums: true, name: 'Power' },
	{ program: kit.electronic, drums: true, name: 'Electronic' },
	{ program: kit.tr808, drums: true, name: 'TR-808' },
	{ program: kit.brush, drums: true, name: 'Brush' }
];

/** GM percussion key map (channel 10) for the drums the patterns use. */
export const drum = {
	kick: 36,
	rim: 37,
	snare: 38,
	clap: 39,
	snare2: 40,
	lowTom: 45,
	midTom: 47,
	highTom: 50,
	closedHat: 42,
	pedalHat: 44,
	openHat: 46,
	crash: 49,
	ride: 51,
	shaker: 70,
	tambourine: 54
} as const;
