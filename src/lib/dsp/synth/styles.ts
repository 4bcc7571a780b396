/**
 * The musical styles drills draw clips from. Each sets tempo, groove, harmony and a GM band with its
 * own rough mix (CC7 volume, CC10 pan, CC91 reverb send) so the result sounds like a balanced,
 * unmastered mix: drums and bass central, harmony instruments spread, nothing limited.
 * Grooves are written from common genre conventions (backbeat on 2 and 4, four-on-the-floor kick,
 * boom-bap kick/snare placement); chord loops are the usual ones of each genre.
 */
import type { StyleSpec } from './compose';
import { drum, kit, program } from './presets';
import { createRng } from './rng';

const { kick, snare, clap, closedHat, openHat, pedalHat, ride, lowTom, midTom, highTom } = drum;

/** Pop-rock: straight eighths, backbeat, double-tracked drive guitars, clean arpeggios, organ. */
const popRock: StyleSpec = {
	id: 'pop-rock',
	name: 'Pop-rock',
	bpm: [104, 128],
	swing: 0,
	keys: [2, 4, 7, 9, 0],
	mode: 'major',
	progressions: [
		['I', 'V', 'vi', 'IV'],
		['vi', 'IV', 'I', 'V'],
		['I', 'IV', 'vi', 'V'],
		['I', 'bVII', 'IV', 'I'],
		['IV', 'I', 'V', 'vi']
	],
	velocitySd: 5,
	drums: {
		mix: { channel: 9, program: kit.standard, volume: 112, pan: 64, reverb: 30 },
		kits: [kit.standard, kit.power, kit.room],
		grooves: [
			{ [kick]: 'X.....x.X.x.....', [snare]: '....X.......X...', [closedHat]: 'x.x.x.x.x.x.x.x.' },
			{ [kick]: 'X.......X.x...x.', [snare]: '....X.......X..o', [closedHat]: 'x.x.x.x.x.x.x.x.' },
			{ [kick]: 'X..x..x.X.......', [snare]: '....X.......X...', [ride]: 'x.x.x.x.x.x.x.x.' }
		],
		fills: [
			{ [snare]: 'xxXx', [kick]: 'X...' },
			{ [highTom]: 'xx..', [midTom]: '..xx', [lowTom]: '....' },
			{ [snare]: 'x.x.xxxx', [highTom]: '........', [kick]: 'X.......' },
			{ [highTom]: 'X.x.....', [midTom]: '....x.x.', [lowTom]: '........', [snare]: '.......X' }
		],
		jitter: 0.004,
		velocity: 118,
		levels: { [closedHat]: 0.7, [ride]: 0.7 },
		crash: drum.crash,
		ghost: { key: snare, chance: 0.06 }
	},
	parts: [
		{
			role: 'bass',
			mix: { channel: 0, program: program.pickedBass, volume: 106, pan: 64, reverb: 0 },
			patterns: ['x-x-x-x-x-x-x-xb', 'x-.xx-x-x-.xx-5-', 'x---x-x-x---x-8-'],
			center: 40,
			velocity: 108,
			legato: 0.85
		},
		{
			role: 'power',
			mix: {
				channel: 1,
				program: program.overdriveGuitar,
				volume: 72,
				pan: 24,
				reverb: 25,
				release: 40
			},
			patterns: ['x-x-x-x-x-x-x-x-', 'X-----x-x-x-x-x-', 'x-xxx-x-x-xxx-x-'],
			center: 52,
			velocity: 100,
			legato: 0.8
		},
		{
			role: 'power',
			mix: {
				channel: 2,
				program: program.distortionGuitar,
				volume: 66,
				pan: 104,
				reverb: 25,
				release: 40
			},
			patterns: ['x-x-x-x-x-x-x-x-', 'X-----x-x-x-x-x-'],
			center: 52,
			velocity: 96,
			legato: 0.8,
			jitter: 0.008
		},
		{
			role: 'arp',
			mix: {
				channel: 3,
				program: program.cleanGuitar,
				volume: 80,
				pan: 88,
				reverb: 50,
				chorus: 40,
				release: 48
			},
			center: 66,
			velocity: 92,
			rate: 2,
			legato: 1.2
		},
		{
			role: 'pad',
			mix: { channel: 4, program: program.rockOrgan, volume: 66, pan: 50, reverb: 40, release: 40 },
			center: 62,
			velocity: 80,
			size: 4,
			legato: 0.98
		}
	]
};

/** Four-on-the-floor electronic: 808/electronic kit, off-beat synth bass, pad, saw lead. */
const electronic: StyleSpec = {
	id: 'electronic',
	name: 'Electronic (four on the floor)',
	bpm: [120, 128],
	swing: 0,
	keys: [9, 5, 2, 7, 0],
	mode: 'minor',
	progressions: [
		['i', 'bVI', 'bIII', 'bVII'],
		['i', 'bVII', 'bVI', 'bVII'],
		['bVI', 'bVII', 'i', 'i'],
		['i', 'iv', 'bVI', 'v']
	],
	velocitySd: 3,
	drums: {
		mix: { channel: 9, program: kit.tr808, volume: 110, pan: 64, reverb: 20 },
		kits: [kit.tr808, kit.electronic],
		grooves: [
			{
				[kick]: 'X...X...X...X...',
				[clap]: '....X.......X...',
				[openHat]: '..x...x...x...x.',
				[closedHat]: 'o.o.o.o.o.o.o.o.'
			},
			{
				[kick]: 'X...X...X...X...',
				[snare]: '....X.......X...',
				[openHat]: '..x...x...x...x.',
				[closedHat]: 'oooooooooooooooo'
			},
			{
				[kick]: 'X...X...X...X..o',
				[clap]: '....X.......X...',
				[closedHat]: 'xoxoxoxoxoxoxoxo',
				[openHat]: '..............x.'
			}
		],
		fills: [
			{ [kick]: 'X...', [clap]: 'xxxx' },
			{ [kick]: 'X...X...', [snare]: 'x.x.xxxx' },
			{ [kick]: 'X...X...', [clap]: '....x.x.', [openHat]: '..x...xx' }
		],
		jitter: 0.001,
		velocity: 116,
		levels: { [closedHat]: 0.5, [openHat]: 0.55 },
		crash: drum.crash
	},
	parts: [
		{
			role: 'bass',
			mix: { channel: 0, program: program.synthBass1, volume: 92, pan: 64, reverb: 0 },
			patterns: ['..x-..x-..x-..x-', '..xx..xx..xx..xx', 'x.xxx.xxx.xxx.xx'],
			center: 36,
			velocity: 110,
			legato: 0.8,
			jitter: 0.001
		},
		{
			role: 'pad',
			mix: {
				channel: 1,
				program: program.warmPad,
				volume: 78,
				pan: 64,
				reverb: 60,
				chorus: 60,
				release: 40
			},
			center: 64,
			velocity: 90,
			size: 3,
			legato: 1
		},
		{
			role: 'chords',
			mix: { channel: 2, program: program.polySynth, volume: 64, pan: 40, reverb: 50, release: 8 },
			patterns: ['..x...x...x...x.', 'x..x..x...x..x..', '..x..x....x..x..'],
			center: 67,
			velocity: 92,
			size: 3,
			legato: 0.6,
			jitter: 0.001
		},
		{
			role: 'arp',
			mix: {
				channel: 3,
				program: program.squareLead,
				volume: 54,
				pan: 92,
				reverb: 55,
				release: 36
			},
			center: 76,
			velocity: 86,
			rate: 1,
			legato: 0.7,
			jitter: 0.001
		},
		{
			role: 'lead',
			mix: { channel: 4, program: program.sawLead, volume: 64, pan: 64, reverb: 55 },
			center: 72,
			velocity: 96,
			rate: 2,
			density: 0.45,
			legato: 0.9,
			jitter: 0.002
		}
	]
};

/** Hip-hop: swung, laid-back boom-bap, sub-ish bass, Rhodes seventh chords, sparse vibes. */
const hipHop: StyleSpec = {
	id: 'hip-hop',
	name: 'Hip-hop',
	bpm: [84, 96],
	swing: 0.22,
	keys: [0, 2, 5, 7, 10],
	mode: 'minor',
	progressions: [
		['i7', 'iv7'],
		['i7', 'bVImaj7', 'bIIImaj7', 'bVII'],
		['ii7', 'V7', 'Imaj7', 'vi7'],
		['i7', 'bVII7', 'bVImaj7', 'V7']
	],
	velocitySd: 8,
	drums: {
		mix: { channel: 9, program: kit.standard, volume: 118, pan: 64, reverb: 18 },
		kits: [kit.standard, kit.tr808, kit.room],
		grooves: [
			{
				[kick]: 'X.........X.....',
				[snare]: '....X.......X...',
				[closedHat]: 'x.xox.xox.xox.xo'
			},
			{
				[kick]: 'X.....x...X..x..',
				[snare]: '....X.......X...',
				[closedHat]: 'x.x.x.x.x.x.x.x.'
			},
			{
				[kick]: 'X..x......X.x...',
				[snare]: '....X.......X..o',
				[closedHat]: 'xxxxxxxxxxxxxxxx',
				[openHat]: '..............x.'
			}
		],
		fills: [
			{ [kick]: 'X.x.', [snare]: '...X' },
			{ [kick]: 'X...x...', [snare]: '....X..o', [openHat]: '......x.' }
		],
		lag: { [snare]: 0.018, [closedHat]: 0.008 },
		levels: { [closedHat]: 0.55, [openHat]: 0.6 },
		jitter: 0.006,
		velocity: 116,
		ghost: { key: snare, chance: 0.08 }
	},
	parts: [
		{
			role: 'bass',
			mix: { channel: 0, program: program.synthBass2, volume: 90, pan: 64, reverb: 0 },
			patterns: ['x---------x--.5-', 'x-----x---x-----', 'x--------.x-x-b-'],
			center: 36,
			velocity: 112,
			legato: 0.95,
			lag: 0.01
		},
		{
			role: 'chords',
			mix: { channel: 1, program: program.rhodes, volume: 100, pan: 54, reverb: 45, chorus: 50 },
			patterns: ['x-------..x-----', 'x-----x-------..', '..x-------x-----'],
			center: 62,
			velocity: 88,
			size: 4,
			legato: 0.95,
			jitter: 0.01,
			lag: 0.012
		},
		{
			role: 'lead',
			mix: { channel: 2, program: program.vibraphone, volume: 66, pan: 88, reverb: 60 },
			center: 74,
			velocity: 80,
			rate: 2,
			density: 0.28,
			legato: 1.2,
			jitter: 0.012
		},
		{
			role: 'pad',
			mix: { channel: 3, program: program.strings, volume: 46, pan: 36, reverb: 70 },
			center: 60,
			velocity: 70,
			size: 3,
			legato: 1
		}
	]
};

/** Ballad: piano arpeggios, sustained strings, strummed steel-string guitar, brushes. */
const ballad: StyleSpec = {
	id: 'ballad',
	name: 'Acoustic / piano ballad',
	bpm: [66, 80],
	swing: 0,
	keys: [0, 2, 5, 7, 10, 3],
	mode: 'major',
	progressions: [
		['I', 'V', 'vi', 'IV'],
		['I', 'vi', 'IV', 'V'],
		['vi', 'IV', 'I', 'V'],
		['I', 'iii', 'IV', 'V'],
		['IV', 'V', 'iii', 'vi'],
		['I', 'Isus4', 'IV', 'IVadd9']
	],
	velocitySd: 7,
	drums: {
		mix: { channel: 9, program: kit.brush, volume: 92, pan: 64, reverb: 50 },
		kits: [kit.brush, kit.room],
		grooves: [
			{
				[kick]: 'x.......x.......',
				[snare]: '....x.......x...',
				[closedHat]: 'o.o.o.o.o.o.o.o.'
			},
			{
				[kick]: 'x.....o.x.......',
				[snare]: '....x.......x...',
				[ride]: 'o.o.o.o.o.o.o.o.',
				[pedalHat]: '....x.......x...'
			}
		],
		fills: [
			{ [snare]: 'o.oox.xx', [kick]: 'x.......' },
			{ [highTom]: 'o.o.', [lowTom]: '..o.', [snare]: '...x' }
		],
		jitter: 0.007,
		velocity: 96,
		levels: { [closedHat]: 0.7, [ride]: 0.7 },
		crash: drum.crash
	},
	parts: [
		{
			role: 'arp',
			mix: { channel: 0, program: program.grandPiano, volume: 104, pan: 58, reverb: 55 },
			center: 60,
			velocity: 82,
			rate: 2,
			legato: 2.5,
			jitter: 0.008
		},
		{
			role: 'bass',
			mix: { channel: 1, program: program.fingeredBass, volume: 92, pan: 64, reverb: 10 },
			patterns: ['x-------x-------', 'x-----------x-5-', 'x-------x-----b-'],
			center: 40,
			velocity: 92,
			legato: 0.95,
			jitter: 0.008
		},
		{
			role: 'pad',
			mix: { channel: 2, program: program.strings, volume: 74, pan: 40, reverb: 70 },
			center: 64,
			velocity: 84,
			size: 4,
			legato: 1
		},
		{
			role: 'chords',
			mix: {
				channel: 3,
				program: program.steelGuitar,
				volume: 80,
				pan: 96,
				reverb: 45,
				release: 40
			},
			patterns: ['x--xx-x-x--xx-x-', 'x-x-x-xxx-x-x-xx', 'x---x---x---x---'],
			center: 60,
			velocity: 80,
			size: 4,
			legato: 0.9,
			jitter: 0.006
		}
	]
};

/** All styles, by id. */
export const styles = {
	'pop-rock': popRock,
	electronic,
	'hip-hop': hipHop,
	ballad
} as const satisfies Record<string, StyleSpec>;

/** A style's id. */
export type StyleId = keyof typeof styles;

/** The style ids, in menu order. */
export const styleIds = Object.keys(styles) as StyleId[];

/** A style picked from a seed, for drill questions whose source style is not chosen. */
export function styleForSeed(seed: number): StyleId {
	// A salt keeps this draw independent of the question's own rng stream.
	return createRng(seed ^ 0x57e1).pick(styleIds);
}
