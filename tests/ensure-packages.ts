/**
 * Makes sure what a browser suite runs on is installed (tests/e2e/ensure-chromium.ts,
 * tests/firefox/ensure-firefox.ts): each file from its Debian package, installed with apt-get when we
 * are root on Debian (as CI is), or else a message saying what to run. Exits the process either way.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A file a suite needs, the Debian package it comes from, and the variable that may point elsewhere. */
export interface Needed {
	path: string;
	pkg: string;
	/** Set, it names `path`: then nothing is installed for it. */
	env?: string;
}

export function ensurePackages({
	suite,
	needs,
	recommends = true
}: {
	/** For messages: "The end-to-end tests", "The Firefox suite". */
	suite: string;
	needs: Needed[];
	/** Install the packages' recommended packages too (apt's default). */
	recommends?: boolean;
}): never {
	const missing = needs.filter((n) => !existsSync(n.path));
	if (missing.length === 0) process.exit(0);
	const hint = `sudo apt-get update && sudo apt-get install -y ${needs.map((n) => n.pkg).join(' ')}`;
	for (const n of missing) {
		if (n.env && process.env[n.env]) {
			console.error(
				`${n.env} is set to ${n.path}, but nothing is there. Point it at a ${n.pkg} binary.`
			);
			process.exit(1);
		}
	}
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		const packages = missing.map((n) => n.pkg).join(' ');
		console.log(`${suite} need ${packages}: installing with apt-get…`);
		try {
			execSync(
				`apt-get update -q && apt-get install -y -q ${recommends ? '' : '--no-install-recommends '}${packages}`,
				{ stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }
			);
		} catch {
			console.error(`Installing ${packages} failed. Try it yourself: ${hint}`);
			process.exit(1);
		}
		if (missing.every((n) => existsSync(n.path))) process.exit(0);
	}
	const names = missing.map((n) => `${n.path}${n.env ? ` (or set ${n.env})` : ''}`).join(', ');
	console.error(`${suite} need ${names}.\nInstall with:\n  ${hint}`);
	process.exit(1);
}
