/** Number and time formatting shared by the tree, the panel and exports. */

const formatters = new Map<string, Intl.NumberFormat>();

/** Whole numbers with thousands separators ("12,345"). */
export function formatCount(value: number, locale = 'en-US'): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formatters.set(locale, formatter);
  }
  return formatter.format(value);
}

/** Shares are shown to a tenth of a percent below 1% (so a small share never reads 0%), else whole. */
const percentDigits = (share: number) => (share > 0 && share < 0.01 ? 1 : 0);

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(percentDigits(share))}%`;
}

/** A share in percent, rounded as formatPercent shows it. */
export function shownPercent(share: number): number {
  return Number((share * 100).toFixed(percentDigits(share)));
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * ISO 8601 with the offset of the given IANA zone ("2026-11-25T00:00:00-05:00"), so an export says
 * which zone its daily buckets were cut in and still names one exact instant.
 */
export function isoInZone(time: number, timeZone: string): string {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(time)) parts[part.type] = part.value;
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - (time - (time % 1000))) / 60_000);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
