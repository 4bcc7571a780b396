import { describe, expect, it } from 'vitest';
import { localDay, utcOffsetMinutes } from './days';

describe('local days', () => {
	it.each([
		// 23:30 UTC on 1 March is already 2 March in Tokyo and still 1 March in New York.
		['2026-03-01T23:30:00Z', 'Asia/Tokyo', '2026-03-02', 540],
		['2026-03-01T23:30:00Z', 'America/New_York', '2026-03-01', -300],
		// Just after midnight local time counts for the new day.
		['2026-07-14T22:00:30Z', 'Europe/Paris', '2026-07-15', 120],
		['2026-07-14T21:59:59Z', 'Europe/Paris', '2026-07-14', 120],
		// Across the US spring-forward change (8 March 2026, 02:00 local).
		['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08', -300],
		['2026-03-08T07:01:00Z', 'America/New_York', '2026-03-08', -240],
		// Half-hour and quarter-hour zones.
		['2026-01-10T18:40:00Z', 'Asia/Kolkata', '2026-01-11', 330],
		['2026-01-10T18:10:00Z', 'Asia/Kathmandu', '2026-01-10', 345]
	])('%s in %s is %s (UTC%+d min)', (iso, zone, day, offset) => {
		const date = new Date(iso);
		expect(localDay(date, zone)).toBe(day);
		expect(utcOffsetMinutes(date, zone)).toBe(offset);
	});
});
