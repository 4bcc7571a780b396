/// <reference lib="webworker" />
/**
 * The Mix Lab's audio off the main thread: takes a project's stems (rendered side by side by the
 * stems workers, `stems.worker.ts`), plants its problems, keeps them with the mixer's strips,
 * re-mixes on every settings change, measures the target once and runs the check. Mixes leave as
 * 16-bit WAV bytes, transferred, played at one listening level when matched.
 */
import { samplePeak } from '../dsp/analysis/levels';
import { styleIds } from '../dsp/synth/styles';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { encodeWav } from '../dsp/wav';
import { checkMix, targetReference, type TargetReference } from '../mix/check';
import { audibleStems, Mixer } from '../mix/mixer';
import {
	isLevel,
	joinStems,
	PROJECT_SAMPLE_RATE,
	PROJECT_SECONDS,
	projectOf
} from '../mix/assemble';
import { parseMasterSettings, parseMixSettings } from '../mix/settings';
import { DEFAULT_MASTER, masterMix } from '../mix/master';
import { isListenThrough, listen } from '../mix/listen';
import {
	stemIds,
	type MasterSettings,
	type MixSettings,
	type Project,
	type Stem,
	type StemId
} from '../mix/types';
import { zipSync } from 'fflate';
import {
	OUT_OF_MEMORY,
	PLAY_LUFS,
	type Listening,
	type MixRequest,
	type MixResponse,
	type MixVersion,
	type ProjectInfo
} from './mix-protocol';

declare const self: DedicatedWorkerGlobalScope;

/** A project opens matched, as it is. */
const OPENING: Listening = { matched: true, through: 'as-is' };

/** An error whose message is shown to the learner as it is. */
class MixError extends Error {}

interface Open {
	project: Project;
	mixer: Mixer;
	reference?: TargetReference;
	/** The buffers every mix of this project is made in: each is encoded or mastered at once. */
	scratch: Float32Array[];
}
let open: Open | undefined;

function requireProject(): Open {
	if (!open) throw new MixError('Open a project first.');
	return open;
}

/** The reference the checks compare with: measured once per project, when first needed. */
function referenceOf(state: Open): TargetReference {
	state.reference ??= targetReference({
		project: state.project,
		mixer: state.mixer,
		scratch: state.scratch
	});
	return state.reference;
}

/** Audio as a playable version: heard where the learner listens, encoded in place. */
function playable({
	channels,
	sampleRate,
	listen: how,
	stemPeaks = {}
}: {
	channels: Float32Array[];
	sampleRate: number;
	listen: Listening;
	stemPeaks?: MixVersion['stemPeaks'];
}): MixVersion {
	const heard = listen({ channels, sampleRate, ...how, listeningLufs: PLAY_LUFS });
	const wav = encodeWav({ channels: heard.channels, sampleRate, format: 'pcm16' });
	return {
		wav: wav.buffer as ArrayBuffer,
		lufs: heard.lufs,
		gainDb: heard.gainDb,
		note: heard.note,
		stemPeaks
	};
}

/** Peak level of each strip's output in a mix (null when silent or not heard), dBFS; per strip output. */
const stripPeaks = new WeakMap<Float32Array[], number | null>();

/** The mix `settings` make, as a playable version, with each stem's peak for the meters. */
function version(state: Open, settings: MixSettings, how: Listening): MixVersion {
	const { mixer, project } = state;
	const stemPeaks: MixVersion['stemPeaks'] = {};
	const audible = new Set(audibleStems(settings));
	for (const stem of project.stems) {
		const strip = mixer.strip({
			id: stem.id,
			settings: settings.stems[stem.id],
			tiltDb: settings.bus.tiltDb
		});
		if (!stripPeaks.has(strip)) stripPeaks.set(strip, samplePeak({ channels: strip }).dbfs);
		const level = stripPeaks.get(strip) ?? null;
		stemPeaks[stem.id as StemId] =
			audible.has(stem.id) && level !== null ? level + settings.stems[stem.id].gainDb : null;
	}
	return playable({
		channels: mixer.mix(settings, state.scratch).channels,
		sampleRate: project.sampleRate,
		listen: how,
		stemPeaks
	});
}

function infoOf(project: Project): ProjectInfo {
	return {
		style: project.style,
		seed: project.seed,
		level: project.level,
		sampleRate: project.sampleRate,
		seconds: project.seconds,
		chorusAt: project.chorusAt,
		stems: project.stems.map((s) => ({ id: s.id, name: s.name, stereo: s.channels.length === 2 })),
		problems: project.problems,
		rough: project.rough,
		target: project.target
	};
}

/** Checked settings from the page: a parser's RangeError becomes the learner's message. */
function checked<T>(parse: (input: unknown) => T, input: unknown): T {
	try {
		return parse(input);
	} catch (error) {
		throw new MixError(error instanceof Error ? error.message : 'Those settings are not valid.');
	}
}

const settingsOf = (input: unknown): MixSettings => checked(parseMixSettings, input);
const masterOf = (input: unknown): MasterSettings | undefined =>
	input === undefined ? undefined : checked(parseMasterSettings, input);

/** The stems the page sends with an open (from the stems workers), checked and in project order. */
function renderedOf(request: { stems?: unknown; chorusAt?: unknown }) {
	const length = Math.round(PROJECT_SECONDS * PROJECT_SAMPLE_RATE);
	const stems = request.stems as Partial<Stem>[] | undefined;
	const ok =
		Array.isArray(stems) &&
		stems.every(
			(stem) =>
				(stemIds as readonly string[]).includes(stem.id as string) &&
				typeof stem.name === 'string' &&
				Array.isArray(stem.channels) &&
				[1, 2].includes(stem.channels.length) &&
				stem.channels.every((c) => c instanceof Float32Array && c.length === length)
		) &&
		typeof request.chorusAt === 'number' &&
		Number.isFinite(request.chorusAt);
	if (!ok) throw new MixError('The stems of that project did not arrive whole. Open it again.');
	try {
		return joinStems([
			{ stems: stems as Stem[], chorusAt: request.chorusAt as number, vocalNotes: [] }
		]);
	} catch {
		throw new MixError('The stems of that project did not arrive whole. Open it again.');
	}
}

/** How the page asks to listen, checked. */
function listeningOf(input: unknown): Listening {
	const how = input as Partial<Listening> | undefined;
	if (typeof how?.matched !== 'boolean' || !isListenThrough(how.through))
		throw new MixError('That is not a way to listen.');
	return { matched: how.matched, through: how.through };
}

/** The master moves a check suggests (a few filters or a width), checked. */
function beforeOf(input: unknown): ChainStep[] {
	if (input === undefined) return [];
	const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
	const ok =
		Array.isArray(input) &&
		input.length <= 4 &&
		input.every((step: Partial<Record<string, unknown>>) => {
			if (step.type === 'width') return finite(step.factor);
			return (
				['peaking', 'lowshelf', 'highshelf', 'highpass'].includes(step.type as string) &&
				finite(step.frequencyHz) &&
				finite(step.q) &&
				(step.type === 'highpass' || finite(step.gainDb))
			);
		});
	if (!ok) throw new MixError('That master move is not one the check suggests.');
	return input as ChainStep[];
}

/**
 * The mix `settings` make, mastered with the learner's chain (the quick master when absent), after
 * `before` on the whole mix when given.
 */
function mastered(state: Open, settings: MixSettings, master: unknown, before: ChainStep[] = []) {
	const mix = state.mixer.mix(settings, state.scratch).channels;
	return masterMix({
		channels:
			before.length > 0
				? applyChain({
						channels: mix,
						sampleRate: state.project.sampleRate,
						chain: before,
						into: mix
					}).channels
				: mix,
		sampleRate: state.project.sampleRate,
		settings: masterOf(master) ?? DEFAULT_MASTER
	});
}

async function handle(request: MixRequest): Promise<MixResponse> {
	const start = performance.now();
	const { id } = request;
	switch (request.kind) {
		case 'open': {
			if (!(styleIds as string[]).includes(request.style))
				throw new MixError(`There is no style called ${request.style}.`);
			if (!isLevel(request.level)) throw new MixError('Levels run from 1 to 3.');
			if (!Number.isInteger(request.seed) || request.seed < 0)
				throw new MixError('A project number is a whole number from 0.');
			open = undefined; // the last project's audio goes before the next one is made
			const project = projectOf({
				style: request.style,
				seed: request.seed,
				level: request.level,
				seconds: PROJECT_SECONDS,
				sampleRate: PROJECT_SAMPLE_RATE,
				rendered: renderedOf(request)
			});
			const opened: Open = {
				project,
				mixer: new Mixer({ stems: project.stems, sampleRate: project.sampleRate }),
				scratch: [0, 1].map(() => new Float32Array(project.stems[0].channels[0].length))
			};
			open = opened;
			// The target's reference is measured next in the queue (after this reply), so the first
			// check does not pay for it.
			queue = queue.then(() => {
				if (open === opened) referenceOf(opened);
			});
			return {
				id,
				ok: true,
				kind: 'open',
				project: infoOf(project),
				rough: version(opened, project.rough, OPENING),
				ms: performance.now() - start
			};
		}
		case 'mix': {
			const state = requireProject();
			const settings = settingsOf(request.settings);
			return {
				id,
				ok: true,
				kind: 'mix',
				version: version(state, settings, listeningOf(request.listen)),
				ms: performance.now() - start
			};
		}
		case 'target': {
			const state = requireProject();
			return {
				id,
				ok: true,
				kind: 'target',
				version: version(state, state.project.target, listeningOf(request.listen))
			};
		}
		case 'master': {
			const state = requireProject();
			const settings = settingsOf(request.settings);
			const master = mastered(state, settings, request.master, beforeOf(request.before));
			return {
				id,
				ok: true,
				kind: 'master',
				readings: {
					lufs: master.after.lufs,
					truePeak: master.after.truePeak,
					plr: master.after.plr,
					gainReductionDb: master.gainReductionDb
				},
				version: playable({
					channels: master.channels,
					sampleRate: state.project.sampleRate,
					listen: listeningOf(request.listen)
				}),
				ms: performance.now() - start
			};
		}
		case 'export': {
			const state = requireProject();
			const settings = settingsOf(request.settings);
			const { project } = state;
			const base = `${project.style}-${project.seed}-level${project.level}`;
			const wav = (channels: Float32Array[]) =>
				encodeWav({ channels, sampleRate: project.sampleRate, format: 'float32' });
			if (request.what === 'stems') {
				const files: Record<string, Uint8Array> = {
					'project.json': new TextEncoder().encode(
						JSON.stringify(
							{
								style: project.style,
								seed: project.seed,
								level: project.level,
								sampleRate: project.sampleRate,
								stems: project.stems.map((stem) => ({
									id: stem.id,
									name: stem.name,
									file: `stems/${stem.id}.wav`
								})),
								settings
							},
							null,
							2
						)
					)
				};
				for (const stem of project.stems) files[`stems/${stem.id}.wav`] = wav(stem.channels);
				// Stored, not deflated: WAV hardly compresses and a phone should not wait for it.
				const zip = zipSync(files, { level: 0 });
				return {
					id,
					ok: true,
					kind: 'export',
					bytes: zip.buffer as ArrayBuffer,
					name: `${base}-stems.zip`,
					type: 'application/zip'
				};
			}
			const channels =
				request.what === 'master'
					? mastered(state, settings, request.master).channels
					: state.mixer.mix(settings, state.scratch).channels;
			return {
				id,
				ok: true,
				kind: 'export',
				bytes: wav(channels).buffer as ArrayBuffer,
				name: `${base}-${request.what}.wav`,
				type: 'audio/wav'
			};
		}
		case 'check': {
			const state = requireProject();
			const settings = settingsOf(request.settings);
			const master = masterOf(request.master);
			const result = checkMix({
				project: state.project,
				settings,
				master,
				mixer: state.mixer,
				scratch: state.scratch,
				reference: referenceOf(state)
			});
			return { id, ok: true, kind: 'check', result, ms: performance.now() - start };
		}
	}
}

/** The WAV bytes of a response, transferred rather than copied. */
function transferables(response: MixResponse): ArrayBuffer[] {
	if (!response.ok) return [];
	if (response.kind === 'open') return [response.rough.wav];
	if (response.kind === 'mix' || response.kind === 'target' || response.kind === 'master')
		return [response.version.wav];
	if (response.kind === 'export') return [response.bytes];
	return [];
}

function messageOf(error: unknown): string {
	if (error instanceof RangeError && /allocation|memory/i.test(error.message)) return OUT_OF_MEMORY;
	if (error instanceof MixError || error instanceof RangeError) return error.message;
	return 'The mixer could not make this project.';
}

// One request at a time, in order: a re-mix waits for the render before it.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<MixRequest>) => {
	const request = event.data;
	queue = queue.then(async () => {
		try {
			const response = await handle(request);
			self.postMessage(response, transferables(response));
		} catch (error) {
			if (!(error instanceof MixError || error instanceof RangeError)) console.error(error);
			self.postMessage({
				id: request.id,
				ok: false,
				message: messageOf(error)
			} satisfies MixResponse);
		}
	});
};
