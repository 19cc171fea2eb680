import type { Platform } from "../../domain/support-event.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";

/** What every console page needs from the worker. */
export interface ConsoleDeps {
  adminToken: () => string | undefined;
  ledger: () => Ledger | null;
  resolutionWaitHours: (platform: Platform, account: string) => Promise<number>;
  logger: Logger;
  now?: () => Date;
  /**
   * The Zendesk account whose nav bar may open the console (the Zendesk app is configured), else null.
   * Only the sign-in page reads it: a framed request without a session is told how to come back.
   */
  zendeskAppAccount?: () => string | null;
}
