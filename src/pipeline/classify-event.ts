import type { SupportEvent } from "../domain/support-event.ts";

/**
 * What an event is, decided from the event alone (no helpdesk read). Comments written by the assistant
 * itself fire webhooks too (PLATFORM.md), so "own comment" is checked first: never reply to yourself.
 */
export type EventClass =
  | { kind: "customer_message" }
  | { kind: "agent_public_comment" }
  | { kind: "status_change"; reopened: boolean; solved: boolean }
  | { kind: "assigned_to_human" }
  | { kind: "record"; reason: "assignment_changed" | "rating_added" | "tags_changed" }
  | { kind: "skip"; reason: "own_comment" | "internal_note" | "closed" };

export function classifyEvent(event: SupportEvent, assistantId: string): EventClass {
  if (event.kind === "status_changed") {
    const previous = event.statusChange?.previous;
    const current = event.statusChange?.current ?? event.ticketStatus;
    const reopened = (previous === "solved" || previous === "closed") && (current === "open" || current === "new");
    const solved = current === "solved" || current === "closed";
    return { kind: "status_change", reopened, solved };
  }
  if (event.kind === "rating_added") return { kind: "record", reason: "rating_added" };
  if (event.kind === "tags_changed") return { kind: "record", reason: "tags_changed" };
  if (event.kind === "assignment_changed") {
    // Assigned to a person (not a team, not the assistant): a human owns the conversation now.
    const assignee = event.assignee;
    return assignee?.type === "admin" && assignee.id !== null && assignee.id !== assistantId
      ? { kind: "assigned_to_human" }
      : { kind: "record", reason: "assignment_changed" };
  }
  if (event.ticketStatus === "closed") return { kind: "skip", reason: "closed" };
  const comment = event.comment;
  if (comment) {
    if (comment.authorId === assistantId) return { kind: "skip", reason: "own_comment" };
    if (!comment.isPublic) return { kind: "skip", reason: "internal_note" };
    // Agents may comment as the requester when creating a ticket for them; the requester is a customer.
    if (comment.authorIsStaff && comment.authorId !== event.requesterId) return { kind: "agent_public_comment" };
  }
  return { kind: "customer_message" };
}
