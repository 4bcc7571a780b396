/**
 * The headless Chromium flags the e2e tests and the page benchmarks launch with: no sandbox or GPU
 * (containers), no background traffic, and audio that may play without a tap.
 */
export const chromeArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--autoplay-policy=no-user-gesture-required'
];
