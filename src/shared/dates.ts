/**
 * en-US spells short months as Slack and our tests expect them ("Sep", where en-GB now says "Sept"). Made on first
 * use: making one loads the locale's data, a noticeable part of a start-up.
 */
let citationDate: Intl.DateTimeFormat | undefined;
const citationDateFormat = () =>
  (citationDate ??= new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }));

/** "2024-06-14" → "14 Jun 2024", the same in every time zone; anything that is not such a date is shown as written. */
export function formatCitationDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return date;
  const parts = citationDateFormat().formatToParts(parsed);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('day')} ${part('month')} ${part('year')}`;
}
