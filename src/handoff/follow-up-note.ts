import { escapeHtml } from "../lib/escape-html.ts";
import type { Priority } from "../domain/ticket.ts";

export interface FollowUpNoteInput {
  /** When the follow-up was sent (ISO-8601). */
  at: string;
  /** The estimate it was due after (ISO-8601), and whether the customer was told it. */
  dueAt: string;
  told: boolean;
  /** The customer got the update (autosend); false: the note alone (draft, or a category not autosent). */
  sentToCustomer: boolean;
  /** The priority before and after; `to` null: unchanged (already urgent, or the helpdesk cannot set it). */
  priority: { from: Priority | null; to: Priority | null; why?: string };
}

/**
 * The internal note that records a follow-up on an escalation still waiting for a person: "Follow-up
 * sent to the customer at 14:05 UTC, 35 min past the estimate; priority raised normal → high".
 */
export function followUpNote(input: FollowUpNoteInput): string {
  const late = Math.max(0, Math.round((Date.parse(input.at) - Date.parse(input.dueAt)) / 60_000));
  const estimate = input.told ? "the wait the customer was told" : "the follow-up estimate";
  const what = input.sentToCustomer
    ? `Follow-up sent to the customer at ${utcTime(input.at)}`
    : `Still waiting for a person at ${utcTime(input.at)} (no message sent to the customer: this ticket is not autosent)`;
  const priority =
    input.priority.to === null
      ? `priority unchanged (${input.priority.from ?? "none"}${input.priority.why ? `: ${input.priority.why}` : ""})`
      : `priority raised ${input.priority.from ?? "none"} → ${input.priority.to}`;
  return (
    `<p><strong>Deskmate follow-up</strong>: ${escapeHtml(what)}, ${duration(late)} past ${estimate}; ` +
    `${escapeHtml(priority)}.</p><p>Please reply to the customer.</p>`
  );
}

function utcTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 16)} UTC`;
}

function duration(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
