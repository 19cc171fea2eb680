import type { Comment, TicketContext } from "../domain/ticket.ts";
import type { ModelInput } from "../ports/model.ts";

/**
 * The conversation as the customer saw it: public comments only, labelled by who wrote them.
 * Internal notes never reach the model, so they can never leak into a customer-facing answer.
 */
export function publicConversation(context: TicketContext, assistantId: string): ModelInput["conversation"] {
  return context.comments
    .filter((c) => c.isPublic)
    .map((c) => ({ role: roleOf(c, context.ticket.requesterId, assistantId), text: c.body, at: c.createdAt }));
}

/** The customer's public messages, oldest first. */
export function customerMessages(context: TicketContext, assistantId: string): string[] {
  return publicConversation(context, assistantId)
    .filter((m) => m.role === "customer")
    .map((m) => m.text);
}

/** Public replies by the assistant (survives lost state: counted from the ticket itself). */
export function assistantReplyCount(context: TicketContext, assistantId: string): number {
  return context.comments.filter((c) => c.isPublic && c.authorId === assistantId).length;
}

function roleOf(comment: Comment, requesterId: string, assistantId: string): "customer" | "agent" | "assistant" {
  if (comment.authorId === assistantId) return "assistant";
  if (comment.authorId === requesterId || comment.authorRole === "end-user") return "customer";
  return "agent";
}
