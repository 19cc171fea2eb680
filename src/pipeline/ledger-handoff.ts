import type { Handoff } from "../domain/handoff.ts";
import { replacePersonalData, scanPersonalData } from "../lib/personal-data.ts";

/** Longest excerpt of free text the ledger keeps (the customer's words, facts, the next step). */
const EXCERPT_CHARS = 160;

/**
 * The handoff as the ledger stores it: codes, urgency, sources, ids and statuses as they are; the free
 * text (the customer's words, facts, actions attempted, the next step) as short excerpts with cards,
 * ids, secrets, e-mails and phone numbers masked; the customer's name, organization and ticket
 * subjects left out. The note in the helpdesk keeps the full handoff; the ledger is for counting.
 */
export function ledgerHandoff(handoff: Handoff): Handoff {
  return {
    ...handoff,
    customerWants: excerpt(handoff.customerWants),
    customer: {
      ...handoff.customer,
      name: null,
      organization: null,
      recentTickets: handoff.customer.recentTickets.map((t) => ({ ...t, subject: "" })),
    },
    facts: handoff.facts.map(excerpt),
    actionsAttempted: handoff.actionsAttempted.map((a) => ({ action: excerpt(a.action), result: excerpt(a.result) })),
    suggestedNextStep: excerpt(handoff.suggestedNextStep),
  };
}

function excerpt(text: string): string {
  const masked = replacePersonalData(scanPersonalData(text), (match) => `[${match.kind}]`);
  return masked.length <= EXCERPT_CHARS ? masked : `${masked.slice(0, EXCERPT_CHARS - 1)}…`;
}
