import { expect, test } from './fixtures';

// Nothing here needs the service worker: blocking it spares each test a background precache of
// the whole app (8 MB with the sample bank). The offline specs keep it.
test.use({ serviceWorkers: 'block' });

/** Reads width and height from a PNG's IHDR chunk. */
function pngSize(body: Buffer) {
	expect(body.subarray(0, 8)).toEqual(
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
	);
	return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

test('the web manifest is installable and its icons load at their stated sizes', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');
	const response = await request.get(href!);
	expect(response.ok()).toBe(true);
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: 'Mix for the Master',
		short_name: expect.any(String),
		description: expect.stringMatching(/.{20,}/),
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
		background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i)
	});
	expect(manifest.short_name.length).toBeLessThanOrEqual(12);

	const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
	const wanted = [
		{ sizes: '192x192', purpose: 'any' },
		{ sizes: '512x512', purpose: 'any' },
		{ sizes: '512x512', purpose: 'maskable' }
	];
	for (const want of wanted) {
		const icon = icons.find(
			(i) => i.sizes === want.sizes && (i.purpose ?? 'any').includes(want.purpose)
		);
		expect(icon, `${want.purpose} icon ${want.sizes}`).toBeDefined();
		expect(icon!.type).toBe('image/png');
		const image = await request.get(icon!.src);
		expect(image.ok()).toBe(true);
		expect(image.headers()['content-type']).toBe('image/png');
		const [w, h] = want.sizes.split('x').map(Number);
		expect(pngSize(await image.body())).toEqual({ width: w, height: h });
	}

	const touchHref = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	const touch = await request.get(touchHref!);
	expect(touch.ok()).toBe(true);
	expect(pngSize(await touch.body())).toEqual({ width: 180, height: 180 });
});
