import type { Settings } from "../config/settings-schema.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Decider } from "./decider.ts";

/** Everything the queue side needs, injected (tests pass fakes only at the network edge). */
export interface PipelineDeps {
  helpdesk: Helpdesk;
  store: StateStore;
  settings: () => Promise<Settings>;
  decide: Decider;
  logger: Logger;
  now?: () => Date;
}
