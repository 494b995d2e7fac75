/**
 * `YYYY-MM-DD` from a value that starts with an ISO date (a time may follow), or null when it does
 * not, or names no real day (2017-02-30). Every date the bot keeps is checked this one way.
 */
export function isoDay(value: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? '');
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : null;
}
