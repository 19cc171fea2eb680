import type { Settings } from "../config/settings-schema.ts";
import type { Plan } from "../domain/plan.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import type { TicketState } from "../domain/ticket-state.ts";
import type { Logger } from "../lib/logger.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger } from "../ports/ledger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { OnCallWebhookConfig } from "./notify-on-call.ts";

/**
 * What an escalation step may read: the decision's inputs and the pipeline's ports. Its own module, so
 * shape-escalation.ts (which runs the steps) and the steps themselves import it without a cycle.
 */
export interface EscalationStepInput {
  event: SupportEvent;
  context: TicketContext;
  customerComment: Comment;
  state: TicketState;
  settings: Settings;
  helpdesk: Helpdesk;
  store: StateStore;
  ledger: Ledger | null;
  now: Date;
  log: Logger;
  /** How the on-call notification is signed and, locally, where it goes (Worker vars); absent: unsigned. */
  onCall?: OnCallWebhookConfig;
}

/** One step that refines an escalation plan with I/O (routing, timing); it returns the plan it got otherwise. */
export type EscalationStep = (plan: Plan, input: EscalationStepInput) => Promise<Plan>;
