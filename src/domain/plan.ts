import type { DecisionFacts } from "./decision-facts.ts";
import type { Handoff } from "./handoff.ts";
import type { ReasonCode } from "./reasons.ts";
import type { Priority, TicketStatus } from "./ticket.ts";

/**
 * What the assistant decided to do for one customer message, before the mode gates it.
 * Platform-neutral: group ids and tags are the helpdesk's own, the note is HTML.
 */
export type Outcome = "answer" | "ask" | "act" | "escalate";

export interface Plan {
  outcome: Outcome;
  /** Reason codes (e.g. `human_requested`, `model_error`); written as `<prefix>reason_<code>` tags. */
  reasons: ReasonCode[];
  /** Text meant for the customer: an answer, a question, what was done, or the warm escalation message. */
  customerMessage?: string;
  /** Internal note for agents (HTML): the handoff note on escalations. */
  internalNote?: string;
  addTags: string[];
  removeTags: string[];
  groupId?: string;
  /** The agent the escalation is assigned to (continuity routing); written with the group. */
  assigneeId?: string;
  priority?: Priority;
  /** Status after the customer-facing message (defaults to `pending` when a public reply is sent). */
  status?: TicketStatus;
  /** The handoff package on escalations, kept as JSON in ticket state for metrics and sidebar apps. */
  handoff?: Handoff;
  /** Knowledge the answer rests on (passage ids), recorded with the outcome. */
  sourceIds?: string[];
  /** Model calls made to reach this plan (for cost reporting). */
  modelCalls?: number;
  /** Never send publicly, whatever the mode: the reply becomes a suggested reply (e.g. stale knowledge). */
  forceDraft?: boolean;
  /** The support action the model proposed and what became of it (done, denied, failed, ...). */
  action?: { name: string; result: string };
  /** The customer message starts with the notice that a support action read the customer's account data. */
  dataNotice?: boolean;
  /** Category, confidence, model usage and sources of the decision, for the outcome ledger. */
  facts?: DecisionFacts;
}

/** The writes that actually go to the helpdesk after mode gating. Empty = write nothing. */
export interface TicketWrites {
  publicReply?: { body: string; status: TicketStatus };
  internalNote?: { htmlBody: string };
  addTags: string[];
  removeTags: string[];
  groupId?: string;
  /** Helpdesk agent id (Zendesk user, Intercom admin), assigned in the same update as the group. */
  assigneeId?: string;
  priority?: Priority;
  status?: TicketStatus;
}

export function noWrites(): TicketWrites {
  return { addTags: [], removeTags: [] };
}
