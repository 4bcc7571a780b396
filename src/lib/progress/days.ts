/** Local calendar days, judged in the time zone where the practice happened. */

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone` (default: this device's zone). */
export function localDay(date: Date, timeZone?: string): string {
	return formatter(
		dayFormatters,
		timeZone,
		() => ({
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		}),
		'en-CA'
	).format(date); // en-CA formats as YYYY-MM-DD.
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
	cache: Map<string, Intl.DateTimeFormat>,
	timeZone: string | undefined,
	options: () => Intl.DateTimeFormatOptions,
	locale: string
): Intl.DateTimeFormat {
	const key = timeZone ?? '';
	let format = cache.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, options());
		cache.set(key, format);
	}
	return format;
}

/** This device's IANA time zone, or 'UTC' when the platform does not say. */
export function deviceTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Minutes east of UTC at `date` in `timeZone` (e.g. +60 for Paris in winter). */
export function utcOffsetMinutes(date: Date, timeZone?: string): number {
	const parts = formatter(
		partFormatters,
		timeZone,
		() => ({
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		}),
		'en-US'
	).formatToParts(date);
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

/** Today's calendar day on this device, in its own time zone. */
export function currentDay(): string {
	return localDay(new Date(), deviceTimeZone());
}
