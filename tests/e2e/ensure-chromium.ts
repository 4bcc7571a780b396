/**
 * Makes sure the browser the e2e tests drive is present. Uses CHROME_PATH when set; otherwise Debian's
 * /usr/bin/chromium, installing it with apt-get when we are root on Debian, or printing what to run.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const hint = 'sudo apt-get update && sudo apt-get install -y chromium';

if (existsSync(path)) process.exit(0);

if (process.env.CHROME_PATH) {
	console.error(
		`CHROME_PATH is set to ${path}, but nothing is there. Point it at a Chromium binary.`
	);
	process.exit(1);
}

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
	console.log('Chromium is missing: installing Debian’s chromium package with apt-get…');
	try {
		execSync('apt-get update -q && apt-get install -y -q chromium', {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
	} catch {
		console.error(`Installing Chromium failed. Try it yourself: ${hint}`);
		process.exit(1);
	}
	if (existsSync(path)) process.exit(0);
}

console.error(
	`The end-to-end tests need Chromium at ${path}.\n` +
		`Install it with:\n  ${hint}\n` +
		'or set CHROME_PATH to a Chromium or Chrome binary.'
);
process.exit(1);
