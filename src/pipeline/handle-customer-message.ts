import { outcomeTags } from "../handoff/outcome-tags.ts";
import type { AssistantIdentity } from "../domain/ticket.ts";
import type { Logger } from "../lib/logger.ts";
import type { TicketLease } from "../state/state-store.ts";
import { withOutcome, type InFlightJob, type TicketState } from "../domain/ticket-state.ts";
import { skipped, type EventResult } from "../domain/event-result.ts";
import { executeWrites } from "./execute-writes.ts";
import { followUpWhileEscalated } from "./follow-up-while-escalated.ts";
import { gatePlan } from "./gate-plan.ts";
import { decisionRecord } from "./decision-record.ts";
import { draftDecision, recordDecision, recordSkippedMessage } from "./record-decision.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import { recordConfirmation } from "./record-confirmation.ts";
import { selectCustomerMessage } from "./select-customer-message.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import { ticketLockTtlSeconds } from "./ticket-lock-ttl.ts";
import { stateAfterJob } from "./state-after-job.ts";
import { withHandoffNote } from "./with-handoff-note.ts";
import { shapeEscalation } from "./shape-escalation.ts";
import { ticketRollout, withArmTag } from "./ticket-rollout.ts";
import { readGuardedCategories } from "../state/guarded-categories.ts";
import { messageAttachments } from "./message-attachments.ts";

/**
 * One customer message, under the ticket's lock: load state and settings, read the context in one
 * wave, pick the message to handle, decide, render the handoff note, gate by mode, write, record.
 * Every write is fenced by the lock's lease: a job that lost the lock (it hung past the TTL and
 * another job took the ticket) throws TicketLockLostError before writing anything more.
 */
export async function handleCustomerMessage(
  event: SupportEvent,
  deps: PipelineDeps,
  me: AssistantIdentity,
  log: Logger,
  /** When the webhook was acknowledged (the queue message's `receivedAt`), for the ledger's latency. */
  receivedAt?: string,
): Promise<EventResult> {
  const { store, helpdesk } = deps;
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const settings = await deps.settings();
  return store.withTicketLock(
    event.ticketId,
    async (lease) => {
      const timings: Record<string, number> = {};
      let state = await store.getTicketState(event.ticketId);
      if (state.inFlight?.jobId === event.eventId && state.inFlight.writes) {
        log.info("resuming interrupted writes", { steps_done: state.inFlight.stepsDone });
        return finish(event, deps, lease, state, state.inFlight, timings, now(), { log, receivedAt });
      }

      // Every customer message leaves one ledger row, skips included (`reads`: helpdesk read requests).
      let reads = 0;
      const row = {
        requesterId: event.requesterId ?? null,
        commentId: event.comment?.id ?? null,
        arm: state.arm ?? null,
      };
      if (settings.mode === "off") {
        await recordSkippedMessage(event, deps, settings, log, {
          ...row,
          reasons: ["mode_off"],
          helpdeskReads: reads,
          decidedAt: now(),
        });
        return skipped("mode_off", timings);
      }

      let t = Date.now();
      // The knowledge search needs only the message: it starts now, in the same wave as the context read.
      const knowledgePrefetch = deps.prefetchKnowledge?.(event, settings, state) ?? null;
      const context = await helpdesk.getTicketContext(event.ticketId, {
        ...(event.requesterId ? { requesterId: event.requesterId } : {}),
        ...(event.organizationId ? { organizationId: event.organizationId } : {}),
      });
      timings.context = Date.now() - t;
      // The adapter counts its requests; one that does not report them counts as one read.
      reads += context.reads ?? 1;
      row.requesterId = context.ticket.requesterId || row.requesterId;
      if (context.missing.length) log.info("context incomplete", { missing: context.missing });

      if (state.awaitingHumanSince && !context.ticket.tags.includes(escalatedTag(settings.tagPrefix))) {
        // An agent removed the escalated tag: the ticket is handed back to the assistant.
        const { awaitingHumanSince: _handedBack, ...rest } = state;
        state = rest;
        log.info("escalated tag removed: handed back");
      }
      const selection = selectCustomerMessage(context, state, settings, me.id);
      if (selection.kind === "skip") {
        if (selection.humanOwned && !state.humanOwned) state = { ...state, humanOwned: true, humanOwnedSince: now() };
        state = withOutcome(state, { at: now(), eventId: event.eventId, outcome: "skip", reasons: [selection.reason] });
        const skip = { ...row, reasons: [selection.reason], helpdeskReads: reads, decidedAt: now() };
        await recordSkippedMessage(event, deps, settings, log, skip);
        await store.putTicketState(event.ticketId, state, lease);
        return skipped(selection.reason, timings);
      }
      if (selection.kind === "awaiting_human") {
        const followUp = followUpWhileEscalated({
          context,
          added: selection.added,
          state,
          settings,
          assistantId: me.id,
          now: deps.now?.() ?? new Date(),
        });
        const job: InFlightJob = {
          jobId: event.eventId,
          stepsDone: [],
          writes: followUp.writes,
          outcome: "skip",
          reasons: ["awaiting_human"],
          commentId: selection.comment.id,
          ...(followUp.handoff ? { handoff: followUp.handoff } : {}),
          decision: await draftDecision(event, settings, log, {
            ...row,
            outcome: "skip",
            reasons: ["awaiting_human"],
            commentId: selection.comment.id,
            message: selection.comment.body,
            helpdeskReads: reads,
            decidedAt: now(),
          }),
        };
        if (followUp.hardReasons.length)
          log.info("hard trigger while awaiting a person", { triggers: followUp.hardReasons });
        state = { ...state, inFlight: job };
        await store.putTicketState(event.ticketId, state, lease);
        const updatedStamp = context.ticket.updatedAt;
        return finish(event, deps, lease, state, job, timings, now(), { log, receivedAt, updatedStamp });
      }
      // "Thanks, that worked" after the assistant's answer: recorded as such, nothing to reply.
      const recordDecisionRow = () =>
        recordSkippedMessage(event, deps, settings, log, {
          ...row,
          reasons: ["customer_confirmed"],
          message: selection.comment.body,
          helpdeskReads: reads,
          decidedAt: now(),
        });
      const confirmation = { lease, state, context, comment: selection.comment, assistantId: me.id, at: now() };
      const confirmed = await recordConfirmation(event, deps, { ...confirmation, recordDecisionRow });
      if (confirmed) return confirmed;

      // The experiment arm: kept from the ticket's first decision, or assigned by this one.
      // The guard's fallbacks are read on every autosend message (in parallel with the rollout's reads), so
      // a category the stage guard fell back to draft drafts from the next message on (other modes never
      // autosend: no read).
      const [rollout, fallbacks] = await Promise.all([
        ticketRollout(state, settings, context.ticket, store, log),
        settings.mode === "autosend" ? readGuardedCategories(store, log) : undefined,
      ]);
      const scope = { arm: rollout.arm, readyCategories: rollout.readyCategories, ...(fallbacks ? { fallbacks } : {}) };
      const attachments = messageAttachments(selection.comment, rollout.settings, helpdesk, log);
      t = Date.now();
      // A canary ticket decides with the canary's settings (its models, thresholds, policy, prompt); the
      // mode, the gate and the writes stay the account's.
      const decided = await deps.decide({
        event,
        context,
        customerComment: selection.comment,
        state,
        settings: rollout.settings,
        ...(rollout.variant === "canary" ? { variant: "canary" as const } : {}),
        assistant: me,
        ticketUrl: (id) => helpdesk.ticketUrl(id),
        beforeWrite: () => lease.renew(),
        rollout: scope,
        ...(attachments ? { attachments } : {}),
        ...(knowledgePrefetch ? { knowledgePrefetch } : {}),
      });
      timings.decide = Date.now() - t;
      const shaped = await shapeEscalation(decided, {
        ...{ event, context, customerComment: selection.comment, state, settings: rollout.settings },
        ...{ helpdesk, store, ledger: deps.ledger, now: deps.now?.() ?? new Date(), log },
        ...(deps.onCall ? { onCall: deps.onCall } : {}),
      });
      const plan = withHandoffNote(shaped, (handoff) => helpdesk.renderHandoffNote(handoff));

      const gated = gatePlan({ plan, settings, ticketId: event.ticketId, humanOwned: false, rollout: scope });
      const writes = withArmTag(gated, rollout, settings);
      const job: InFlightJob = {
        jobId: event.eventId,
        stepsDone: [],
        writes,
        outcome: plan.outcome,
        reasons: plan.reasons,
        commentId: selection.comment.id,
        ...(plan.sourceIds ? { sourceIds: plan.sourceIds } : {}),
        ...(plan.modelCalls !== undefined ? { modelCalls: plan.modelCalls } : {}),
        ...(plan.handoff ? { handoff: plan.handoff } : {}),
        ...(plan.dataNotice ? { dataNotice: true } : {}),
        // A real escalation (not a shadow description of one, nor a control ticket's silent one) hands
        // the ticket to a person.
        ...(plan.outcome === "escalate" && settings.mode !== "shadow" && rollout.arm !== "control"
          ? { awaitHuman: true }
          : {}),
        decision: await draftDecision(event, rollout.settings, log, {
          ...row,
          outcome: plan.outcome,
          reasons: plan.reasons,
          commentId: selection.comment.id,
          message: selection.comment.body,
          helpdeskReads: reads,
          decidedAt: now(),
          plan,
          arm: rollout.arm,
          variant: rollout.variant,
        }),
      };
      // The arm and canary membership are stored with the job, so a retry of this decision keeps them
      // and writes the same tag.
      state = { ...state, arm: rollout.arm, variant: rollout.member, inFlight: job };
      await store.putTicketState(event.ticketId, state, lease);
      return finish(event, deps, lease, state, job, timings, now(), {
        log,
        receivedAt,
        updatedStamp: context.ticket.updatedAt,
      });
    },
    { ttlSeconds: ticketLockTtlSeconds(settings), owner: event.eventId },
  );
}

async function finish(
  event: SupportEvent,
  deps: PipelineDeps,
  lease: TicketLease,
  state: TicketState,
  job: InFlightJob,
  timings: Record<string, number>,
  at: string,
  ledger: { log: Logger; receivedAt: string | undefined; updatedStamp?: string },
): Promise<EventResult> {
  const writes = job.writes ?? { addTags: [], removeTags: [] };
  const t = Date.now();
  const executed = await executeWrites({
    helpdesk: deps.helpdesk,
    store: deps.store,
    lease,
    ticketId: event.ticketId,
    jobId: job.jobId,
    writes,
    state,
    ...(ledger.updatedStamp ? { updatedStamp: ledger.updatedStamp } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  timings.act = Date.now() - t;
  const outcome = job.outcome ?? "escalate";
  const reasons = job.reasons ?? [];
  // The row is recorded after the writes and before the job is cleared: a job stopped in between is
  // retried, finds its writes done and records the same draft (the ledger ignores a second insert).
  const counted = executed.state.inFlight ?? job;
  const draft =
    job.decision ??
    // A job stored before drafts existed: its row from what the job remembers.
    (await draftDecision(event, await deps.settings(), ledger.log, {
      outcome,
      reasons,
      commentId: job.commentId ?? null,
      requesterId: event.requesterId ?? null,
      helpdeskReads: 0,
      decidedAt: at,
    }));
  const done = {
    helpdeskWrites: counted.helpdeskWrites ?? executed.result.writes,
    firstWriteAt: counted.firstWriteAt ?? null,
    publicReply: writes.publicReply !== undefined,
    handoff: job.handoff ?? null,
  };
  await recordDecision(deps, decisionRecord(draft, done, ledger.receivedAt), ledger.log);
  const next = stateAfterJob(executed.state, job, {
    ...{ writes, outcome, reasons, at },
    ...{ eventId: event.eventId, occurredAt: event.occurredAt },
  });
  await deps.store.putTicketState(event.ticketId, next, lease);
  return {
    outcome,
    reasons,
    writes: executed.result.writes,
    timings,
    ...(job.modelCalls !== undefined ? { modelCalls: job.modelCalls } : {}),
  };
}

/** The tag every escalation writes (`<prefix>escalated`); an agent removes it to hand the ticket back. */
function escalatedTag(prefix: string): string {
  return outcomeTags({ outcome: "escalate", reasons: [] }, prefix)[0] ?? `${prefix}escalated`;
}
