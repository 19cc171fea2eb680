import { ConfigError } from "../lib/errors.ts";
import type { BudgetReservation, RequestBudget } from "../ports/request-budget.ts";
import type { RequestGovernor } from "../state/request-governor.ts";

const UNGOVERNED: BudgetReservation = { admitted: true, release: async () => undefined };

/**
 * A wiring's request budget: its helpdesk client's governor, built on first use like the client. Without a
 * store, or while the helpdesk is not configured, jobs are admitted: the client's own configuration error
 * then makes them wait in the queue (lazy-helpdesk.ts), and nothing is counted that was never sent.
 */
export function wiringRequestBudget(governor: () => RequestGovernor | null): RequestBudget {
  return {
    reserve: async (requests, share) => {
      let built: RequestGovernor | null;
      try {
        built = governor();
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        built = null;
      }
      return built ? built.reserve(requests, share) : UNGOVERNED;
    },
  };
}
