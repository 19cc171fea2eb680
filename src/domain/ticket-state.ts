import type { DecisionDraft } from "./decision-draft.ts";
import type { Handoff } from "./handoff.ts";
import type { Variant } from "./canary.ts";
import type { Outcome, TicketWrites } from "./plan.ts";

/**
 * The rollout experiment's arms: `control` is the human baseline (nothing written), `assistant` the
 * configured mode.
 */
export type Arm = "control" | "assistant";

/** What the assistant remembers about one ticket between events. */
export interface TicketState {
  v: 1;
  /** A human agent replied publicly: the assistant writes nothing public on this ticket again. */
  humanOwned: boolean;
  humanOwnedSince?: string;
  /** A teammate handed the conversation back (inbox app): their earlier public replies no longer count as ownership. */
  handedBackAt?: string;
  /**
   * The assistant escalated and the ticket now waits for a person: later customer messages get one
   * internal note each and no reply or model call, until an agent hands it back (inbox app button, or
   * removing the `<prefix>escalated` tag) or the ticket is solved.
   */
  awaitingHumanSince?: string;
  /**
   * The ticket's arm in the rollout experiment, fixed at its first decision (src/rollout/assign-arm.ts),
   * so a later change of `control_percent` or `arm_salt` moves only new tickets. Absent before then.
   */
  arm?: Arm;
  /**
   * Whether the ticket decides with the canary block (src/rollout/assign-variant.ts), fixed with the arm
   * at its first decision. Absent (tickets first decided before canaries existed): current.
   */
  variant?: Variant;
  /** An agent paused the assistant on this ticket/conversation (inbox app); it writes nothing until resumed. */
  paused?: boolean;
  /** Newest customer comment the assistant has handled; older or equal ones are not handled again. */
  lastHandledCommentId?: string;
  /** `occurredAt` of the newest event applied; older events arriving late are superseded. */
  lastEventAt?: string;
  /**
   * When the assistant started handling the ticket (ISO-8601): its first decision other than a skip,
   * since the ticket was created, solved or handed back. Absent while nobody decided yet and while the
   * ticket waits for a person; `max_open_hours` counts from here (src/pipeline/handling-since.ts).
   */
  handlingSince?: string;
  /**
   * The follow-up on the current escalation (src/nightly/follow-up-ticket.ts): `escalatedAt` is the
   * `awaitingHumanSince` it is for, so a later escalation may get its own one; `at` when it started.
   * Stored before its first write with `done` false, so a run that finds it unfinished and not its
   * own in-flight job never sends it again.
   */
  followUp?: { escalatedAt: string; at: string; done: boolean };
  /** Public replies the assistant has sent on this ticket. */
  aiTurns: number;
  /**
   * Follow-up questions the assistant has asked on this ticket. Policy allows one per issue; asking
   * again escalates instead. Optional so states stored before the field existed still parse.
   */
  asked?: number;
  /** The handoff of the latest escalation, as JSON for metrics and sidebar apps. */
  lastHandoff?: Handoff;
  /** A public reply told the customer their account data was looked up: the notice is not repeated. */
  dataNoticeGiven?: boolean;
  /** The last outcomes, newest last (at most 20). */
  history: TicketOutcomeRecord[];
  /**
   * A plan being carried out: its gated writes and the steps done so far. A retried job finishes
   * these exact writes instead of deciding again, so nothing is written twice.
   */
  inFlight?: InFlightJob;
}

export interface TicketOutcomeRecord {
  at: string;
  eventId: string;
  outcome: Outcome | "skip";
  reasons: string[];
  /** Passage ids an answer rested on. */
  sourceIds?: string[];
  modelCalls?: number;
}

export function emptyTicketState(): TicketState {
  return { v: 1, humanOwned: false, aiTurns: 0, history: [] };
}

const HISTORY_LIMIT = 20;

export function withOutcome(state: TicketState, record: TicketOutcomeRecord): TicketState {
  return { ...state, history: [...state.history, record].slice(-HISTORY_LIMIT) };
}

export interface InFlightJob {
  jobId: string;
  stepsDone: string[];
  writes?: TicketWrites;
  /** "skip" for a follow-up note on a ticket awaiting a person (recorded as a skip with its reason). */
  outcome?: Outcome | "skip";
  /** The writes hand the ticket to a person (a real escalation, not shadow): it awaits a human from now on. */
  awaitHuman?: boolean;
  reasons?: string[];
  commentId?: string;
  sourceIds?: string[];
  modelCalls?: number;
  handoff?: Handoff;
  /** The public reply starts with the data-collection notice: once sent, the ticket has had it. */
  dataNotice?: boolean;
  /** The outcome ledger's row for this job, fixed before the first write (see DecisionDraft). */
  decision?: DecisionDraft;
  /** Helpdesk write requests made for this job so far, across attempts. */
  helpdeskWrites?: number;
  /** When the job's first helpdesk write finished (ISO-8601): the end of the decision's latency. */
  firstWriteAt?: string;
  /**
   * The step being sent and when it started, recorded before a step that posts a comment. Found on a
   * retry with the step not done, it means the earlier attempt stopped between sending and recording:
   * the helpdesk is asked whether the comment landed before it is sent again.
   */
  attempt?: { step: string; at: string };
}
