import type { TicketState } from "../../domain/ticket-state.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { LogFields } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import type { RatingClick, RatingView } from "./render-rating-lines.ts";

export interface RatingDeps {
  ledger: Ledger | null;
  /** The workspace (the ledger's account) and the teammate who rates (Intercom's admin id). */
  target: { workspaceId: string; rater: string };
  /** Ids and outcome for the request's one log line. */
  trace: LogFields;
  now: () => Date;
}

const RECORDED = "Thanks — recorded.";
const NOT_IN_LEDGER = "This handoff is not in Deskmate's ledger, so the rating was not recorded.";
const NOT_RECORDED = "Your rating could not be recorded right now. Nothing was changed; try again.";

/** The event id of the conversation's latest escalation: the handoff the canvas shows. */
function latestEscalation(state: TicketState): string | null {
  return state.history.findLast((record) => record.outcome === "escalate")?.eventId ?? null;
}

/**
 * The rating section for a canvas: the teammate's current rating of the latest handoff. Null (no
 * section) when there is no ledger or no escalation. An unreadable ledger still shows the buttons:
 * the canvas must not fail because of it.
 */
export async function ratingView(deps: RatingDeps, state: TicketState): Promise<RatingView | null> {
  const eventId = latestEscalation(state);
  if (deps.ledger === null || eventId === null) return null;
  const account = { platform: "intercom" as const, account: deps.target.workspaceId };
  try {
    const rating = await deps.ledger.handoffRating(account, eventId, deps.target.rater);
    return { current: rating?.rating ?? null };
  } catch (cause) {
    const error = toDeskmateError(cause);
    Object.assign(deps.trace, { rating_read: "failed", error_code: error.code });
    return { current: null };
  }
}

/**
 * A rating button's click: opens a picker, or records the rating of the latest escalation for this
 * teammate (replacing theirs) and answers the section with "Thanks — recorded" and the rating.
 */
export async function rateLatestHandoff(
  deps: RatingDeps,
  state: TicketState,
  click: RatingClick,
): Promise<RatingView | null> {
  const eventId = latestEscalation(state);
  if (deps.ledger === null || eventId === null) {
    deps.trace.outcome = "no_handoff_to_rate";
    return null;
  }
  deps.trace.decision_event_id = eventId;
  if ("picker" in click) {
    deps.trace.outcome = `rating_picker_${click.picker}`;
    const view = await ratingView(deps, state);
    return { current: view?.current ?? null, picker: click.picker };
  }
  try {
    const result = await deps.ledger.rateHandoff({
      platform: "intercom",
      account: deps.target.workspaceId,
      decisionEventId: eventId,
      rating: click.rating,
      rater: deps.target.rater,
      ratedAt: deps.now().toISOString(),
    });
    Object.assign(deps.trace, { outcome: result === "recorded" ? "rated" : `rating_${result}`, rating: click.rating });
    if (result === "recorded") return { current: click.rating, notice: { text: RECORDED, style: "muted" } };
    return { current: null, notice: { text: NOT_IN_LEDGER, style: "error" } };
  } catch (cause) {
    const error = toDeskmateError(cause);
    Object.assign(deps.trace, { outcome: "rating_failed", error_code: error.code });
    const view = await ratingView(deps, state);
    return { current: view?.current ?? null, notice: { text: NOT_RECORDED, style: "error" } };
  }
}
