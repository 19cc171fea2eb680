/**
 * Retry-After as seconds. Zendesk sends delta-seconds on 429 (api-reference/introduction/rate-limits/);
 * RFC 9110 also allows an HTTP date, accepted here for proxies. Undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  const raw = header?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
