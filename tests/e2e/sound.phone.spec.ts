import { expect, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

test('the sound check plays a tone through Howler at the stated level', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Play test tone' }).click();
	await expect(page.getByRole('button', { name: 'Stop test tone' })).toBeVisible();

	// Tap Howler's master output and measure what actually plays.
	const peakDbfs = await page.evaluate(async () => {
		const { Howler } = window as unknown as {
			Howler: { ctx: AudioContext; masterGain: GainNode; volume(v: number): void };
		};
		Howler.volume(1);
		const analyser = Howler.ctx.createAnalyser();
		analyser.fftSize = 2048;
		Howler.masterGain.connect(analyser);
		await new Promise((r) => setTimeout(r, 300));
		const data = new Float32Array(analyser.fftSize);
		analyser.getFloatTimeDomainData(data);
		const peak = data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
		return 20 * Math.log10(peak);
	});
	// The tone is a 440 Hz sine with a −18 dBFS peak, quantized to 16 bits: ±0.5 dB.
	expect(peakDbfs).toBeGreaterThan(-18.5);
	expect(peakDbfs).toBeLessThan(-17.5);

	await page.getByRole('button', { name: 'Stop test tone' }).click();
	await expect(page.getByRole('button', { name: 'Play test tone' })).toBeVisible();
});
