import type { Settings } from "../config/settings-schema.ts";
import type { Plan } from "../domain/plan.ts";
import type { ReasonCode } from "../domain/reasons.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { AssistantIdentity, Comment, TicketContext } from "../domain/ticket.ts";
import { type InFlightJob, type TicketState, withOutcome } from "../domain/ticket-state.ts";
import type { Logger } from "../lib/logger.ts";
import { escalate } from "../pipeline/escalation-plan.ts";
import { executeWrites } from "../pipeline/execute-writes.ts";
import { gatePlan } from "../pipeline/gate-plan.ts";
import { handlingSince } from "../pipeline/handling-since.ts";
import { decisionRecord } from "../pipeline/decision-record.ts";
import { draftDecision } from "../pipeline/record-decision.ts";
import { isHumanAgentReply } from "../pipeline/select-customer-message.ts";
import { triageMessage } from "../pipeline/triage-message.ts";
import { withHandoffNote } from "../pipeline/with-handoff-note.ts";
import { groupForCategory } from "../policy/group-for-category.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import type { OpenTicket } from "../ports/open-tickets-ledger.ts";
import { readGuardedCategories } from "../state/guarded-categories.ts";
import type { StateStore, TicketLease } from "../state/state-store.ts";
import { isStaleTicket } from "../triage/is-stale-ticket.ts";
import { humanRepliedSince } from "./human-replied-since.ts";

export type StaleResult = "escalated" | "not_stale" | "busy" | "solved" | "human_replied" | "opted_out";

export interface StaleDeps {
  helpdesk: Helpdesk;
  store: StateStore;
  ledger: Ledger;
  account: LedgerAccount;
  settings: Settings;
  me: () => Promise<AssistantIdentity>;
  log: Logger;
  now: Date;
}

const REASONS: ReasonCode[] = ["stale_ticket"];

/**
 * When a ticket the assistant handles (not waiting for a person, not owned by one, not paused, not in
 * the control arm) started being handled, if that is longer ago than `max_open_hours`; else null.
 */
export function staleSince(state: TicketState, settings: Settings, now: Date): string | null {
  if (state.awaitingHumanSince || state.humanOwned || state.paused || state.arm === "control") return null;
  const since = handlingSince(state);
  return since !== null && isStaleTicket(since, now, settings.maxOpenHours) ? since : null;
}

/** The job id of a stale ticket's escalation: one per ticket and handling stretch, so it happens once. */
export function staleJobId(ticketId: string, since: string): string {
  return `stale:${ticketId}:${since}`;
}

/**
 * A ticket the assistant has handled past `max_open_hours` goes to a person from the cron, as a
 * message would: checked against the helpdesk (solved, or a person replied: nothing is written), then
 * a full handoff with reason `stale_ticket`, the category's group (the ledger's latest category), the
 * mode gate, the pipeline's resumable writes, one ledger row and the ticket state of an escalation.
 */
export async function escalateStaleTicket(
  deps: StaleDeps,
  ticket: OpenTicket,
  lease: TicketLease,
): Promise<StaleResult> {
  const { helpdesk, store, settings, now } = deps;
  const id = ticket.ticketId;
  let state = await store.getTicketState(id);
  const since = handlingSince(state);
  const jobId = since === null ? "" : staleJobId(id, since);
  if (state.inFlight && state.inFlight.jobId !== jobId) return "busy";
  let job = state.inFlight;
  if (!job) {
    if (since === null || staleSince(state, settings, now) === null) return "not_stale";
    const lifecycle = await helpdesk.ticketLifecycle(id);
    if (lifecycle.status === "solved") {
      const { handlingSince: _solved, ...rest } = state;
      await store.putTicketState(id, rest, lease);
      return "solved";
    }
    if (humanRepliedSince(lifecycle, state)) {
      await store.putTicketState(id, { ...state, humanOwned: true, humanOwnedSince: now.toISOString() }, lease);
      return "human_replied";
    }
    const context = await helpdesk.getTicketContext(id);
    // An agent opted the ticket out of the assistant after it started: it is not the assistant's to hand over.
    if (context.ticket.tags.includes(settings.optOutTag)) return "opted_out";
    job = await staleJob(deps, ticket, context, state, jobId, since);
    state = { ...state, inFlight: job };
    await store.putTicketState(id, state, lease);
  }
  const writes = job.writes ?? { addTags: [], removeTags: [] };
  const executed = await executeWrites({ helpdesk, store, lease, ticketId: id, jobId, writes, state });
  const counted = executed.state.inFlight ?? job;
  if (job.decision) {
    const done = {
      helpdeskWrites: counted.helpdeskWrites ?? executed.result.writes,
      firstWriteAt: counted.firstWriteAt ?? null,
      publicReply: writes.publicReply !== undefined,
      handoff: job.handoff ?? null,
    };
    // Before the job is cleared: a failure here leaves it in flight, and the next run records it once.
    await deps.ledger.recordDecision(decisionRecord(job.decision, done, undefined));
  }
  const { inFlight: _done, handlingSince: _handedOver, ...rest } = executed.state;
  const at = now.toISOString();
  const next = withOutcome(
    {
      ...rest,
      aiTurns: rest.aiTurns + (writes.publicReply ? 1 : 0),
      ...(job.handoff ? { lastHandoff: job.handoff } : {}),
      ...(job.awaitHuman && !rest.awaitingHumanSince ? { awaitingHumanSince: at } : {}),
    },
    { at, eventId: jobId, outcome: "escalate", reasons: [...REASONS] },
  );
  await store.putTicketState(id, next, lease);
  return "escalated";
}

/** The escalation plan, gated by mode, as an in-flight job with its ledger row drafted. */
async function staleJob(
  deps: StaleDeps,
  ticket: OpenTicket,
  context: TicketContext,
  state: TicketState,
  jobId: string,
  since: string,
): Promise<InFlightJob> {
  const { helpdesk, store, settings, log, now } = deps;
  const me = await deps.me();
  const comment = latestCustomerComment(context, me.id);
  const event: SupportEvent = {
    platform: deps.account.platform,
    accountId: deps.account.account,
    deliveryId: jobId,
    eventId: jobId,
    kind: "comment_added",
    ticketId: ticket.ticketId,
    occurredAt: now.toISOString(),
    source: "trigger",
    ...(context.ticket.requesterId ? { requesterId: context.ticket.requesterId } : {}),
  };
  const input = { event, context, customerComment: comment, state, settings, assistant: me };
  const triage = triageMessage(input, now);
  const facts = [
    `The assistant has handled this ticket since ${since}, more than ${settings.maxOpenHours} hours, without a ` +
      "resolution; handed over by the scheduled check.",
  ];
  const escalated = escalate({ ...input, ticketUrl: (t) => helpdesk.ticketUrl(t) }, triage, [...REASONS], {
    output: null,
    passages: [],
    modelCalls: 0,
    facts,
  });
  const category = ticket.category ?? triage.intentCategory;
  const groupId = groupForCategory(category, settings);
  const plan: Plan = withHandoffNote(
    {
      ...escalated,
      ...(groupId ? { groupId } : {}),
      facts: { category, confidence: null, usage: [], sources: [], knowledgeGap: false },
    },
    (handoff) => helpdesk.renderHandoffNote(handoff),
  );
  const fallbacks = await readGuardedCategories(store, log);
  const rollout = { ...(state.arm ? { arm: state.arm } : {}), fallbacks };
  const writes = gatePlan({ plan, settings, ticketId: ticket.ticketId, humanOwned: false, rollout });
  const decision = await draftDecision(event, settings, log, {
    outcome: "escalate",
    reasons: REASONS,
    commentId: comment.id || null,
    requesterId: context.ticket.requesterId || null,
    message: comment.body,
    helpdeskReads: context.reads ?? 1,
    decidedAt: now.toISOString(),
    plan,
    arm: state.arm ?? null,
  });
  return {
    jobId,
    stepsDone: [],
    writes,
    outcome: "escalate",
    reasons: [...REASONS],
    ...(comment.id ? { commentId: comment.id } : {}),
    modelCalls: 0,
    ...(plan.handoff ? { handoff: plan.handoff } : {}),
    // As on a message: a real escalation (not shadow's description of one) hands the ticket to a person.
    ...(settings.mode !== "shadow" ? { awaitHuman: true } : {}),
    decision,
  };
}

/** The customer's newest public comment (the handoff's "customer wants"); the subject when there is none. */
function latestCustomerComment(context: TicketContext, assistantId: string): Comment {
  const { ticket } = context;
  const latest = context.comments
    .filter(
      (c) =>
        c.isPublic &&
        c.authorId !== assistantId &&
        !isHumanAgentReply(c, ticket.requesterId, assistantId) &&
        (c.authorId === ticket.requesterId || c.authorRole === "end-user"),
    )
    .at(-1);
  return (
    latest ?? {
      id: "",
      authorId: ticket.requesterId,
      authorRole: "end-user",
      isPublic: true,
      body: ticket.subject,
      createdAt: ticket.createdAt,
    }
  );
}
