export async function settle(count: () => number, quietMs: number): Promise<void> {
  let last = count();
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = count();
    if (now === last) return;
    last = now;
  }
}

export function describeWrite(r: { method: string; path: string; body?: unknown }): string {
  const body = (r.body ?? {}) as { ticket?: Record<string, unknown>; tags?: string[] };
  if (r.path.endsWith("/tags")) return `${r.method} tags [${(body.tags ?? []).join(", ")}]`;
  const t = body.ticket ?? {};
  const comment = t.comment as { public?: boolean } | undefined;
  const parts = [
    comment ? (comment.public ? "public reply" : "internal note") : null,
    t.group_id ? `group ${t.group_id}` : null,
    t.priority ? `priority ${t.priority}` : null,
  ];
  return `${r.method} ticket (${parts.filter(Boolean).join(", ") || "fields"})`;
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const row of rows) console.log(line(row));
}

export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|li|blockquote)>|<br>/g, "\n")
    .replace(/<li>/g, "  • ")
    .replace(/<[^>]+>/g, "")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

export function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

/** "escalate fraud" from a handled-event log line; "—" when the event was not handled. */
export function describeOutcome(handled: { outcome?: string; reasons?: string[] } | undefined): string {
  return handled ? `${handled.outcome ?? ""} ${(handled.reasons ?? []).join(",")}`.trim() : "—";
}
