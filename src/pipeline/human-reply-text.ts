import type { SupportEvent } from "../domain/support-event.ts";
import { proposedReplyText } from "../ledger/proposed-reply-text.ts";
import { DeskmateError } from "../lib/errors.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

/** A human reply is scored against the shadow or draft decisions of the ticket's last this many days. */
export const SCORED_DECISION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The text of a human's public reply, masked as the ledger keeps it, when the ticket has a shadow or
 * draft decision (not a skip) in the last 30 days; otherwise undefined and nothing is read. The
 * webhook carries ids only, so this is the one helpdesk read a scored reply costs. A read that
 * failed for good (the comment is gone, access denied) leaves the reply without text, logged; one
 * a retry can fix throws, so the queue retries the event.
 */
export async function humanReplyText(
  event: SupportEvent,
  deps: Pick<PipelineDeps, "ledger" | "helpdesk" | "logger" | "now">,
): Promise<string | undefined> {
  const comment = event.comment;
  if (!deps.ledger || !comment) return undefined;
  const ms = Date.parse(event.occurredAt);
  // Up to now, not the reply's own time: a helpdesk clock a little behind the worker's must not hide a decision.
  const now = (deps.now?.() ?? new Date()).getTime();
  const query = {
    platform: event.platform,
    account: event.accountId,
    from: new Date(ms - SCORED_DECISION_DAYS * DAY_MS).toISOString(),
    to: new Date(Math.max(ms, now) + 1).toISOString(),
    ticketIds: [event.ticketId],
    limit: 100,
  };
  const page = await deps.ledger.decisions(query).catch((cause: unknown) => {
    throw new DeskmateError("ledger_unavailable", "the ledger refused a read; the event is retried", {
      retryable: true,
      cause,
    });
  });
  const scored = page.rows.some((d) => (d.mode === "shadow" || d.mode === "draft") && d.outcome !== "skip");
  if (!scored) return undefined;
  try {
    const text = await deps.helpdesk.publicCommentText(event.ticketId, comment.id);
    return text === null ? undefined : proposedReplyText(text);
  } catch (error) {
    if (error instanceof DeskmateError && error.retryable) throw error;
    deps.logger.warn("human reply not read for scoring", {
      ticket_id: event.ticketId,
      comment_id: comment.id,
      error,
    });
    return undefined;
  }
}
