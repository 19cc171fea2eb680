import type { Comment, TicketContext } from "../domain/ticket.ts";
import type { Priority } from "../domain/ticket.ts";
import type { Handoff } from "../domain/handoff.ts";
import { reasonText } from "./reason-text.ts";

export interface ContextHandoffInput {
  context: TicketContext;
  customerComment: Comment;
  reasons: string[];
  urgency: Priority;
  suggestedNextStep: string;
  ticketUrl: (ticketId: string) => string;
  facts?: string[];
}

const CUSTOMER_WORDS_LIMIT = 600;

/**
 * A handoff built only from what the helpdesk told us — no model involved — so every failure path can
 * still hand a human a complete note. Missing context pieces are listed, never filled in.
 */
export function buildContextHandoff(input: ContextHandoffInput): Handoff {
  const { context, customerComment } = input;
  const requester = context.requester.status === "present" ? context.requester.value : null;
  const organization = context.organization.status === "present" ? context.organization.value : null;
  const recent = context.recentTickets.status === "present" ? context.recentTickets.value : [];
  const words = customerComment.body.trim();
  return {
    reasons: input.reasons.map((code) => ({ code, text: reasonText(code) })),
    urgency: input.urgency,
    customerWants: words.length > CUSTOMER_WORDS_LIMIT ? `${words.slice(0, CUSTOMER_WORDS_LIMIT)}…` : words,
    customer: {
      name: requester?.name ?? null,
      verified: requester ? requester.verified : null,
      organization: organization?.name ?? null,
      tags: [...(requester?.tags ?? []), ...(organization?.tags ?? [])],
      customerSince: requester?.createdAt ?? null,
      recentTickets: recent
        .slice(0, 5)
        .map((t) => ({ id: t.id, subject: t.subject, status: t.status, url: input.ticketUrl(t.id) })),
    },
    facts: [
      `Ticket #${context.ticket.id}: "${context.ticket.subject}" ` +
        `(${context.ticket.status}, via ${context.ticket.channel ?? "unknown channel"})`,
      ...(input.facts ?? []),
    ],
    sourcesChecked: [],
    actionsAttempted: [],
    sentimentTrend: null,
    suggestedNextStep: input.suggestedNextStep,
    missing: context.missing,
  };
}
