/** Local calendar days, judged in the time zone where the practice happened. */

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone` (default: this device's zone). */
export function localDay(date: Date, timeZone?: string): string {
	// en-CA formats as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(date);
}

/** This device's IANA time zone, or 'UTC' when the platform does not say. */
export function deviceTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Minutes east of UTC at `date` in `timeZone` (e.g. +60 for Paris in winter). */
export function utcOffsetMinutes(date: Date, timeZone?: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	}).formatToParts(date);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}
