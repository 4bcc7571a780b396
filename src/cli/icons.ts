/**
 * Draws the app icon (a mirrored waveform whose loudest bars flatten against a limiter ceiling) and writes
 * the PNG icons and the SVG favicon into static/. Run with `npm run icons`; the outputs are committed.
 *
 * The raster is drawn by hand (4×4 supersampling, PNG via node:zlib) so the build needs no native
 * image library.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

type Rgba = [number, number, number, number];

const background: Rgba = [15, 17, 21, 255];
const backgroundTop: Rgba = [30, 35, 46, 255];
const teal: Rgba = [61, 214, 198, 255];
const amber: Rgba = [255, 181, 71, 255];
const ceilingColor: Rgba = [255, 255, 255, 150];

/** Bar heights (fraction of the half-height) before the ceiling clamps them. */
const barHeights = [0.34, 0.62, 0.9, 1.25, 1.1, 0.78, 0.48];
const ceiling = 0.8;

const mix = (a: Rgba, b: Rgba, t: number): Rgba =>
	[0, 1, 2, 3].map((i) => a[i] + (b[i] - a[i]) * t) as Rgba;

function insideRoundedRect(x: number, y: number, radius: number): boolean {
	const cx = Math.min(Math.max(x, radius), 1 - radius);
	const cy = Math.min(Math.max(y, radius), 1 - radius);
	return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= 0 && x <= 1 && y >= 0 && y <= 1;
}

/** Colour of the design at a point; `inset` is the margin of the safe zone around the glyph. */
function shade(x: number, y: number, opts: { fullBleed: boolean; inset: number }): Rgba {
	if (!opts.fullBleed && !insideRoundedRect(x, y, 0.2)) return [0, 0, 0, 0];
	let color = mix(backgroundTop, background, y);
	const size = 1 - 2 * opts.inset;
	const u = (x - opts.inset) / size;
	const v = (y - opts.inset) / size;
	if (u >= 0 && u <= 1 && v >= 0 && v <= 1) {
		const slot = 1 / barHeights.length;
		const index = Math.floor(u / slot);
		const within = (u - index * slot) / slot;
		const half = Math.abs(v - 0.5) * 2;
		if (index < barHeights.length && within > 0.18 && within < 0.82) {
			const height = Math.min(barHeights[index], ceiling);
			if (half <= height) color = mix(teal, amber, u);
		}
		const lineHalfWidth = 0.012;
		if (Math.abs(half - ceiling - 0.06) < lineHalfWidth * 2 && Math.floor(u * 14) % 2 === 0) {
			color = mix(color, ceilingColor, ceilingColor[3] / 255);
			color[3] = 255;
		}
	}
	return color;
}

function render(size: number, opts: { fullBleed: boolean; inset: number }): Buffer {
	const samples = 4;
	const raw = Buffer.alloc((size * 4 + 1) * size);
	for (let py = 0; py < size; py++) {
		raw[py * (size * 4 + 1)] = 0; // PNG filter type: none
		for (let px = 0; px < size; px++) {
			const sum = [0, 0, 0, 0];
			for (let sy = 0; sy < samples; sy++) {
				for (let sx = 0; sx < samples; sx++) {
					const c = shade(
						(px + (sx + 0.5) / samples) / size,
						(py + (sy + 0.5) / samples) / size,
						opts
					);
					// Premultiply so transparent corners do not darken the anti-aliased edge.
					sum[0] += c[0] * c[3];
					sum[1] += c[1] * c[3];
					sum[2] += c[2] * c[3];
					sum[3] += c[3];
				}
			}
			const offset = py * (size * 4 + 1) + 1 + px * 4;
			const alpha = sum[3] / (samples * samples);
			for (let i = 0; i < 3; i++) raw[offset + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
			raw[offset + 3] = Math.round(alpha);
		}
	}
	return encodePng(size, size, raw);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** Encodes 8-bit RGBA scanlines (each prefixed with its filter byte) as a PNG file (RFC 2083). */
function encodePng(width: number, height: number, scanlines: Buffer): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type RGBA
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(scanlines, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

function faviconSvg(): string {
	const inset = 0.16;
	const size = 1 - 2 * inset;
	const slot = size / barHeights.length;
	const bars = barHeights
		.map((h, i) => {
			const height = Math.min(h, ceiling) * size * 0.5;
			const x = inset + i * slot + slot * 0.18;
			return `<rect x="${(x * 64).toFixed(2)}" y="${((0.5 - height) * 64).toFixed(2)}" width="${(slot * 0.64 * 64).toFixed(2)}" height="${(height * 2 * 64).toFixed(2)}" fill="url(#g)"/>`;
		})
		.join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#3dd6c6"/><stop offset="1" stop-color="#ffb547"/></linearGradient></defs><rect width="64" height="64" rx="13" fill="#0f1115"/>${bars}</svg>\n`;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
mkdirSync(join(root, 'static/icons'), { recursive: true });
const outputs: [string, Buffer | string][] = [
	['static/icons/icon-192.png', render(192, { fullBleed: false, inset: 0.16 })],
	['static/icons/icon-512.png', render(512, { fullBleed: false, inset: 0.16 })],
	['static/icons/icon-maskable-512.png', render(512, { fullBleed: true, inset: 0.25 })],
	['static/apple-touch-icon.png', render(180, { fullBleed: true, inset: 0.18 })],
	['static/favicon.svg', faviconSvg()]
];
for (const [path, data] of outputs) {
	writeFileSync(join(root, path), data);
	console.log(`wrote ${path} (${data.length} bytes)`);
}
