import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, SW_URL } from './register-sw';

/** A worker whose state the test moves on, firing `statechange` as a browser would. */
class FakeWorker extends EventTarget {
	state: ServiceWorkerState = 'installing';
	messages: unknown[] = [];
	postMessage(message: unknown) {
		this.messages.push(message);
	}
	moveTo(state: ServiceWorkerState) {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}

class FakeRegistration extends EventTarget {
	installing: FakeWorker | null = null;
	waiting: FakeWorker | null = null;
	active: FakeWorker | null = null;
	/** The browser found a new script: it installs as `installing`, then fires updatefound. */
	find(worker: FakeWorker) {
		this.installing = worker;
		this.dispatchEvent(new Event('updatefound'));
	}
}

/** A registration whose current version is active: the page loaded with a worker in place. */
function controlledRegistration() {
	const active = new FakeWorker();
	active.state = 'activated';
	const registration = new FakeRegistration();
	registration.active = active;
	return Object.assign(registration, { active });
}

function setup(registration = new FakeRegistration()) {
	const events = { onNeedRefresh: vi.fn(), onOfflineReady: vi.fn() };
	const register = vi.fn(async () => registration);
	const container = { register } as unknown as ServiceWorkerContainer;
	return { events, registration, register, start: () => registerServiceWorker(events, container) };
}

describe('registerServiceWorker', () => {
	it('registers the built worker at the root scope', async () => {
		const { register, start } = setup();
		await start();
		expect(register).toHaveBeenCalledWith(SW_URL, { scope: '/', type: 'classic' });
		expect(SW_URL).toBe('/sw.js');
	});

	it('reports "offline ready" once when the first version activates, never "update"', async () => {
		const registration = new FakeRegistration();
		const first = new FakeWorker();
		registration.installing = first;
		const { events, start } = setup(registration);
		await start();
		// The same worker is announced again by updatefound right after register() resolves.
		registration.dispatchEvent(new Event('updatefound'));
		first.moveTo('installed');
		expect(events.onOfflineReady).not.toHaveBeenCalled();
		registration.installing = null;
		registration.active = first;
		first.moveTo('activating');
		first.moveTo('activated');
		expect(events.onOfflineReady).toHaveBeenCalledTimes(1);
		expect(events.onNeedRefresh).not.toHaveBeenCalled();
	});

	it('reports a new version once it has installed and waits, not before', async () => {
		const registration = controlledRegistration();
		const { events, start } = setup(registration);
		await start();
		const next = new FakeWorker();
		registration.find(next);
		expect(events.onNeedRefresh).not.toHaveBeenCalled();
		next.moveTo('installed');
		registration.installing = null;
		registration.waiting = next;
		expect(events.onNeedRefresh).toHaveBeenCalledTimes(1);
		expect(events.onOfflineReady).not.toHaveBeenCalled();
	});

	it('reports a version left waiting by an earlier visit as soon as the page registers', async () => {
		const registration = controlledRegistration();
		registration.waiting = new FakeWorker();
		registration.waiting.state = 'installed';
		const { events, start } = setup(registration);
		await start();
		expect(events.onNeedRefresh).toHaveBeenCalledTimes(1);
	});

	it('says nothing when the page loads with its current version and no update', async () => {
		const registration = controlledRegistration();
		const { events, start } = setup(registration);
		await start();
		expect(events.onNeedRefresh).not.toHaveBeenCalled();
		expect(events.onOfflineReady).not.toHaveBeenCalled();
	});

	it('activating the waiting version sends Workbox its SKIP_WAITING message', async () => {
		const registration = controlledRegistration();
		const waiting = new FakeWorker();
		registration.waiting = waiting;
		const { start } = setup(registration);
		const sw = await start();
		sw.activateWaiting();
		expect(waiting.messages).toEqual([{ type: 'SKIP_WAITING' }]);
		expect(registration.active.messages).toEqual([]);
	});

	it('passes a failed registration on to the caller', async () => {
		const events = { onNeedRefresh: vi.fn(), onOfflineReady: vi.fn() };
		const container = {
			register: async () => {
				throw new DOMException('blocked', 'SecurityError');
			}
		} as unknown as ServiceWorkerContainer;
		await expect(registerServiceWorker(events, container)).rejects.toThrow('blocked');
	});
});
