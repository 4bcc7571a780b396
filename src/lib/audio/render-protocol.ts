/** Messages between the page and the render worker. */
import type { StyleId } from '$lib/dsp/synth/styles';
import type { MeterReport } from '$lib/dsp/report';

export interface RenderRequest {
	id: number;
	kind: 'arrangement';
	style: StyleId;
	seed: number;
	seconds: number;
	sampleRate: number;
}

export type RenderResponse =
	| {
			id: number;
			ok: true;
			/** 16-bit PCM WAV bytes, transferred. */
			wav: ArrayBuffer;
			meter: MeterReport;
			renderMs: number;
			bankMs: number;
	  }
	| { id: number; ok: false; message: string };
