/**
 * Recognising a full disk in what IndexedDB and Dexie throw. A browser out of space aborts the
 * transaction at commit with a `QuotaExceededError` (Chromium's own quota does exactly that: every
 * request succeeds, then the transaction's `abort` event carries the error), and Dexie hands the app
 * an `AbortError` whose `inner` is that error; a bulk write may report it among its `failures`.
 */

/** How deep to follow wrapped errors (Dexie wraps once or twice; a cycle must not hang). */
const MAX_DEPTH = 6;

/** True when `error`, or an error it wraps (`inner`, `cause`, a bulk write's `failures`), is a full disk. */
export function isQuotaError(error: unknown, depth = 0): boolean {
	if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
	const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
	if (e.name === 'QuotaExceededError') return true;
	if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
	return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1));
}
