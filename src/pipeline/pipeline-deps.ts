import type { Settings } from "../config/settings-schema.ts";
import type { AgreementJudge } from "../ports/agreement-judge.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger } from "../ports/ledger.ts";
import type { RequestBudget } from "../ports/request-budget.ts";
import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Decider } from "./decider.ts";
import type { OnCallWebhookConfig } from "./notify-on-call.ts";
import type { PrefetchKnowledge } from "./prefetch-knowledge.ts";

/** Everything the queue side needs, injected (tests pass fakes only at the network edge). */
export interface PipelineDeps {
  helpdesk: Helpdesk;
  store: StateStore;
  settings: () => Promise<Settings>;
  decide: Decider;
  /** The helpdesk account's request governor; absent: jobs are not held back (tests of the pipeline alone). */
  budget?: RequestBudget;
  /** Starts the knowledge search from the event's text while the ticket is read; absent: the engine searches. */
  prefetchKnowledge?: PrefetchKnowledge;
  logger: Logger;
  /** The outcome ledger (D1); null when the LEDGER binding is absent (nothing is recorded, a warning is logged). */
  ledger: Ledger | null;
  /** The optional model judge of answer agreement; null or absent without a model key. */
  judge?: AgreementJudge | null;
  now?: () => Date;
  /** The on-call notification's signing secret and local receiver (Worker vars); absent: unsigned. */
  onCall?: OnCallWebhookConfig;
}
