import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from './download';
import { installBrowser, removeBrowser, type FakeBrowser } from './test-browser';

let browser: FakeBrowser;

beforeEach(() => {
	browser = installBrowser();
	vi.useFakeTimers({ toFake: ['setTimeout'] });
});

afterEach(() => {
	vi.useRealTimers();
	removeBrowser();
});

describe('downloadFile', () => {
	it('offers the bytes under the given name', async () => {
		const data = new Blob(['{"hello":1}'], { type: 'application/json' });
		downloadFile(data, 'backup.json');
		expect(browser.downloads).toHaveLength(1);
		expect(browser.downloads[0].name).toBe('backup.json');
		expect(await browser.downloads[0].blob.text()).toBe('{"hello":1}');
	});

	it('frees the object URL later, once the browser has had time to read it', () => {
		downloadFile(new Blob(['x']), 'a.txt');
		downloadFile(new Blob(['y']), 'b.txt');
		expect(browser.liveUrls()).toBe(2);
		vi.advanceTimersByTime(9_999);
		expect(browser.liveUrls()).toBe(2);
		vi.advanceTimersByTime(1);
		expect(browser.liveUrls()).toBe(0);
	});
});
