import type { Settings } from "../config/settings-schema.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import type { TicketState } from "../domain/ticket-state.ts";

export type ContextSkipReason =
  | "closed"
  | "opted_out"
  | "paused"
  | "human_owned"
  | "already_handled"
  | "no_customer_message";

export type CustomerMessageSelection =
  | { kind: "handle"; comment: Comment; humanOwned: false }
  /**
   * Escalated and waiting for a person: `added` holds the customer's new comments, oldest first (the last is
   * `comment`).
   */
  | { kind: "awaiting_human"; comment: Comment; added: Comment[]; humanOwned: false }
  | { kind: "skip"; reason: ContextSkipReason; humanOwned: boolean };

/**
 * Decide from the ticket as it is now (not as the webhook described it) whether there is a customer
 * message the assistant should handle, and which. The newest public customer comment is handled once:
 * a comment at or below the last handled id, or one the assistant already followed with a comment of
 * its own (public reply or draft note), is skipped — so duplicates and late events never answer twice,
 * even when the ticket state was lost.
 */
export function selectCustomerMessage(
  context: TicketContext,
  state: TicketState,
  settings: Pick<Settings, "optOutTag">,
  assistantId: string,
): CustomerMessageSelection {
  const { ticket, comments } = context;
  const since = state.handedBackAt ? Date.parse(state.handedBackAt) : Number.NEGATIVE_INFINITY;
  const humanOwned =
    state.humanOwned ||
    (ticket.assignedToHuman === true && !state.handedBackAt) ||
    comments.some((c) => isHumanAgentReply(c, ticket.requesterId, assistantId) && Date.parse(c.createdAt) > since);
  if (ticket.status === "closed") return { kind: "skip", reason: "closed", humanOwned };
  if (ticket.tags.includes(settings.optOutTag)) return { kind: "skip", reason: "opted_out", humanOwned };
  if (state.paused) return { kind: "skip", reason: "paused", humanOwned };
  if (humanOwned) return { kind: "skip", reason: "human_owned", humanOwned };

  const customerComments = comments.filter(
    (c) =>
      c.isPublic && c.authorId !== assistantId && (c.authorId === ticket.requesterId || c.authorRole === "end-user"),
  );
  const latest = customerComments.at(-1);
  if (!latest) return { kind: "skip", reason: "no_customer_message", humanOwned };
  if (state.lastHandledCommentId !== undefined && compareIds(latest.id, state.lastHandledCommentId) <= 0) {
    return { kind: "skip", reason: "already_handled", humanOwned };
  }
  const answeredAfter = comments.some((c) => c.authorId === assistantId && compareIds(c.id, latest.id) > 0);
  if (answeredAfter) return { kind: "skip", reason: "already_handled", humanOwned };
  if (state.awaitingHumanSince) {
    const handled = state.lastHandledCommentId;
    const added = customerComments.filter((c) => handled === undefined || compareIds(c.id, handled) > 0);
    return { kind: "awaiting_human", comment: latest, added, humanOwned: false };
  }
  return { kind: "handle", comment: latest, humanOwned: false };
}

export function isHumanAgentReply(comment: Comment, requesterId: string, assistantId: string): boolean {
  return (
    comment.isPublic &&
    (comment.authorRole === "agent" || comment.authorRole === "admin") &&
    comment.authorId !== assistantId &&
    comment.authorId !== requesterId
  );
}

/** Zendesk comment ids are increasing integers; compare numerically when both are digits. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    if (a.length !== b.length) return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
