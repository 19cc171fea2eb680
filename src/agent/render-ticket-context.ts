import type { Piece, TicketContext } from "../domain/ticket.ts";
import { untrustedLine } from "./untrusted-text.ts";

/**
 * The ticket and customer sections of the decision prompt. Deliberately left out: email addresses,
 * custom user and organization fields (they may hold internal notes or scores), organization notes,
 * and every comment (the public conversation comes from ModelInput.conversation).
 */
export function renderTicketSection(context: TicketContext): string {
  const { ticket } = context;
  const lines = [
    `id: ${untrustedLine(ticket.id)}`,
    `subject: ${untrustedLine(ticket.subject) || "(none)"}`,
    `channel: ${untrustedLine(ticket.channel ?? "unknown")}`,
    `status: ${ticket.status}`,
    `created: ${untrustedLine(ticket.createdAt)}`,
  ];
  return `<ticket>\n${lines.join("\n")}\n</ticket>`;
}

export function renderCustomerSection(context: TicketContext): string {
  const lines: string[] = [];
  const { requester, organization, recentTickets } = context;
  if (requester.status === "present") {
    const r = requester.value;
    lines.push(
      `name: ${untrustedLine(r.name) || "unknown"}`,
      `verified: ${r.verified ? "yes" : "no"}`,
      `customer since: ${r.createdAt ? untrustedLine(r.createdAt) : "unknown"}`,
      `tags: ${list(r.tags)}`,
    );
  } else {
    lines.push(`name: unknown (${missing(requester)})`);
  }
  if (organization.status === "present") {
    lines.push(`organization: ${untrustedLine(organization.value.name)} (tags: ${list(organization.value.tags)})`);
  } else {
    lines.push(
      organization.reason === "not_set" ? "organization: none" : `organization: unknown (${missing(organization)})`,
    );
  }
  if (recentTickets.status === "present") {
    const tickets = recentTickets.value;
    lines.push(`other tickets in the last 30 days: ${tickets.length === 0 ? "none" : ""}`.trimEnd());
    for (const t of tickets.slice(0, 10)) {
      lines.push(
        `- #${untrustedLine(t.id)} "${untrustedLine(t.subject, 150)}" ` +
          `(${untrustedLine(t.status)}, created ${untrustedLine(t.createdAt)})`,
      );
    }
  } else {
    lines.push(`other tickets in the last 30 days: unknown (${missing(recentTickets)})`);
  }
  return `<customer>\n${lines.join("\n")}\n</customer>`;
}

function list(items: readonly string[]): string {
  return items.length === 0
    ? "none"
    : items
        .slice(0, 30)
        .map((item) => untrustedLine(item, 80))
        .join(", ");
}

function missing(piece: Piece<unknown>): string {
  return piece.status === "missing" ? `not loaded: ${piece.reason}` : "";
}
