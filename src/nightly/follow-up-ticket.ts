import type { Settings } from "../config/settings-schema.ts";
import type { InFlightJob, TicketState } from "../domain/ticket-state.ts";
import type { TicketWrites } from "../domain/plan.ts";
import { customerLocale } from "../handoff/customer-locale.ts";
import { fixedMessage } from "../handoff/fixed-messages.ts";
import { followUpNote } from "../handoff/follow-up-note.ts";
import type { Logger } from "../lib/logger.ts";
import { autosendsTicket } from "../pipeline/autosends-ticket.ts";
import { executeWrites } from "../pipeline/execute-writes.ts";
import { raisedPriority } from "../policy/raised-priority.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { OpenTicket } from "../ports/open-tickets-ledger.ts";
import { readGuardedCategories } from "../state/guarded-categories.ts";
import type { StateStore, TicketLease } from "../state/state-store.ts";
import { humanRepliedSince } from "./human-replied-since.ts";

/** What the follow-up check did with one ticket (counted per run in the logs). */
export type FollowUpResult =
  | "sent"
  | "noted"
  | "not_waiting"
  | "not_due"
  | "already_followed_up"
  | "human_replied"
  | "paused"
  | "solved"
  | "busy"
  | "unknown_not_repeated";

export interface FollowUpDeps {
  helpdesk: Helpdesk;
  store: StateStore;
  settings: Settings;
  log: Logger;
  /** The run's clock: when the estimate counts as passed. */
  now: Date;
}

type Due = { kind: "due"; escalatedAt: string; dueAt: string; told: boolean } | { kind: FollowUpResult };

/**
 * Whether an escalation waits for a person past its estimate: the end of the wait the customer was told
 * (`lastHandoff.wait.expectedBy`, when it belongs to this escalation), else the escalation time plus
 * `follow_up_after_minutes`. At most one follow-up per escalation.
 */
export function followUpDue(state: TicketState, settings: Settings, now: Date): Due {
  const escalatedAt = state.awaitingHumanSince;
  if (!escalatedAt) return { kind: "not_waiting" };
  if (state.humanOwned) return { kind: "human_replied" };
  if (state.paused) return { kind: "paused" };
  if (state.followUp?.escalatedAt === escalatedAt && state.followUp.done) return { kind: "already_followed_up" };
  const told = state.lastHandoff?.wait?.expectedBy;
  const toldMs = told === undefined ? Number.NaN : Date.parse(told);
  const useTold = told !== undefined && !Number.isNaN(toldMs) && toldMs >= Date.parse(escalatedAt);
  const dueAt = useTold
    ? new Date(toldMs).toISOString()
    : new Date(Date.parse(escalatedAt) + settings.followUpAfterMinutes * 60_000).toISOString();
  if (now.getTime() <= Date.parse(dueAt)) return { kind: "not_due" };
  return { kind: "due", escalatedAt, dueAt, told: useTold };
}

/**
 * The follow-up on one escalation, under the ticket's lock: checked again against the state and the
 * helpdesk (solved, or a person replied publicly since: nothing is sent), then one in-flight job
 * (note with the priority one step up, the customer's update when the ticket autosends, the tag),
 * written through the pipeline's resumable writes. `followUp` is stored before the first write, so a
 * run after a crash resumes its own job and never starts a second one.
 */
export async function followUpTicket(
  deps: FollowUpDeps,
  ticket: OpenTicket,
  lease: TicketLease,
): Promise<FollowUpResult> {
  const { helpdesk, store, settings, log, now } = deps;
  const id = ticket.ticketId;
  let state = await store.getTicketState(id);
  const due = followUpDue(state, settings, now);
  if (due.kind !== "due") return due.kind;
  const jobId = `follow-up:${due.escalatedAt}`;
  const resuming = state.followUp?.escalatedAt === due.escalatedAt;
  if (resuming && state.inFlight?.jobId !== jobId) {
    // Started, but its job was replaced: whether it reached the customer is unknown, so it is not repeated.
    log.warn("follow-up outcome unknown: not repeated", { ticket_id: id, started_at: state.followUp?.at });
    await store.putTicketState(id, { ...state, followUp: { ...markerOf(state, due.escalatedAt), done: true } }, lease);
    return "unknown_not_repeated";
  }
  if (!resuming && state.inFlight) return "busy";

  const lifecycle = await helpdesk.ticketLifecycle(id);
  const closed =
    lifecycle.status === "solved" ? "solved" : humanRepliedSince(lifecycle, state) ? "human_replied" : null;
  if (closed) {
    const { inFlight: ours, ...others } = state;
    // A job of ours is over (nothing more is sent); a message job's writes stay for its own retry.
    const base: TicketState = resuming ? others : { ...others, ...(ours ? { inFlight: ours } : {}) };
    const owned = closed === "human_replied" && !state.humanOwned;
    const next: TicketState = {
      ...base,
      ...(owned ? { humanOwned: true, humanOwnedSince: now.toISOString() } : {}),
      ...(resuming ? { followUp: { ...markerOf(state, due.escalatedAt), done: true } } : {}),
    };
    await store.putTicketState(id, next, lease);
    return closed;
  }

  let job = state.inFlight;
  if (!resuming || !job?.writes) {
    const planned = await followUpWrites(deps, ticket, state, due);
    job = {
      jobId,
      stepsDone: [],
      writes: planned.writes,
      outcome: "skip",
      reasons: ["follow_up"],
    } satisfies InFlightJob;
    state = { ...state, followUp: { escalatedAt: due.escalatedAt, at: now.toISOString(), done: false }, inFlight: job };
    await store.putTicketState(id, state, lease);
  }
  const writes = job.writes ?? { addTags: [], removeTags: [] };
  const executed = await executeWrites({ helpdesk, store, lease, ticketId: id, jobId, writes, state });
  const { inFlight: _done, ...rest } = executed.state;
  const line = timingLine(writes, state.followUp?.at ?? now.toISOString());
  await store.putTicketState(
    id,
    {
      ...rest,
      followUp: { ...markerOf(executed.state, due.escalatedAt), done: true },
      ...(rest.lastHandoff
        ? { lastHandoff: { ...rest.lastHandoff, timing: [...(rest.lastHandoff.timing ?? []), line] } }
        : {}),
    },
    lease,
  );
  return writes.publicReply ? "sent" : "noted";
}

/** The follow-up's writes, from the ticket as it is now (its priority and the customer's language). */
async function followUpWrites(
  deps: FollowUpDeps,
  ticket: OpenTicket,
  state: TicketState,
  due: { dueAt: string; told: boolean },
): Promise<{ writes: TicketWrites }> {
  const { helpdesk, store, settings, log, now } = deps;
  const context = await helpdesk.getTicketContext(ticket.ticketId);
  const fallbacks = await readGuardedCategories(store, log);
  // The same rule as every public write: autosend, the assistant's arm, the rollout, the category.
  const toCustomer = autosendsTicket(settings, ticket.ticketId, {
    ...(state.arm ? { arm: state.arm } : {}),
    category: ticket.category,
    fallbacks,
  });
  const from = context.ticket.priority;
  const canWrite = helpdesk.writesPriority !== false;
  const to = raisedPriority(from);
  const raise = canWrite && to !== from;
  const why = canWrite ? "already urgent" : "this helpdesk's API cannot set it";
  const note = followUpNote({
    at: now.toISOString(),
    dueAt: due.dueAt,
    told: due.told,
    sentToCustomer: toCustomer,
    priority: raise ? { from, to } : { from, to: null, why },
  });
  // The customer's language: their latest public message's, else their locale's.
  const latest = context.comments.filter((c) => c.isPublic && c.authorId === context.ticket.requesterId).at(-1);
  const message = fixedMessage("follow_up", customerLocale(context, latest?.body), {}, settings);
  return {
    writes: {
      internalNote: { htmlBody: note },
      ...(raise ? { priority: to } : {}),
      ...(toCustomer ? { publicReply: { body: message, status: "open" as const } } : {}),
      addTags: [`${settings.tagPrefix}followed_up`],
      removeTags: [],
    },
  };
}

function markerOf(state: TicketState, escalatedAt: string): { escalatedAt: string; at: string } {
  return { escalatedAt, at: state.followUp?.at ?? escalatedAt };
}

/** The line the handoff (sidebar apps) keeps about the follow-up. */
function timingLine(writes: TicketWrites, at: string): string {
  const sent = writes.publicReply ? "Follow-up sent to the customer" : "Follow-up noted (nothing sent to the customer)";
  return `${sent} at ${at.slice(11, 16)} UTC${writes.priority ? `; priority raised to ${writes.priority}` : ""}.`;
}
