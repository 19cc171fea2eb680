import type { Settings } from "../config/settings-schema.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import type { Logger } from "../lib/logger.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger } from "../ports/ledger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { OnCallWebhookConfig } from "./notify-on-call.ts";

/**
 * What the timing step reads of an escalation step's input (shape-escalation.ts's EscalationStepInput
 * has all of it). Declared here because shape-escalation.ts imports the step: importing its types
 * back would be an import cycle.
 */
export interface EscalationTimingInput {
  event: SupportEvent;
  context: TicketContext;
  customerComment: Comment;
  settings: Settings;
  helpdesk: Helpdesk;
  store: StateStore;
  ledger: Ledger | null;
  now: Date;
  log: Logger;
  onCall?: OnCallWebhookConfig;
}
