import { HelpdeskError } from "../lib/errors.ts";
import type { LogFields, Logger } from "../lib/logger.ts";
import type { Passage } from "../ports/knowledge.ts";

/** A whole pasted email thread is not a better query, and the query goes into a URL. */
const MAX_QUERY_CHARS = 300;

export interface SearchRequest {
  /** Whitespace collapsed, at most 300 characters, never empty. */
  query: string;
  /** 1..100. */
  limit: number;
}

/**
 * The frame every help-center adapter shares: normalize the query and limit, run the search, log one
 * line (counts and latency, never the query), and turn any failure into no passages — a missing
 * knowledge base must never block an escalation.
 */
export async function searchSafely(
  log: Logger,
  name: string,
  input: { query: string; limit: number | undefined; defaultLimit: number },
  search: (request: SearchRequest) => Promise<{ passages: Passage[]; fields: LogFields } | "unexpected_body">,
): Promise<Passage[]> {
  const query = shorten(input.query.replace(/\s+/g, " ").trim(), MAX_QUERY_CHARS, "");
  if (query === "") return [];
  const limit = Math.min(100, Math.max(1, Math.floor(input.limit ?? input.defaultLimit)));
  const started = Date.now();
  try {
    const result = await search({ query, limit });
    if (result === "unexpected_body") {
      log.warn(`${name} returned an unexpected body`, { latency_ms: Date.now() - started });
      return [];
    }
    log.info(name, { ...result.fields, passages: result.passages.length, latency_ms: Date.now() - started });
    return result.passages;
  } catch (error) {
    const status = error instanceof HelpdeskError ? error.status : null;
    const code = error instanceof HelpdeskError ? error.code : "unexpected_error";
    log.warn(`${name} failed; continuing without passages`, { status, code, latency_ms: Date.now() - started });
    return [];
  }
}

/** Cut at a word boundary when one is near the end. */
export function shorten(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}${ellipsis}`;
}
