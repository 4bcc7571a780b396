/**
 * Serves the production build (`build/`, what users get) with a real static server and the SPA fallback.
 * Usage: `npm run serve` (after `npm run build`), or `startServer()` from tests.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Starts a static server over `dir` and resolves once it listens. */
export function startServer({
	dir = 'build',
	port = 4173,
	host = 'localhost'
}: { dir?: string; port?: number; host?: string } = {}): Promise<Server> {
	const root = resolve(dir);
	if (!existsSync(resolve(root, '200.html'))) {
		throw new Error(`No production build in ${root}: run "npm run build" first.`);
	}
	const assets = sirv(root, {
		etag: true,
		// The precompressed .br and .gz files adapter-static writes, as a production host serves them.
		brotli: true,
		gzip: true,
		// Unknown paths get the SPA shell; sirv still 404s missing files that have an extension.
		single: '200.html',
		setHeaders(res, pathname) {
			if (pathname.startsWith('/_app/immutable/')) {
				res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
			} else {
				// HTML, the service worker and the manifest must be revalidated so updates are seen.
				res.setHeader('Cache-Control', 'no-cache');
			}
		}
	});
	const server = createServer((req, res) =>
		assets(req, res, () => {
			res.statusCode = 404;
			res.setHeader('Content-Type', 'text/plain; charset=utf-8');
			res.end('Not found');
		})
	);
	return new Promise((ok, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => ok(server));
	});
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const port = Number(process.env.PORT ?? 4173);
	try {
		const server = await startServer({ port });
		console.log(`Mix for the Master is running at http://localhost:${port}`);
		const stop = () => server.close(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
