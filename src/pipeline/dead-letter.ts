import type { Settings } from "../config/settings-schema.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import { escapeHtml } from "../lib/escape-html.ts";
import type { Logger } from "../lib/logger.ts";
import type { EventResult } from "../domain/event-result.ts";
import type { SupportEvent } from "../domain/support-event.ts";

/**
 * An event that failed every retry becomes a handoff, not silence: an internal note telling agents
 * the customer's message was not handled, the escalation tags, and the fallback group. Events that were
 * not customer messages (status changes, agents' or the assistant's own comments) need nothing.
 */
export async function handleDeadLetter(args: {
  event: SupportEvent;
  helpdesk: Helpdesk;
  settings: Settings;
  logger: Logger;
  attempts: number;
  lastError?: string;
}): Promise<EventResult> {
  const { event, helpdesk, settings } = args;
  const isCustomerMessage =
    event.kind === "ticket_created" || (event.comment?.isPublic === true && !event.comment.authorIsStaff);
  if (!isCustomerMessage || settings.mode === "off")
    return { outcome: "skip", reasons: ["dead_letter_ignored"], writes: 0, timings: {} };
  const prefix = settings.tagPrefix;
  const note =
    `<p><strong>Deskmate could not process this customer message</strong> after ${args.attempts} attempt(s)` +
    `${args.lastError ? ` (last error: <code>${escapeHtml(args.lastError)}</code>)` : ""}.</p>` +
    `<p>The customer has not been answered by Deskmate. Please read the ticket and reply.</p>`;
  const applied = await helpdesk.apply(event.ticketId, {
    internalNote: { htmlBody: note },
    addTags: [`${prefix}escalated`, `${prefix}reason_processing_failed`],
    removeTags: [],
    ...(settings.fallbackGroupId ? { groupId: settings.fallbackGroupId } : {}),
  });
  args.logger.warn("dead-lettered event handed to humans", {
    ticket_id: event.ticketId,
    event_id: event.eventId,
    attempts: args.attempts,
  });
  return { outcome: "escalate", reasons: ["processing_failed"], writes: applied.writes, timings: {} };
}
