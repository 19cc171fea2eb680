import type { DecisionRecord } from "../domain/ledger.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import { proposedReplyText } from "../ledger/proposed-reply-text.ts";
import { DeskmateError } from "../lib/errors.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

/** A human reply is scored against the shadow or draft decisions of the ticket's last this many days. */
export const SCORED_DECISION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The text of a human's public reply, masked as the ledger keeps it, and the decision it answers (the
 * ticket's latest shadow or draft decision, not a skip, of the last 30 days); undefined, with nothing
 * read, when the ticket has no such decision. The
 * webhook carries ids only, so this is the one helpdesk read a scored reply costs. A read that
 * failed for good (the comment is gone, access denied) leaves the reply without text, logged; one
 * a retry can fix throws, so the queue retries the event.
 */
export async function humanReplyText(
  event: SupportEvent,
  deps: Pick<PipelineDeps, "ledger" | "helpdesk" | "logger" | "now">,
): Promise<{ text: string; decision: DecisionRecord } | undefined> {
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
  // Newest first: the latest such decision is the one this reply answers.
  const decision = page.rows.find((d) => (d.mode === "shadow" || d.mode === "draft") && d.outcome !== "skip");
  if (!decision) return undefined;
  try {
    const text = await deps.helpdesk.publicCommentText(event.ticketId, comment.id);
    return text === null ? undefined : { text: proposedReplyText(text), decision };
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
