import type { HandoffRatingValue } from "../../domain/review.ts";
import type { TicketState } from "../../domain/ticket-state.ts";
import { TicketLockedError, toDeskmateError } from "../../lib/errors.ts";
import type { LogFields } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";
import { applyInboxAction } from "../inbox-app/apply-inbox-action.ts";
import type { InboxAction } from "../inbox-app/render-inbox-canvas.ts";
import { latestEscalationId, type TicketSidebarView, ticketSidebarView } from "./ticket-sidebar-view.ts";

/** One agent on one ticket of the configured Zendesk account. */
export interface SidebarTarget {
  subdomain: string;
  ticketId: string;
  userId: string;
}

export interface SidebarApiDeps {
  store: StateStore;
  ledger: Ledger | null;
  trace: LogFields;
  now: Date;
}

const RECORDED = "Thanks — recorded.";
const NOT_ESCALATED = "Deskmate has not handed this ticket over, so there is no handoff to rate.";
const NOT_IN_LEDGER = "This handoff is not in Deskmate's ledger, so the rating was not recorded.";
const NOT_RECORDED = "Your rating could not be recorded right now. Nothing was changed; try again.";
const BUSY = "Deskmate is working on this ticket right now, so nothing was changed. Try again in a few seconds.";
/** The ledger's oldest instant: the ticket's last decision is wanted whenever it was made. */
const BEGINNING = "1970-01-01T00:00:00.000Z";

/** What the sidebar shows for the ticket: its state, the last decision in the ledger, the agent's rating. */
export async function readTicketSidebar(
  deps: SidebarApiDeps,
  target: SidebarTarget,
  state?: TicketState,
): Promise<TicketSidebarView> {
  const current = state ?? (await deps.store.getTicketState(target.ticketId));
  const decision = await lastDecision(deps, target);
  const escalation = latestEscalationId(current);
  let rating: { decisionEventId: string; current: HandoffRatingValue | null } | null = null;
  if (deps.ledger !== null && escalation !== null) {
    const account = { platform: "zendesk" as const, account: target.subdomain };
    try {
      const stored = await deps.ledger.handoffRating(account, escalation, target.userId);
      rating = { decisionEventId: escalation, current: stored?.rating ?? null };
    } catch (cause) {
      // The sidebar still shows the rating buttons: an unreadable ledger must not hide the ticket.
      Object.assign(deps.trace, { rating_read: "failed", error_code: toDeskmateError(cause).code });
      rating = { decisionEventId: escalation, current: null };
    }
  }
  return ticketSidebarView({ ticketId: target.ticketId, state: current, decision, rating });
}

/** Pause, resume or hand back under the ticket lock, as the Intercom inbox app's buttons do. */
export async function applySidebarAction(
  deps: SidebarApiDeps,
  target: SidebarTarget,
  action: InboxAction,
): Promise<TicketSidebarView> {
  deps.trace.action = action;
  let state: TicketState;
  try {
    state = await deps.store.withTicketLock(target.ticketId, async (lease) => {
      const before = await deps.store.getTicketState(target.ticketId);
      const after = applyInboxAction(before, action, deps.now);
      deps.trace.changed = JSON.stringify(after) !== JSON.stringify(before);
      if (deps.trace.changed) await deps.store.putTicketState(target.ticketId, after, lease);
      return after;
    });
  } catch (error) {
    if (!(error instanceof TicketLockedError)) throw error;
    deps.trace.outcome = "busy";
    return { ...(await readTicketSidebar(deps, target)), notice: { text: BUSY, style: "error" } };
  }
  deps.trace.outcome = "applied";
  return readTicketSidebar(deps, target, state);
}

/** Records the agent's rating of the ticket's latest handoff (replacing theirs) in the ledger. */
export async function rateSidebarHandoff(
  deps: SidebarApiDeps,
  target: SidebarTarget,
  rating: HandoffRatingValue,
): Promise<TicketSidebarView> {
  const state = await deps.store.getTicketState(target.ticketId);
  const eventId = latestEscalationId(state);
  if (deps.ledger === null || eventId === null) {
    deps.trace.outcome = "no_handoff_to_rate";
    return { ...(await readTicketSidebar(deps, target, state)), notice: { text: NOT_ESCALATED, style: "error" } };
  }
  deps.trace.decision_event_id = eventId;
  let notice: TicketSidebarView["notice"];
  try {
    const result = await deps.ledger.rateHandoff({
      platform: "zendesk",
      account: target.subdomain,
      decisionEventId: eventId,
      rating,
      rater: target.userId,
      ratedAt: deps.now.toISOString(),
    });
    Object.assign(deps.trace, { outcome: result === "recorded" ? "rated" : `rating_${result}`, rating });
    notice = result === "recorded" ? { text: RECORDED, style: "muted" } : { text: NOT_IN_LEDGER, style: "error" };
  } catch (cause) {
    Object.assign(deps.trace, { outcome: "rating_failed", error_code: toDeskmateError(cause).code });
    notice = { text: NOT_RECORDED, style: "error" };
  }
  return { ...(await readTicketSidebar(deps, target, state)), notice };
}

async function lastDecision(deps: SidebarApiDeps, target: SidebarTarget) {
  if (deps.ledger === null) return null;
  try {
    // Newest first; a few rows so the last real decision is found behind bookkeeping skips.
    const page = await deps.ledger.decisions({
      platform: "zendesk",
      account: target.subdomain,
      from: BEGINNING,
      to: new Date(deps.now.getTime() + 60_000).toISOString(),
      ticketIds: [target.ticketId],
      limit: 20,
    });
    return page.rows.find((row) => row.outcome !== "skip") ?? null;
  } catch (cause) {
    Object.assign(deps.trace, { decision_read: "failed", error_code: toDeskmateError(cause).code });
    return null;
  }
}
