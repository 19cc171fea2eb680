import type { Outcome, TicketWrites } from "../domain/plan.ts";
import { withOutcome, type InFlightJob, type TicketState } from "../domain/ticket-state.ts";
import { handlingSince } from "./handling-since.ts";

/** What a finished job did, as the ticket state records it. */
export interface FinishedJob {
  writes: TicketWrites;
  outcome: Outcome | "skip";
  reasons: string[];
  eventId: string;
  /** The event's own time (`lastEventAt`: older events arriving late are superseded). */
  occurredAt: string;
  /** When the job finished. */
  at: string;
}

/**
 * The ticket state after a job's writes are done: the job cleared, the handled comment, turns and
 * questions counted, the handoff and the wait for a person kept, and the outcome added to the history.
 */
export function stateAfterJob(state: TicketState, job: InFlightJob, done: FinishedJob): TicketState {
  const { writes, outcome, at } = done;
  const { inFlight: _done, handlingSince: _since, ...rest } = state;
  // The clock of `max_open_hours` starts at the first decision and stops when a person takes over.
  const since = outcome === "escalate" ? null : (handlingSince(state) ?? (outcome === "skip" ? null : at));
  return withOutcome(
    {
      ...rest,
      ...(since ? { handlingSince: since } : {}),
      ...(job.commentId ? { lastHandledCommentId: job.commentId } : {}),
      lastEventAt: done.occurredAt,
      aiTurns: rest.aiTurns + (writes.publicReply ? 1 : 0),
      ...(outcome === "ask" ? { asked: (rest.asked ?? 0) + 1 } : {}),
      ...(job.dataNotice && writes.publicReply ? { dataNoticeGiven: true } : {}),
      ...(job.handoff ? { lastHandoff: job.handoff } : {}),
      ...(job.awaitHuman && !rest.awaitingHumanSince ? { awaitingHumanSince: at } : {}),
    },
    {
      at,
      eventId: done.eventId,
      outcome,
      reasons: done.reasons,
      ...(job.sourceIds ? { sourceIds: job.sourceIds } : {}),
      ...(job.modelCalls !== undefined ? { modelCalls: job.modelCalls } : {}),
    },
  );
}
