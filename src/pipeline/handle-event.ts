import { HelpdeskError } from "../lib/errors.ts";
import type { AssistantIdentity } from "../domain/ticket.ts";
import type { Logger } from "../lib/logger.ts";
import { withOutcome, type TicketState } from "../domain/ticket-state.ts";
import { classifyEvent } from "./classify-event.ts";
import { skipped, type EventResult } from "../domain/event-result.ts";
import { handleCustomerMessage } from "./handle-customer-message.ts";
import { recordSkippedMessage } from "./record-decision.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import { recordLifecycle } from "./record-lifecycle.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { SkipReason } from "../domain/reasons.ts";

/**
 * Orchestrates one event on the queue side. Throws only when a retry can help (lock held, helpdesk or
 * store unavailable); the queue consumer decides about retries and dead-lettering.
 */
export async function handleEvent(
  event: SupportEvent,
  deps: PipelineDeps,
  /** `receivedAt`: when the webhook was acknowledged (the queue message's), for the ledger's latency. */
  options: { receivedAt?: string } = {},
): Promise<EventResult> {
  const started = Date.now();
  const log = deps.logger.child({
    delivery_id: event.deliveryId,
    event_id: event.eventId,
    ticket_id: event.ticketId,
    event_kind: event.kind,
  });
  const me = await deps.helpdesk.whoAmI();
  let result: EventResult;
  try {
    result = await route(event, deps, me, log, options.receivedAt);
  } catch (error) {
    // A ticket that no longer exists (deleted, or merged away) will not appear by retrying.
    if (error instanceof HelpdeskError && error.status === 404) {
      result = skipped("ticket_not_found");
      await recordVanishedTicket(event, deps, me, log);
    } else throw error;
  }
  await recordLifecycle(event, me.id, result, deps);
  result.timings.total = Date.now() - started;
  log.info("event handled", {
    outcome: result.outcome,
    reasons: result.reasons,
    writes: result.writes,
    model_calls: result.modelCalls ?? 0,
    timings: result.timings,
    ...queuedFor(started, options.receivedAt),
  });
  await countOutcome(deps, result, log);
  return result;
}

async function route(
  event: SupportEvent,
  deps: PipelineDeps,
  me: AssistantIdentity,
  log: Logger,
  receivedAt: string | undefined,
): Promise<EventResult> {
  const kind = classifyEvent(event, me.id);
  switch (kind.kind) {
    case "skip":
      return skipped(kind.reason);
    case "agent_public_comment":
    case "assigned_to_human":
      return markHumanOwned(event, deps);
    case "record":
      return skipped(kind.reason);
    case "status_change":
      if (kind.reopened) return tagReopened(event, deps);
      return kind.solved ? endWaitForHuman(event, deps) : skipped("status_changed");
    case "customer_message":
      return handleCustomerMessage(event, deps, me, log, receivedAt);
  }
}

/** A human agent answered publicly: from now on the assistant writes nothing public on this ticket. */
async function markHumanOwned(event: SupportEvent, deps: PipelineDeps): Promise<EventResult> {
  const { store } = deps;
  return store.withTicketLock(event.ticketId, async (lease) => {
    const state = await store.getTicketState(event.ticketId);
    if (!state.humanOwned) {
      const at = (deps.now?.() ?? new Date()).toISOString();
      await store.putTicketState(
        event.ticketId,
        record({ ...state, humanOwned: true, humanOwnedSince: at }, event, "human_owned", at),
        lease,
      );
    }
    return skipped("human_owned");
  });
}

/**
 * The ticket was solved: an escalation's wait for a person is over, so a later message (the ticket
 * reopened as a new issue) is handled again.
 */
async function endWaitForHuman(event: SupportEvent, deps: PipelineDeps): Promise<EventResult> {
  const { store } = deps;
  const before = await store.getTicketState(event.ticketId);
  // Solved also stops the clock of `max_open_hours`: a reopened ticket is a new issue.
  if (!before.awaitingHumanSince && !before.handlingSince) return skipped("status_changed");
  return store.withTicketLock(event.ticketId, async (lease) => {
    const { awaitingHumanSince: _ended, handlingSince: _solved, ...state } = await store.getTicketState(event.ticketId);
    const at = (deps.now?.() ?? new Date()).toISOString();
    await store.putTicketState(event.ticketId, record(state, event, "status_changed", at), lease);
    return skipped("status_changed");
  });
}

/** A ticket the assistant worked on came back (solved → open): tag it so reporting can count reopens. */
async function tagReopened(event: SupportEvent, deps: PipelineDeps): Promise<EventResult> {
  const { store, helpdesk } = deps;
  return store.withTicketLock(event.ticketId, async (lease) => {
    // Reopened as a new issue: an escalation's wait for a person is over.
    const { awaitingHumanSince: waited, ...state } = await store.getTicketState(event.ticketId);
    const settings = await deps.settings();
    const handledBefore = state.history.some((h) => h.outcome !== "skip");
    if (!handledBefore || settings.mode === "off" || settings.mode === "shadow") {
      if (waited) await store.putTicketState(event.ticketId, state, lease);
      return skipped("status_changed");
    }
    await lease.renew();
    const applied = await helpdesk.apply(event.ticketId, {
      addTags: [`${settings.tagPrefix}reopened`],
      removeTags: [],
    });
    const at = (deps.now?.() ?? new Date()).toISOString();
    await store.putTicketState(event.ticketId, record(state, event, "reopened", at), lease);
    return skipped("reopened", {}, applied.writes);
  });
}

function record(state: TicketState, event: SupportEvent, reason: SkipReason, at: string): TicketState {
  return withOutcome(
    { ...state, lastEventAt: event.occurredAt },
    { at, eventId: event.eventId, outcome: "skip", reasons: [reason] },
  );
}

/** A customer message on a ticket that is gone still gets its one ledger row (a skip). */
async function recordVanishedTicket(event: SupportEvent, deps: PipelineDeps, me: AssistantIdentity, log: Logger) {
  if (classifyEvent(event, me.id).kind !== "customer_message") return;
  await recordSkippedMessage(event, deps, await deps.settings(), log, {
    reasons: ["ticket_not_found"],
    commentId: event.comment?.id ?? null,
    requesterId: event.requesterId ?? null,
    helpdeskReads: 0,
    decidedAt: (deps.now?.() ?? new Date()).toISOString(),
  });
}

async function countOutcome(deps: PipelineDeps, result: EventResult, log: Logger): Promise<void> {
  const names = [`outcome:${result.outcome}`, ...result.reasons.map((r) => `reason:${r}`)];
  try {
    await Promise.all(names.map((name) => deps.store.incrementCounter(name)));
  } catch (error) {
    // Counters are for reporting; losing one must not redo (and so repeat) the event's writes.
    log.warn("counter update failed", { error });
  }
}

/** How long the event waited between the acknowledgement and its handling: the queue's part of the customer's wait. */
function queuedFor(started: number, receivedAt: string | undefined): { queued_ms?: number } {
  const acknowledged = receivedAt === undefined ? Number.NaN : Date.parse(receivedAt);
  return Number.isFinite(acknowledged) ? { queued_ms: Math.max(0, started - acknowledged) } : {};
}
