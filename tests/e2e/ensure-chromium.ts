/**
 * Makes sure the browser the e2e tests drive is present: CHROME_PATH when set, otherwise Debian's
 * /usr/bin/chromium, installed with apt-get when we are root on Debian (../ensure-packages.ts).
 */
import { ensurePackages } from '../ensure-packages';

ensurePackages({
	suite: 'The end-to-end tests',
	needs: [
		{ path: process.env.CHROME_PATH ?? '/usr/bin/chromium', pkg: 'chromium', env: 'CHROME_PATH' }
	]
});
