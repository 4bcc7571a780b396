import { resolveObjectURL } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	audioAvailable,
	ClipPlayer,
	setMasterVolume,
	wakeAudio,
	type PlayerState
} from './clip-player';
import { createFakeHowler } from './fake-howler';

function setup({ loop }: { loop?: boolean } = {}) {
	const fake = createFakeHowler();
	const states: [PlayerState, string | undefined][] = [];
	const player = new ClipPlayer({
		wav: new Uint8Array([82, 73, 70, 70]),
		loop,
		onState: (state, message) => states.push([state, message]),
		audio: fake.audio
	});
	const [howl] = fake.howls;
	const methods = () => howl.calls.map((call) => call.method);
	return { ...fake, player, states, howl, methods };
}

afterEach(() => vi.unstubAllGlobals());

describe('ClipPlayer', () => {
	it.each([
		[undefined, true],
		[true, true],
		[false, false]
	])('makes one Web Audio Howl from a Blob URL of the WAV (loop %s → %s)', (loop, looping) => {
		const { howls, howl } = setup({ loop });
		expect(howls).toHaveLength(1);
		expect(howl.options).toMatchObject({ format: ['wav'], html5: false, loop: looping });
		const [url] = howl.options.src as string[];
		expect(resolveObjectURL(url)?.type).toBe('audio/wav');
	});

	it('reports loading when asked to play, then playing when Howler starts', () => {
		const { player, states, howl, methods } = setup();
		player.play();
		expect(methods()).toEqual(['play']);
		expect(states).toEqual([['loading', undefined]]);
		expect(player.playing).toBe(true);
		howl.emit('play', howl._sounds[0]._id);
		expect(states.at(-1)).toEqual(['playing', undefined]);
	});

	it('does not start a second copy while it is playing', () => {
		const { player, states, methods } = setup();
		player.play();
		player.play();
		expect(methods()).toEqual(['play']);
		expect(states).toEqual([['loading', undefined]]);
	});

	it('stops, reports stopped, and plays again from the start', () => {
		const { player, states, howl, methods, ctx } = setup();
		player.play();
		ctx.currentTime += 0.5;
		player.stop();
		howl.emit('stop', howl._sounds[0]._id);
		expect(player.playing).toBe(false);
		expect(states.at(-1)).toEqual(['stopped', undefined]);
		player.play();
		expect(methods()).toEqual(['play', 'stop', 'play']);
		expect(howl.positionOf(howl._sounds[0]._id)).toBe(0);
	});

	it.each([
		[true, []],
		[false, [['stopped', undefined]]]
	])('on reaching the end with loop %s, reports %j', (loop, reported) => {
		const { states, howl } = setup({ loop });
		howl.emit('end', howl._sounds[0]._id);
		expect(states).toEqual(reported);
	});

	it('reports a clip the browser cannot decode', () => {
		const { states, howl } = setup();
		howl.emit('loaderror', null, 'Decoding audio data failed.');
		expect(states).toEqual([['error', 'This browser could not decode the audio clip.']]);
	});

	it('reports blocked audio and plays once the next gesture unlocks it', () => {
		const { player, states, howl, methods } = setup();
		player.play();
		howl.emit('playerror', howl._sounds[0]._id, 'blocked');
		expect(states.at(-1)).toEqual([
			'error',
			'The browser blocked audio. Tap Play again to allow sound.'
		]);
		expect(methods()).toEqual(['play', 'once']);
		howl.emit('unlock');
		expect(methods()).toEqual(['play', 'once', 'play']);
		// Only once: a later unlock does not start it again.
		howl.emit('unlock');
		expect(methods()).toEqual(['play', 'once', 'play']);
	});

	it('unloads the Howl and frees the Blob URL', () => {
		const { player, howl } = setup();
		const [url] = howl.options.src as string[];
		player.unload();
		expect(howl.state).toBe('unloaded');
		expect(resolveObjectURL(url)).toBeUndefined();
	});
});

describe('setMasterVolume', () => {
	it.each([
		[-0.5, 0],
		[0, 0],
		[0.35, 0.35],
		[1, 1],
		[1.8, 1]
	])('sets %d as %d on Howler', (volume, applied) => {
		const { howler, audio } = createFakeHowler();
		setMasterVolume(volume, audio.Howler);
		expect(howler.masterVolume).toBe(applied);
	});
});

describe('wakeAudio and audioAvailable', () => {
	it.each([
		['AudioContext', true],
		['webkitAudioContext', true],
		[undefined, false]
	])('with %s defined, audioAvailable() is %s', (name, available) => {
		vi.stubGlobal('AudioContext', undefined);
		if (name) vi.stubGlobal(name, class {});
		expect(audioAvailable()).toBe(available);
	});

	it('makes Howler create its context, and resumes it when suspended', () => {
		vi.stubGlobal('AudioContext', class {});
		const { audio, ctx, log } = createFakeHowler();
		ctx.state = 'suspended';
		wakeAudio(audio.Howler);
		expect(log).toEqual(['howler.volume()', 'ctx.resume']);
		wakeAudio(audio.Howler);
		expect(log).toEqual(['howler.volume()', 'ctx.resume', 'howler.volume()']);
	});

	it('does nothing without Web Audio', () => {
		vi.stubGlobal('AudioContext', undefined);
		const { audio, log } = createFakeHowler();
		wakeAudio(audio.Howler);
		expect(log).toEqual([]);
	});
});
