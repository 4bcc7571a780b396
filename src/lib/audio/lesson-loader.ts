/** The requests a lesson demo sends to the render worker, with the page's seed and the demo's style. */
import { renderInWorker } from './render-client';
import type { LessonRenderedVersion, StreamingRenderedVersion } from './render-protocol';
import type { ServiceId } from '../dsp/master/streaming';
import type { LessonVersionId } from '../lesson/version-ids';
import { DEMO_SAMPLE_RATE, DEMO_SECONDS, demoStyle, pageSeed } from '../lesson/demo-source';

/** Which music a demo plays: the page it is on and an optional style. */
export interface DemoMusic {
	pathname: string;
	style?: string;
}

/** Renders named versions of the page's music, matched for playback unless `matched` is false. */
export async function loadLessonVersions({
	versions,
	matched,
	music,
	spectrum = false
}: {
	versions: LessonVersionId[];
	matched: boolean;
	music: DemoMusic;
	spectrum?: boolean;
}): Promise<LessonRenderedVersion[]> {
	const response = await renderInWorker({
		kind: 'lesson',
		versions,
		style: demoStyle(music.style),
		seed: pageSeed(music.pathname),
		seconds: DEMO_SECONDS,
		sampleRate: DEMO_SAMPLE_RATE,
		matched,
		spectrum
	});
	return response.versions;
}

/** Renders the master and the loud master as `service` plays them. */
export async function loadStreamingVersions({
	service,
	music
}: {
	service: ServiceId;
	music: DemoMusic;
}): Promise<StreamingRenderedVersion[]> {
	const response = await renderInWorker({
		kind: 'streaming',
		service,
		style: demoStyle(music.style),
		seed: pageSeed(music.pathname),
		seconds: DEMO_SECONDS,
		sampleRate: DEMO_SAMPLE_RATE
	});
	return response.versions;
}
