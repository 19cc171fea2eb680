import type { Settings } from "../config/settings-schema.ts";
import type { AssistantIdentity, Comment, TicketContext } from "../domain/ticket.ts";
import type { TicketState } from "../domain/ticket-state.ts";
import type { Plan } from "../domain/plan.ts";
import type { Variant } from "../domain/canary.ts";
import type { AutosendScope } from "./autosends-ticket.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { MessageAttachments } from "./message-attachments.ts";
import type { KnowledgePrefetch } from "./prefetch-knowledge.ts";

export interface DecisionInput {
  event: SupportEvent;
  context: TicketContext;
  /** The customer message being handled (newest public customer comment). */
  customerComment: Comment;
  state: TicketState;
  settings: Settings;
  assistant: AssistantIdentity;
  /** Builds a ticket's agent URL (pure), for the handoff's recent tickets. */
  ticketUrl: (ticketId: string) => string;
  /** Called before any write outside the helpdesk (a support action): throws when the job lost its ticket lock. */
  beforeWrite?: () => Promise<void>;
  /**
   * The ticket's experiment arm, the ready categories and the stage guard's fallbacks, for
   * autosendsTicket. Absent: assistant, nothing ready, nothing guarded.
   */
  rollout?: Omit<AutosendScope, "category">;
  /**
   * `canary`: `settings` are the canary's (withCanaryOverride), and the model call is told to use their
   * models and prompt variant instead of the account's. Absent: current.
   */
  variant?: Variant;
  /** The files on `customerComment` (messageAttachments); images are downloaded only when the model decides. */
  attachments?: MessageAttachments;
  /** The knowledge search started from the event's text while the ticket was read; used only if it fits. */
  knowledgePrefetch?: KnowledgePrefetch;
}

/**
 * Turns one customer message into a plan. Must not throw for business reasons: failures escalate.
 * An escalation carries its handoff as data; the caller renders the note (withHandoffNote).
 */
export type Decider = (input: DecisionInput) => Promise<Plan>;
