import type { Settings } from "../config/settings-schema.ts";
import { escapeHtml } from "../lib/escape-html.ts";
import type { Plan, TicketWrites } from "../domain/plan.ts";
import { type AutosendScope, type AutosendSettings, autosendsTicket } from "./autosends-ticket.ts";

export interface GateInput {
  plan: Plan;
  settings: AutosendSettings & Pick<Settings, "tagPrefix">;
  ticketId: string;
  /** A human agent has replied publicly: nothing customer-facing may be written. */
  humanOwned: boolean;
  /** The ticket's arm, the ready categories and the guard's fallbacks (the plan supplies its category). */
  rollout?: Omit<AutosendScope, "category">;
}

/**
 * The mode decides what of a plan reaches the helpdesk:
 * - off: nothing;
 * - shadow: one internal note describing the plan, plus the `<prefix>shadow` tag;
 * - draft: customer-facing text becomes an internal "suggested reply" note (`<prefix>draft` tag);
 *   an escalation's warm message is dropped, since the agent who takes over writes their own;
 * - autosend: everything, for tickets inside the rollout percentage; others are treated as draft.
 * Human-owned tickets and plans marked `forceDraft` never get a public write, whatever the mode.
 * A ticket in the experiment's control arm gets nothing in any mode: humans alone handle it (the
 * caller adds the arm tag). A plan of a category the stage guard fell back to draft is drafted.
 */
export function gatePlan({ plan, settings, ticketId, humanOwned, rollout = {} }: GateInput): TicketWrites {
  const prefix = settings.tagPrefix;
  if (settings.mode === "off" || rollout.arm === "control") return { addTags: [], removeTags: [] };
  if (settings.mode === "shadow") {
    return { internalNote: { htmlBody: renderShadowNote(plan) }, addTags: [`${prefix}shadow`], removeTags: [] };
  }

  const autosend =
    !humanOwned &&
    plan.forceDraft !== true &&
    autosendsTicket(settings, ticketId, {
      ...rollout,
      category: plan.facts?.category ?? null,
    });
  const base: TicketWrites = {
    addTags: unique(plan.addTags),
    removeTags: plan.removeTags.filter((tag) => !plan.addTags.includes(tag)),
    ...(plan.groupId === undefined ? {} : { groupId: plan.groupId }),
    ...(plan.assigneeId === undefined ? {} : { assigneeId: plan.assigneeId }),
    ...(plan.priority === undefined ? {} : { priority: plan.priority }),
  };
  const message = plan.customerMessage?.trim();

  if (autosend) {
    return {
      ...base,
      ...(plan.internalNote === undefined ? {} : { internalNote: { htmlBody: plan.internalNote } }),
      ...(message ? { publicReply: { body: message, status: plan.status ?? "pending" } } : {}),
    };
  }

  const suggestion = message && plan.outcome !== "escalate" ? renderSuggestedReply(message) : undefined;
  const note = [plan.internalNote, suggestion].filter((part): part is string => part !== undefined).join("<hr>");
  return {
    ...base,
    addTags: unique([...base.addTags, `${prefix}draft`]),
    ...(note ? { internalNote: { htmlBody: note } } : {}),
  };
}

function renderSuggestedReply(message: string): string {
  return (
    "<p><strong>Deskmate suggested reply</strong> (not sent — review, edit and send it yourself):</p>" +
    `<blockquote>${escapeHtml(message).replace(/\n/g, "<br>")}</blockquote>`
  );
}

function renderShadowNote(plan: Plan): string {
  const rows: Array<[string, string]> = [
    ["Outcome", plan.outcome],
    ["Reasons", plan.reasons.join(", ") || "—"],
    ["Tags it would add", plan.addTags.join(", ") || "—"],
    ["Group", plan.groupId ?? "unchanged"],
    ...(plan.assigneeId === undefined ? [] : [["Assignee", plan.assigneeId] as [string, string]]),
    ["Priority", plan.priority ?? "unchanged"],
  ];
  const items = rows.map(([k, v]) => `<li><strong>${k}:</strong> ${escapeHtml(v)}</li>`).join("");
  const message = plan.customerMessage
    ? `<p>Message it would send:</p><blockquote>${escapeHtml(plan.customerMessage).replace(/\n/g, "<br>")}</blockquote>`
    : "";
  const handoff = plan.internalNote ? `<hr>${plan.internalNote}` : "";
  return (
    "<p><strong>Deskmate shadow mode</strong> — nothing was sent or changed. It would have done this:</p>" +
    `<ul>${items}</ul>${message}${handoff}`
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
