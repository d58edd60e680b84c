// Small display helpers: dates, relative times, provider credit amounts, dollars and token counts.

/** "22 Nov 2026, 03:17" in the user's locale, or the raw string if it does not parse. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Compact age like "5 min ago", falling back to the date after a week. */
export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 7 * 86400) return `${Math.floor(s / 86400)} d ago`;
  return new Date(t).toLocaleDateString();
}

/** A credit amount as the provider reports it (up to 4 decimals), in the user's locale. */
export function formatCredits(amount: number): string {
  return amount.toLocaleString(undefined, { maximumFractionDigits: 4 });
}

/** A US-dollar amount with 2 to 4 decimals ("$0.04", "$0.0135", "$12.50"): a run often costs a fraction of a cent. */
export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4, useGrouping: false })}`;
}

/** A token count with the locale's digit grouping. */
export function formatTokens(count: number): string {
  return count.toLocaleString();
}
