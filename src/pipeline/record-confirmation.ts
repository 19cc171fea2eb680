import { skipped, type EventResult } from "../domain/event-result.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import { withOutcome, type TicketState } from "../domain/ticket-state.ts";
import { DeskmateError } from "../lib/errors.ts";
import type { TicketLease } from "../state/state-store.ts";
import { detectConfirmation } from "../triage/detect-confirmation.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

export interface ConfirmationInput {
  lease: TicketLease;
  state: TicketState;
  context: TicketContext;
  /** The customer message selected for handling. */
  comment: Comment;
  assistantId: string;
  /** ISO-8601, for the ticket state's history. */
  at: string;
  /** Writes the message's decision row (a skip); runs after the lifecycle row, before the state marks it handled. */
  recordDecisionRow: () => Promise<void>;
}

/**
 * When the selected message only confirms the assistant's answer (or action) worked, records
 * `customer_confirmed` in the ledger and the message as handled in the ticket state, and returns the
 * skip: no model call, no reply. Returns null for every other message, which is then decided as usual.
 * The ledger write comes first: if it fails the event is retried and nothing was marked handled.
 */
export async function recordConfirmation(
  event: SupportEvent,
  deps: Pick<PipelineDeps, "ledger" | "store">,
  input: ConfirmationInput,
): Promise<EventResult | null> {
  const { lease, state, context, comment, assistantId, at, recordDecisionRow } = input;
  if (!followsAssistantReply(context, state, comment, assistantId) || !detectConfirmation(comment.body)) return null;
  try {
    await deps.ledger?.recordLifecycle({
      platform: event.platform,
      account: event.accountId,
      ticketId: event.ticketId,
      kind: "customer_confirmed",
      at: comment.createdAt,
      eventId: `comment:${comment.id}`,
      requesterId: event.requesterId ?? null,
      rating: null,
      detail: null,
    });
  } catch (cause) {
    throw new DeskmateError("ledger_unavailable", "the ledger refused a customer confirmation; the event is retried", {
      retryable: true,
      cause,
    });
  }
  // Before the state says "handled": a retry after a crash here finds the message unhandled and writes
  // both rows again, which the ledger stores once.
  await recordDecisionRow();
  const next = withOutcome(
    { ...state, lastHandledCommentId: comment.id, lastEventAt: event.occurredAt },
    { at, eventId: event.eventId, outcome: "skip", reasons: ["customer_confirmed"] },
  );
  await deps.store.putTicketState(event.ticketId, next, lease);
  return skipped("customer_confirmed");
}

/**
 * The assistant's last decision answered or acted, and its public reply is the public comment right
 * before this one: "thanks" after a question the assistant asked, or after a person's reply, is not a
 * confirmation of the assistant's work.
 */
function followsAssistantReply(
  context: TicketContext,
  state: TicketState,
  comment: Comment,
  assistantId: string,
): boolean {
  const lastDecision = state.history.findLast((record) => record.outcome !== "skip");
  if (lastDecision?.outcome !== "answer" && lastDecision?.outcome !== "act") return false;
  const publicComments = context.comments.filter((c) => c.isPublic);
  const index = publicComments.findIndex((c) => c.id === comment.id);
  return index > 0 && publicComments[index - 1]?.authorId === assistantId;
}
