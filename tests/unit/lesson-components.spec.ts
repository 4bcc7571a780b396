/**
 * The demos are prerendered with the lesson pages: each must render on the server without touching
 * the browser, with its controls named, toggles marked with aria-pressed and no audio requested.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import AbCompare from '$lib/components/lesson/AbCompare.svelte';
import DrillLink from '$lib/components/lesson/DrillLink.svelte';
import EqDemo from '$lib/components/lesson/EqDemo.svelte';
import MeterReadout from '$lib/components/lesson/MeterReadout.svelte';
import StreamingDemo from '$lib/components/lesson/StreamingDemo.svelte';
import SystemSwitcher from '$lib/components/lesson/SystemSwitcher.svelte';

const html = (body: string) => body.replace(/<!--[^>]*-->/g, '');

describe('lesson demos on the server', () => {
	it('AbCompare: A and B with A pressed, names hidden, the level line', () => {
		const matched = html(render(AbCompare, { props: { a: 'mix', b: 'master' } }).body);
		expect(matched).toMatch(/aria-pressed="true"><span class="letter[^"]*">A</);
		expect(matched).toMatch(/aria-pressed="false"><span class="letter[^"]*">B</);
		expect(matched).toContain('aria-label="Play"');
		expect(matched).toMatch(/aria-pressed="false">\s*Show names/);
		expect(matched).toContain('Loudness-matched');
		expect(matched).not.toContain('Master (−14 LUFS)');
		const unmatched = html(
			render(AbCompare, { props: { a: 'mix', b: 'louder-1db', matched: false, caption: 'Hi' } })
				.body
		);
		expect(unmatched).toContain('Not matched');
		expect(unmatched).toMatch(/aria-labelledby="([^"]+)".*id="\1"[^>]*>Hi</s);
	});

	it('AbCompare: an unknown version is an alert, not a player', () => {
		const body = html(render(AbCompare, { props: { a: 'mix', b: 'nope' as 'mix' } }).body);
		expect(body).toContain('role="alert"');
		expect(body).toContain('nope');
		expect(body).not.toContain('aria-label="Play"');
	});

	it('MeterReadout: four readings waiting for the measurement, and a Play button', () => {
		const body = html(render(MeterReadout, { props: { version: 'loud-master' } }).body);
		for (const label of [
			'Integrated loudness',
			'True peak',
			'Loudness range',
			'Peak-to-loudness'
		]) {
			expect(body).toContain(label);
		}
		expect(body).toMatch(/<button[^>]*>.*Play<\/button>/s);
	});

	it('EqDemo: labelled sliders and an EQ switch', () => {
		const body = html(render(EqDemo, { props: {} }).body);
		const frequency = body.match(/<label for="([^"]+)">Frequency<\/label>/);
		const gain = body.match(/<label for="([^"]+)">Gain<\/label>/);
		expect(frequency && body.includes(`id="${frequency[1]}"`)).toBe(true);
		expect(gain && body.includes(`id="${gain[1]}"`)).toBe(true);
		expect(body).toContain('aria-valuetext="1.00 kHz"');
		expect(body).toMatch(/aria-pressed="true">EQ on/);
		expect(body).toContain('aria-label="EQ curve: +6.0 dB at 1.00 kHz"');
	});

	it('SystemSwitcher: seven systems, Original pressed', () => {
		const body = html(render(SystemSwitcher, { props: {} }).body);
		const labels = [...body.matchAll(/aria-pressed="(true|false)">([^<]+)</g)].map((m) => [
			m[1],
			m[2].trim()
		]);
		expect(labels).toEqual([
			['true', 'Original'],
			['false', 'Phone'],
			['false', 'Laptop'],
			['false', 'Earbuds'],
			['false', 'Car'],
			['false', 'Club'],
			['false', 'Mono']
		]);
	});

	it('StreamingDemo: a labelled service picker and the two masters', () => {
		const body = html(render(StreamingDemo, { props: {} }).body);
		const select = body.match(/<label for="([^"]+)"[^>]*>Service<\/label>/);
		expect(select && body.includes(`<select id="${select[1]}"`)).toBe(true);
		expect(body).toMatch(/aria-pressed="true">Dynamic master/);
		expect(body).toMatch(/aria-pressed="false">Loud master/);
	});

	it('DrillLink: links to the drill with its name', () => {
		const body = html(render(DrillLink, { props: { kind: 'eq-boost' } }).body);
		expect(body).toContain('href="/train/eq-boost"');
		expect(body).toContain('Spot the boost');
		const missing = html(render(DrillLink, { props: { kind: 'nope' as 'level' } }).body);
		expect(missing).toContain('role="alert"');
	});
});
