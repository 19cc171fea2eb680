import { customerMessages } from "../agent/public-conversation.ts";
import type { Settings } from "../config/settings-schema.ts";
import { maskSensitiveInput } from "../guardrails/mask-sensitive-input.ts";
import { escapeHtml } from "../lib/escape-html.ts";
import type { Handoff } from "../domain/handoff.ts";
import { reasonText } from "../handoff/reason-text.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import { priorityForUrgency } from "../policy/priority-for-urgency.ts";
import type { TicketState } from "../domain/ticket-state.ts";
import { runTriage } from "../triage/run-triage.ts";
import type { HardReason } from "../domain/triage.ts";
import type { Priority } from "../domain/ticket.ts";
import type { TicketWrites } from "../domain/plan.ts";

const HARD: readonly HardReason[] = ["human_requested", "legal", "fraud", "security", "safety"];
const LEVELS: readonly Priority[] = ["low", "normal", "high", "urgent"];
/** The note quotes at most this many new messages (the newest), so it stays readable. */
const MAX_QUOTED = 5;

export interface FollowUp {
  writes: TicketWrites;
  /** Hard triggers that fired in the new messages (they raise the priority). */
  hardReasons: HardReason[];
  /** The last handoff with the new reasons and urgency, for the inbox app; absent when there was none. */
  handoff?: Handoff;
}

/**
 * The customer wrote again while the escalated ticket waits for a person ("hello? anyone?"). Nothing
 * public is written and no model is asked: the handoff gets one internal note with what the customer
 * added (masked like every note). Triage still runs (deterministic, free): a hard trigger in the new
 * message raises the priority one level, at least to that trigger's floor, and adds its reason tag.
 * In shadow mode the note is the only write, as for every shadow plan.
 */
export function followUpWhileEscalated(args: {
  context: TicketContext;
  added: Comment[];
  state: TicketState;
  settings: Settings;
  assistantId: string;
  now: Date;
}): FollowUp {
  const { context, added, state, settings } = args;
  const latest = added.at(-1);
  const triage = latest
    ? runTriage({
        message: latest.body,
        customerMessages: customerMessages(context, args.assistantId),
        assistantReplies: state.aiTurns,
        context,
        settings,
        now: args.now,
      })
    : null;
  const hardReasons = (triage?.reasons ?? []).filter((r): r is HardReason => (HARD as readonly string[]).includes(r));
  const current = context.ticket.priority;
  const target = hardReasons.length ? raisedPriority(current, hardReasons) : undefined;
  const raise = target !== undefined && LEVELS.indexOf(target) > LEVELS.indexOf(current ?? "low") ? target : undefined;

  const shadow = settings.mode === "shadow";
  const raised = shadow ? undefined : raise;
  const note = renderFollowUpNote(added.slice(-MAX_QUOTED), { reasons: hardReasons, raised, shadow });
  const writes: TicketWrites = {
    internalNote: { htmlBody: note },
    addTags: shadow ? [] : hardReasons.map((r) => `${settings.tagPrefix}reason_${r}`),
    removeTags: [],
    ...(raise && !shadow ? { priority: raise } : {}),
  };
  const handoff =
    state.lastHandoff && hardReasons.length ? updatedHandoff(state.lastHandoff, hardReasons, target) : undefined;
  return { writes, hardReasons, ...(handoff ? { handoff } : {}) };
}

/** One level above the current priority, and at least the floor of every reason (safety: urgent). */
function raisedPriority(current: Priority | null, reasons: readonly string[]): Priority {
  const index = LEVELS.indexOf(current ?? "normal");
  return priorityForUrgency(LEVELS[Math.min(index + 1, LEVELS.length - 1)] ?? "high", reasons);
}

function updatedHandoff(handoff: Handoff, reasons: readonly HardReason[], urgency: Priority | undefined): Handoff {
  const known = new Set(handoff.reasons.map((r) => r.code));
  const added = reasons.filter((r) => !known.has(r)).map((code) => ({ code, text: reasonText(code) }));
  const higher = urgency !== undefined && LEVELS.indexOf(urgency) > LEVELS.indexOf(handoff.urgency);
  return { ...handoff, reasons: [...handoff.reasons, ...added], ...(higher ? { urgency } : {}) };
}

function renderFollowUpNote(
  added: Comment[],
  { reasons, raised, shadow }: { reasons: readonly HardReason[]; raised: Priority | undefined; shadow: boolean },
): string {
  const heading = shadow
    ? "<p><strong>Deskmate shadow mode</strong> — nothing was sent or changed. " +
      "The customer wrote again while this ticket waits for a person:</p>"
    : "<p><strong>Deskmate: the customer wrote again while this ticket waits for a person.</strong> " +
      "No reply was sent; the ticket stays with your team.</p>";
  const quotes = added
    .map((c) => `<blockquote>${escapeHtml(maskSensitiveInput(c.body)).replace(/\n/g, "<br>")}</blockquote>`)
    .join("");
  const triggers = reasons.length
    ? `<p><strong>New in this message:</strong> ${reasons.map((r) => escapeHtml(reasonText(r))).join(" ")}` +
      `${raised ? ` Urgency raised to ${raised}.` : ""}</p>`
    : "";
  return `${heading}${quotes}${triggers}`;
}
