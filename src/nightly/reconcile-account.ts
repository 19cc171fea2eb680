import type { Logger } from "../lib/logger.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { DecidedTicketsCursor, Ledger, LedgerAccount } from "../ports/ledger.ts";
import { missingLifecycleEvents } from "./missing-lifecycle-events.ts";
import type { ReconcileCursor } from "./reconcile-cursor.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How far back tickets are checked: the resolution wait (a ticket's outcome is open until then), the
 * 7 days in which a reopen or a new ticket turns a resolution false, and 2 days of margin so a night
 * the job did not run is covered by the next one.
 */
export function lookBackMs(resolutionWaitHours: number): number {
  return resolutionWaitHours * HOUR_MS + 7 * DAY_MS + 2 * DAY_MS;
}

/** Failures in a row that mean the helpdesk itself is down: stop the account, retry those tickets next night. */
const FAILURES_IN_A_ROW = 5;

export interface ReconcileAccountDeps {
  ledger: Ledger;
  helpdesk: Helpdesk;
  cursor: ReconcileCursor;
  logger: Logger;
}

export interface ReconcileAccountResult {
  ticketsChecked: number;
  ticketsFailed: number;
  eventsAdded: number;
  /** The window's last ticket was reached: the next run starts from the oldest again. */
  finished: boolean;
}

/**
 * Checks up to `maxTickets` tickets of one account decided on in the look-back window, oldest last
 * decision first, starting after the ticket where the previous run stopped, and records the lifecycle
 * events the webhooks missed. A ticket that fails is logged and skipped (it comes round again on the
 * next pass); five failures in a row stop the account where the streak began.
 */
export async function reconcileAccount(
  deps: ReconcileAccountDeps,
  account: LedgerAccount,
  options: { now: Date; resolutionWaitHours: number; maxTickets: number },
): Promise<ReconcileAccountResult> {
  const to = options.now.toISOString();
  const from = new Date(options.now.getTime() - lookBackMs(options.resolutionWaitHours)).toISOString();
  const start = await deps.cursor.get();
  const tickets =
    options.maxTickets < 1
      ? []
      : await deps.ledger.decidedTickets({ ...account, from, to, after: start, limit: options.maxTickets });
  const result: ReconcileAccountResult = { ticketsChecked: 0, ticketsFailed: 0, eventsAdded: 0, finished: false };
  let position: DecidedTicketsCursor | null = start;
  let beforeStreak: DecidedTicketsCursor | null = start;
  let streak = 0;
  for (const ticket of tickets) {
    const here = { lastDecidedAt: ticket.lastDecidedAt, ticketId: ticket.ticketId };
    try {
      const [read, stored] = await Promise.all([
        deps.helpdesk.ticketLifecycle(ticket.ticketId),
        deps.ledger.lifecycle({
          ...account,
          from: ticket.firstDecidedAt,
          to: new Date(options.now.getTime() + 1).toISOString(),
          ticketIds: [ticket.ticketId],
          limit: 1000,
        }),
      ]);
      for (const event of missingLifecycleEvents(account, ticket, read, stored.rows)) {
        if (await deps.ledger.recordLifecycle(event)) result.eventsAdded++;
      }
      result.ticketsChecked++;
      streak = 0;
      beforeStreak = here;
    } catch (error) {
      result.ticketsFailed++;
      streak++;
      deps.logger.warn("reconciliation: ticket skipped", { ticket_id: ticket.ticketId, error });
      if (streak >= FAILURES_IN_A_ROW) {
        deps.logger.error("reconciliation: account stopped after failures in a row", { failures: streak });
        await deps.cursor.set(beforeStreak);
        return result;
      }
    }
    position = here;
  }
  result.finished = tickets.length < options.maxTickets;
  await deps.cursor.set(result.finished ? null : position);
  return result;
}
