import type { DecisionRecord } from "../../domain/ledger.ts";
import type { Ledger, LedgerQuery } from "../../ports/ledger.ts";

/** The CSV columns, one per scalar field of a decision; lists are joined with `;`, the handoff is left out. */
const CSV_COLUMNS: ReadonlyArray<[string, (row: DecisionRecord) => string | number | boolean | null]> = [
  ["decided_at", (r) => r.decidedAt],
  ["platform", (r) => r.platform],
  ["account", (r) => r.account],
  ["ticket_id", (r) => r.ticketId],
  ["comment_id", (r) => r.commentId],
  ["event_id", (r) => r.eventId],
  ["mode", (r) => r.mode],
  ["outcome", (r) => r.outcome],
  ["reasons", (r) => r.reasons.join(";")],
  ["category", (r) => r.category],
  ["confidence", (r) => r.confidence],
  ["arm", (r) => r.arm],
  ["public_reply", (r) => r.publicReply],
  ["models", (r) => r.models.join(";")],
  ["input_tokens", (r) => r.tokens.input],
  ["output_tokens", (r) => r.tokens.output],
  ["cache_read_tokens", (r) => r.tokens.cacheRead],
  ["cache_write_tokens", (r) => r.tokens.cacheWrite],
  ["model_cost_usd", (r) => r.modelCostUsd],
  ["helpdesk_reads", (r) => r.helpdeskReads],
  ["helpdesk_writes", (r) => r.helpdeskWrites],
  ["latency_ms", (r) => r.latencyMs],
  ["sources", (r) => r.sources.map((s) => s.id).join(";")],
  ["action", (r) => (r.action ? `${r.action.name}: ${r.action.result}` : null)],
  ["fingerprint", (r) => r.fingerprint],
  // canary / current; empty on skips and on rows from before canaries.
  ["variant", (r) => r.variant ?? null],
  // Last, so a spreadsheet built on the earlier columns keeps its layout; null (not recorded) is empty.
  ["message_excerpt", (r) => r.messageExcerpt],
];

/** Rows one export may hold; a larger range is cut there and says so in its last line. */
export const EXPORT_MAX_ROWS = 100_000;

/**
 * Every decision of the range, newest first, streamed page by page so a large export never sits in
 * memory. NDJSON carries each row whole (handoff included); CSV one line per row.
 */
export function exportDecisions(
  ledger: Ledger,
  query: LedgerQuery,
  format: "csv" | "ndjson",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let sent = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started && format === "csv")
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.map(([n]) => n).join(",")}\n`));
      started = true;
      const page = await ledger.decisions({ ...query, limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
      const rows = page.rows.slice(0, EXPORT_MAX_ROWS - sent);
      sent += rows.length;
      const lines = rows.map((row) => (format === "csv" ? csvLine(row) : JSON.stringify(row)));
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      if (page.nextCursor === null) return controller.close();
      if (sent >= EXPORT_MAX_ROWS) {
        const note = `export cut at ${EXPORT_MAX_ROWS} rows; narrow the date range`;
        controller.enqueue(
          encoder.encode(format === "csv" ? `# ${note}\n` : `${JSON.stringify({ truncated: note })}\n`),
        );
        return controller.close();
      }
      cursor = page.nextCursor;
    },
  });
}

function csvLine(row: DecisionRecord): string {
  return CSV_COLUMNS.map(([, value]) => csvCell(value(row))).join(",");
}

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with `'`. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
