import type { Settings } from "../config/settings-schema.ts";
import type { DecisionDraft } from "../domain/decision-draft.ts";
import type { EventResult } from "../domain/event-result.ts";
import type { DecisionRecord } from "../domain/ledger.ts";
import type { Outcome, Plan } from "../domain/plan.ts";
import type { QueueMessageBody } from "../domain/queue-message.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { Arm } from "../domain/ticket-state.ts";
import type { Variant } from "../domain/canary.ts";
import { DeskmateError } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { decisionFingerprint } from "./decision-fingerprint.ts";
import { decisionDraft, decisionRecord } from "./decision-record.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

/**
 * Stores one decision row. Idempotent (the ledger keeps the first row of an event id), so a retried
 * job records once. A failed write throws a retryable error: the queue retries the event, and the
 * in-flight job (still in the ticket state, its writes marked done) makes the retry write the row
 * without repeating a helpdesk write. Without a ledger (no LEDGER binding) nothing is recorded.
 */
export async function recordDecision(deps: PipelineDeps, row: DecisionRecord, log: Logger): Promise<void> {
  if (!deps.ledger) return;
  const started = Date.now();
  try {
    const stored = await deps.ledger.recordDecision(row);
    log.debug("decision recorded", { outcome: row.outcome, stored, ledger_ms: Date.now() - started });
  } catch (cause) {
    throw new DeskmateError("ledger_unavailable", "the outcome ledger refused the decision row; retrying the event", {
      status: 503,
      retryable: true,
      cause,
    });
  }
}

/** What the caller knows of a decision; the rest (account, fingerprint, cost) is filled in here. */
export interface DecisionFields {
  outcome: Outcome | "skip";
  reasons: readonly string[];
  commentId: string | null;
  requesterId: string | null;
  helpdeskReads: number;
  decidedAt: string;
  /** The body of the customer comment decided on; absent when no message was read. */
  message?: string;
  /** The ticket's experiment arm, when one is fixed (TicketState.arm). */
  arm?: Arm | null;
  /** Which configuration decided (the ticket's rollout); absent on skips. */
  variant?: Variant;
  plan?: Plan;
}

/** The row draft of one customer-message event under these settings. */
export async function draftDecision(
  event: SupportEvent,
  settings: Settings,
  log: Logger,
  fields: DecisionFields,
): Promise<DecisionDraft> {
  return decisionDraft({
    ...fields,
    event,
    account: event.accountId,
    settings,
    fingerprint: await decisionFingerprint(settings),
    logger: log,
  });
}

/** A customer message the assistant skipped (wrote nothing for): its row, recorded at once. */
export async function recordSkippedMessage(
  event: SupportEvent,
  deps: PipelineDeps,
  settings: Settings,
  log: Logger,
  fields: Omit<DecisionFields, "outcome">,
): Promise<void> {
  const draft = await draftDecision(event, settings, log, { ...fields, outcome: "skip" });
  const none = { helpdeskWrites: 0, firstWriteAt: null, publicReply: false, handoff: null };
  await recordDecision(deps, decisionRecord(draft, none, undefined), log);
}

/**
 * A customer message handed to humans after failing (the dead-letter note): its row, outcome
 * `escalate` with the dead-letter reason. Best effort: the dead-letter path has no retry left that
 * would not repeat its note, so a ledger failure here is logged, not thrown.
 */
export async function recordHandedOver(
  body: QueueMessageBody,
  deps: PipelineDeps,
  settings: Settings,
  result: EventResult,
): Promise<void> {
  const { event } = body;
  if (result.outcome !== "escalate") return;
  const log = deps.logger.child({ event_id: event.eventId, ticket_id: event.ticketId });
  const at = (deps.now?.() ?? new Date()).toISOString();
  try {
    const draft = await draftDecision(event, settings, log, {
      outcome: "escalate",
      reasons: result.reasons,
      commentId: event.comment?.id ?? null,
      requesterId: event.requesterId ?? null,
      helpdeskReads: 0,
      decidedAt: at,
    });
    const done = { helpdeskWrites: result.writes, firstWriteAt: result.writes > 0 ? at : null, publicReply: false };
    await recordDecision(deps, decisionRecord(draft, { ...done, handoff: null }, body.receivedAt), log);
  } catch (error) {
    log.warn("dead-lettered message not recorded in the ledger", { error });
  }
}
