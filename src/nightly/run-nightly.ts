import type { Settings } from "../config/settings-schema.ts";
import type { Logger } from "../lib/logger.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import { enforceRetention } from "./enforce-retention.ts";
import { reconcileAccount } from "./reconcile-account.ts";
import type { ReconcileCursor } from "./reconcile-cursor.ts";
import type { ReadyCategories } from "./ready-categories-store.ts";
import { RATING_PAGES, recordRecentRatings } from "./record-recent-ratings.ts";
import { recordReadyCategories } from "./record-ready-categories.ts";

/**
 * Tickets checked per run, over all accounts. A Cron Trigger invocation may make 1,000 subrequests
 * (Workers paid plan). A ticket costs up to 3 helpdesk reads (Zendesk: the ticket and two comment
 * pages; Intercom: one conversation), 2 ledger reads and a few writes: about 10, so 80 tickets stay
 * near 800, leaving room for the token, the settings, the rating pages and the retention deletes of
 * each account. What does not fit continues the next night from where this run stopped.
 */
export const TICKETS_PER_RUN = 80;

export interface NightlyAccountDeps {
  helpdesk: Helpdesk;
  settings: () => Promise<Settings>;
  cursor: ReconcileCursor;
  /** Where the account's ready categories go (`rollout:ready_categories`); absent = not computed. */
  readyCategories?: { set(value: ReadyCategories): Promise<void> };
}

export interface NightlyDeps {
  ledger: Ledger;
  logger: Logger;
  forAccount(account: LedgerAccount): NightlyAccountDeps;
  /** Milliseconds, for the timings in the logs. */
  clock?: () => number;
}

export interface NightlySummary {
  accounts: number;
  accountsFailed: number;
  ticketsChecked: number;
  ticketsFailed: number;
  eventsAdded: number;
  ratingsAdded: number;
  decisionsDeleted: number;
  lifecycleDeleted: number;
  durationMs: number;
}

/**
 * The nightly job, per account in the ledger: retention (rows older than `retentionDays`), the
 * helpdesk's recent ratings, the reconciliation of recently decided tickets, and the categories ready
 * for autosend over the last 30 days (src/nightly/record-ready-categories.ts). One account failing
 * (settings unreadable, helpdesk down) is logged and the others still run.
 */
export async function runNightly(
  deps: NightlyDeps,
  options: { now: Date; maxTickets?: number },
): Promise<NightlySummary> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const log = deps.logger.child({ job: "nightly" });
  const accounts = await deps.ledger.accounts();
  log.info("nightly run started", { accounts: accounts.length, scheduled_at: options.now.toISOString() });
  const summary: NightlySummary = {
    accounts: accounts.length,
    accountsFailed: 0,
    ticketsChecked: 0,
    ticketsFailed: 0,
    eventsAdded: 0,
    ratingsAdded: 0,
    decisionsDeleted: 0,
    lifecycleDeleted: 0,
    durationMs: 0,
  };
  let budget = options.maxTickets ?? TICKETS_PER_RUN;
  for (const [index, account] of accounts.entries()) {
    const accountStarted = clock();
    const accountLog = log.child({ platform: account.platform, account: account.account });
    // An even share of what is left, so an account that needs less leaves the rest to the next ones.
    const share = Math.ceil(budget / (accounts.length - index));
    try {
      const { helpdesk, settings, cursor, readyCategories } = deps.forAccount(account);
      const accountSettings = await settings();
      const { retentionDays, resolutionWaitHours } = accountSettings;
      const deleted = await enforceRetention(deps.ledger, account, { now: options.now, retentionDays });
      // The rating list is a bonus (it needs an admin on Zendesk): its failure does not stop the reconciliation.
      const ratingsAdded = await recordRecentRatings({ ledger: deps.ledger, helpdesk }, account, options.now).catch(
        (error: unknown) => {
          accountLog.warn("nightly: ratings not read", { error });
          return 0;
        },
      );
      const reconciled = await reconcileAccount(
        { ledger: deps.ledger, helpdesk, cursor, logger: accountLog },
        account,
        { now: options.now, resolutionWaitHours, maxTickets: share },
      );
      budget -= reconciled.ticketsChecked + reconciled.ticketsFailed;
      // After the reconciliation, so tonight's late human replies count. Its failure stops nothing else.
      const ready = readyCategories
        ? await recordReadyCategories(
            { ledger: deps.ledger, store: readyCategories },
            account,
            accountSettings,
            options.now,
          ).catch((error: unknown) => {
            accountLog.warn("nightly: ready categories not computed", { error });
            return null;
          })
        : null;
      summary.ticketsChecked += reconciled.ticketsChecked;
      summary.ticketsFailed += reconciled.ticketsFailed;
      summary.eventsAdded += reconciled.eventsAdded;
      summary.ratingsAdded += ratingsAdded;
      summary.decisionsDeleted += deleted.decisions;
      summary.lifecycleDeleted += deleted.lifecycle;
      accountLog.info("nightly account done", {
        retention_days: retentionDays,
        decisions_deleted: deleted.decisions,
        lifecycle_deleted: deleted.lifecycle,
        handoff_ratings_deleted: deleted.handoffRatings,
        review_verdicts_deleted: deleted.reviewVerdicts,
        setting_changes_deleted: deleted.settingChanges,
        ratings_added: ratingsAdded,
        rating_pages_max: RATING_PAGES,
        tickets_checked: reconciled.ticketsChecked,
        tickets_failed: reconciled.ticketsFailed,
        events_added: reconciled.eventsAdded,
        window_finished: reconciled.finished,
        ...(ready ? { ready_categories: ready.categories.length, readiness_samples: ready.samples } : {}),
        ticket_budget: share,
        duration_ms: clock() - accountStarted,
      });
    } catch (error) {
      summary.accountsFailed++;
      accountLog.error("nightly account failed; the others continue", { error, duration_ms: clock() - accountStarted });
    }
  }
  summary.durationMs = clock() - started;
  log.info("nightly run finished", {
    accounts: summary.accounts,
    accounts_failed: summary.accountsFailed,
    tickets_checked: summary.ticketsChecked,
    tickets_failed: summary.ticketsFailed,
    events_added: summary.eventsAdded,
    ratings_added: summary.ratingsAdded,
    decisions_deleted: summary.decisionsDeleted,
    lifecycle_deleted: summary.lifecycleDeleted,
    duration_ms: summary.durationMs,
  });
  return summary;
}
