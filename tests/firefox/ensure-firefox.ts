/**
 * Makes sure the Firefox the smoke suite drives is present (FIREFOX_PATH when set, otherwise Debian's
 * /usr/bin/firefox-esr) with PulseAudio, the sound server its audio needs on a machine without a
 * sound card: installed with apt-get when we are root on Debian (as CI is), or says what to run.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const hint = 'sudo apt-get update && sudo apt-get install -y firefox-esr pulseaudio';
const pulse = '/usr/bin/pulseaudio';

if (existsSync(path) && existsSync(pulse)) process.exit(0);
if (process.env.FIREFOX_PATH && !existsSync(path)) {
	console.error(
		`FIREFOX_PATH is set to ${path}, but nothing is there. Point it at a Firefox binary.`
	);
	process.exit(1);
}
if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
	console.log('Firefox or PulseAudio is missing: installing them with apt-get…');
	const packages = [
		...(existsSync(path) || process.env.FIREFOX_PATH ? [] : ['firefox-esr']),
		...(existsSync(pulse) ? [] : ['pulseaudio'])
	].join(' ');
	try {
		execSync(`apt-get update -q && apt-get install -y -q --no-install-recommends ${packages}`, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		process.exit(0);
	} catch {
		console.error(`Installing Firefox failed. Try it yourself: ${hint}`);
		process.exit(1);
	}
}
console.error(
	`Firefox (${path}) or PulseAudio (${pulse}) is missing. Install them: ${hint} (or set FIREFOX_PATH).`
);
process.exit(1);
