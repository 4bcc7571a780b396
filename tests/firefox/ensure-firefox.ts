/**
 * Makes sure the Firefox the smoke suite drives is present (FIREFOX_PATH when set, otherwise Debian's
 * /usr/bin/firefox-esr) with PulseAudio, the sound server its audio needs on a machine without a
 * sound card: installed with apt-get when we are root on Debian (../ensure-packages.ts).
 */
import { ensurePackages } from '../ensure-packages';

ensurePackages({
	suite: 'The Firefox suite',
	needs: [
		{
			path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
			pkg: 'firefox-esr',
			env: 'FIREFOX_PATH'
		},
		{ path: '/usr/bin/pulseaudio', pkg: 'pulseaudio' }
	],
	recommends: false
});
