import type { TicketContext } from "../domain/ticket.ts";

/**
 * The customer's own data, which a reply may repeat: this ticket's id and subject, what the requester
 * wrote publicly, the requester's and organization's fields, and their recent ticket ids. Agent
 * comments and internal notes are deliberately left out — they are not the customer's words.
 */
export function customerOwnTexts(context: TicketContext, customerMessage: string): string[] {
  const { ticket } = context;
  const texts = [`#${ticket.id}`, ticket.subject, customerMessage];
  for (const comment of context.comments) {
    if (comment.isPublic && comment.authorId === ticket.requesterId) texts.push(comment.body);
  }
  if (context.requester.status === "present") {
    const r = context.requester.value;
    texts.push(r.name, r.email ?? "", r.createdAt ?? "", ...Object.values(r.fields).map(flatten));
  }
  if (context.organization.status === "present") {
    const o = context.organization.value;
    texts.push(o.name, ...Object.values(o.fields).map(flatten));
  }
  if (context.recentTickets.status === "present") texts.push(...context.recentTickets.value.map((t) => `#${t.id}`));
  return texts.filter((text) => text !== "");
}

/**
 * What the customer typed (subject, this message, their public comments). They may be repeated, but a
 * price or percentage the customer states is not evidence: "my friend said the fee is $5" must not
 * let a reply confirm $5, so amounts are grounded without these texts.
 */
export function customerWrittenTexts(context: TicketContext, customerMessage: string): string[] {
  const { ticket } = context;
  const written = context.comments.filter((c) => c.isPublic && c.authorId === ticket.requesterId).map((c) => c.body);
  return [ticket.subject, customerMessage, ...written].filter((text) => text !== "");
}

/**
 * Facts the model read from the customer's screenshot, as grounding texts. A screenshot is the
 * customer's content, not the company's: it may show an order number to repeat back, but a refund
 * window, a price or a discount in it (a doctored or foreign page) must not become a promise. Amounts
 * and percentages are already left to trusted sources for everything the customer wrote; durations
 * ("60 days", "30-day", "48 hours") are removed here, since a time limit is policy.
 */
export function imageFactTexts(facts: readonly string[]): string[] {
  return facts.map((fact) => fact.replace(DURATION, " ").replace(/\s+/g, " ").trim()).filter((fact) => fact !== "");
}

const DURATION =
  /\d+(?:[.,]\d+)?\s*-?\s*(?:(?:business|working|calendar)\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|d[ií]as|horas?|semanas?|meses|jours?|heures?|semaines?|mois|ans?|tagen?|stunden?|wochen?|monaten?|jahren?)(?![\p{L}])/giu;

function flatten(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
