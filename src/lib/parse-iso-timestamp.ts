/**
 * Strict ISO-8601 date-time parsing. Zendesk sends ISO timestamps where other vendors send epoch
 * seconds (developer.zendesk.com/documentation/webhooks/verifying); `Date.parse` alone would accept
 * loose forms like "2021" or "July 25", so the shape is checked first. Seconds are optional because
 * trigger placeholders such as `{{ticket.updated_at_with_timestamp}}` render `2013-12-12T05:35Z`.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function parseIsoTimestamp(value: string): Date | null {
  const trimmed = value.trim();
  if (!ISO_DATE_TIME.test(trimmed)) return null;
  // `+0100` (no colon) appears in some Zendesk placeholders; normalize it for Date.parse.
  const normalized = trimmed.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : new Date(ms);
}
