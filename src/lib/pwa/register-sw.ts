/**
 * Registers the app's service worker and reports the two moments the learner should hear about:
 * the first install (the app now works offline) and a new version waiting to take over.
 *
 * This is the part of workbox-window the app used, on the plain Service Worker API. workbox-window
 * and the plugin's wrapper cost 2.8 KB gzip of the first-load budget of `/` (80 KiB then, 60 KiB
 * now); this costs 0.1 KB.
 * The worker is Workbox's (generateSW), which activates a waiting version on
 * `{ type: 'SKIP_WAITING' }`.
 */

export interface ServiceWorkerEvents {
	/** A new version is installed and waits for the learner's go-ahead. */
	onNeedRefresh(): void;
	/** The first version finished installing: every page now works offline. */
	onOfflineReady(): void;
}

export interface ServiceWorkerHandle {
	registration: ServiceWorkerRegistration;
	/** Tells the waiting version to take over (the page reloads on `controllerchange`). */
	activateWaiting(): void;
}

export const SW_URL = '/sw.js';

export async function registerServiceWorker(
	events: ServiceWorkerEvents,
	container: ServiceWorkerContainer = navigator.serviceWorker
): Promise<ServiceWorkerHandle> {
	const registration = await container.register(SW_URL, { scope: '/', type: 'classic' });

	// register() resolves with `installing` set and then fires `updatefound` for the same worker.
	const watched = new WeakSet<ServiceWorker>();
	const watch = (worker: ServiceWorker, isUpdate: boolean) => {
		if (watched.has(worker)) return;
		watched.add(worker);
		const onState = () => {
			if (isUpdate && worker.state === 'installed') events.onNeedRefresh();
			else if (!isUpdate && worker.state === 'activated') events.onOfflineReady();
			else return;
			worker.removeEventListener('statechange', onState);
		};
		worker.addEventListener('statechange', onState);
		onState();
	};

	// A version that finished installing on an earlier visit and still waits.
	if (registration.waiting && registration.active) events.onNeedRefresh();
	// The first install may already be under way when register() resolves.
	if (registration.installing) watch(registration.installing, Boolean(registration.active));
	registration.addEventListener('updatefound', () => {
		const worker = registration.installing;
		if (worker) watch(worker, Boolean(registration.active));
	});

	return {
		registration,
		activateWaiting: () => registration.waiting?.postMessage({ type: 'SKIP_WAITING' })
	};
}
