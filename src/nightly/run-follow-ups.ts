import type { Settings } from "../config/settings-schema.ts";
import type { AssistantIdentity } from "../domain/ticket.ts";
import { TicketLockedError } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import type { OpenTicket } from "../ports/open-tickets-ledger.ts";
import type { StateStore } from "../state/state-store.ts";
import { escalateStaleTicket, staleJobId, staleSince, type StaleDeps } from "./escalate-stale-ticket.ts";
import { followUpDue, followUpTicket } from "./follow-up-ticket.ts";

/** Escalations and handled tickets are looked for among the decisions of this many past days. */
export const FOLLOW_UP_WINDOW_DAYS = 7;
/**
 * Open tickets read from the ledger per account and run, newest latest decision first: each costs one
 * state read, so 200 stay well inside a Cron Trigger's 1,000 subrequests.
 */
export const CANDIDATES_PER_ACCOUNT = 200;
/**
 * Tickets acted on per run over all accounts (lock, helpdesk reads and writes: about 12 subrequests
 * each). What does not fit waits 15 minutes for the next run.
 */
export const ACTIONS_PER_RUN = 25;
/** The lease a ticket's follow-up or stale escalation takes; renewed before each write. */
const LOCK_SECONDS = 600;

export interface FollowUpAccountDeps {
  helpdesk: Helpdesk;
  store: StateStore;
  settings: () => Promise<Settings>;
}

export interface FollowUpRunDeps {
  ledger: Ledger;
  logger: Logger;
  forAccount(account: LedgerAccount): FollowUpAccountDeps;
  /** Milliseconds, for the timings in the logs. */
  clock?: () => number;
}

export interface FollowUpSummary {
  accounts: number;
  accountsFailed: number;
  candidates: number;
  followUpsSent: number;
  /** Follow-ups written as a note only (draft, or a ticket that does not autosend). */
  followUpsNoted: number;
  staleEscalated: number;
  /** Candidates left alone, by why (not due, a person replied, solved, locked, ...). */
  skipped: Record<string, number>;
  ticketsFailed: number;
  durationMs: number;
}

/**
 * Never a silent queue, every 15 minutes, per account in the ledger: escalations still waiting for a
 * person past their estimate get one follow-up (src/nightly/follow-up-ticket.ts), and tickets the
 * assistant has handled past `max_open_hours` go to a person (src/nightly/escalate-stale-ticket.ts).
 * Candidates come from the ledger (the state store cannot be listed), are filtered on their ticket
 * state, and each one acted on is checked again under its ticket lock. One account or ticket failing
 * is logged and the others still run.
 */
export async function runFollowUps(deps: FollowUpRunDeps, options: { now: Date }): Promise<FollowUpSummary> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const log = deps.logger.child({ job: "follow_up" });
  const accounts = await deps.ledger.accounts();
  const summary: FollowUpSummary = {
    accounts: accounts.length,
    accountsFailed: 0,
    candidates: 0,
    followUpsSent: 0,
    followUpsNoted: 0,
    staleEscalated: 0,
    skipped: {},
    ticketsFailed: 0,
    durationMs: 0,
  };
  const skip = (why: string) => {
    summary.skipped[why] = (summary.skipped[why] ?? 0) + 1;
  };
  let budget = ACTIONS_PER_RUN;
  for (const account of accounts) {
    const accountLog = log.child({ platform: account.platform, account: account.account });
    const accountStarted = clock();
    try {
      const { helpdesk, store, settings: load } = deps.forAccount(account);
      const settings = await load();
      if (settings.mode === "off" || (!settings.followUpAfterEstimate && settings.maxOpenHours <= 0)) continue;
      const now = options.now;
      const tickets = await deps.ledger.openTickets({
        ...account,
        from: new Date(now.getTime() - FOLLOW_UP_WINDOW_DAYS * 86_400_000).toISOString(),
        to: new Date(now.getTime() + 1).toISOString(),
        limit: CANDIDATES_PER_ACCOUNT,
      });
      summary.candidates += tickets.length;
      let me: Promise<AssistantIdentity> | null = null;
      const staleDeps: StaleDeps = {
        ...{ helpdesk, store, ledger: deps.ledger, account, settings, log: accountLog, now },
        me: () => {
          me ??= helpdesk.whoAmI();
          return me;
        },
      };
      const counts = { sent: 0, noted: 0, stale: 0 };
      for (const ticket of tickets) {
        const work = await pick(ticket, store, settings, now);
        if (typeof work === "string") {
          skip(work);
          continue;
        }
        if (budget <= 0) {
          skip("run_budget");
          continue;
        }
        budget--;
        const ticketLog = accountLog.child({ ticket_id: ticket.ticketId, check: work.kind });
        try {
          const result = await store.withTicketLock(
            ticket.ticketId,
            (lease) =>
              work.kind === "follow_up"
                ? followUpTicket({ helpdesk, store, settings, log: ticketLog, now }, ticket, lease)
                : escalateStaleTicket({ ...staleDeps, log: ticketLog }, ticket, lease),
            { ttlSeconds: LOCK_SECONDS, owner: work.owner },
          );
          if (result === "sent") counts.sent++;
          else if (result === "noted") counts.noted++;
          else if (result === "escalated") counts.stale++;
          else skip(result);
          ticketLog.info("follow-up check done", { result });
        } catch (error) {
          if (error instanceof TicketLockedError) skip("locked");
          else {
            summary.ticketsFailed++;
            ticketLog.error("follow-up check failed; the other tickets continue", { error });
          }
        }
      }
      summary.followUpsSent += counts.sent;
      summary.followUpsNoted += counts.noted;
      summary.staleEscalated += counts.stale;
      accountLog.info("follow-up account done", {
        candidates: tickets.length,
        follow_ups_sent: counts.sent,
        follow_ups_noted: counts.noted,
        stale_escalated: counts.stale,
        duration_ms: clock() - accountStarted,
      });
    } catch (error) {
      summary.accountsFailed++;
      accountLog.error("follow-up account failed; the others continue", {
        error,
        duration_ms: clock() - accountStarted,
      });
    }
  }
  summary.durationMs = clock() - started;
  log.info("follow-up run finished", {
    accounts: summary.accounts,
    accounts_failed: summary.accountsFailed,
    candidates: summary.candidates,
    follow_ups_sent: summary.followUpsSent,
    follow_ups_noted: summary.followUpsNoted,
    stale_escalated: summary.staleEscalated,
    skipped: summary.skipped,
    tickets_failed: summary.ticketsFailed,
    duration_ms: summary.durationMs,
  });
  return summary;
}

/** What a candidate needs, from its ticket state alone (no lock, no helpdesk read); a string: nothing, and why. */
async function pick(
  ticket: OpenTicket,
  store: StateStore,
  settings: Settings,
  now: Date,
): Promise<{ kind: "follow_up" | "stale"; owner: string } | string> {
  const state = await store.getTicketState(ticket.ticketId);
  if (state.awaitingHumanSince) {
    if (!settings.followUpAfterEstimate) return "follow_up_off";
    const due = followUpDue(state, settings, now);
    return due.kind === "due" ? { kind: "follow_up", owner: `follow-up:${due.escalatedAt}` } : due.kind;
  }
  // A stale escalation left in flight by a stopped run is finished first, whatever the clock says now.
  const inFlight = state.inFlight?.jobId;
  if (inFlight?.startsWith(`stale:${ticket.ticketId}:`)) return { kind: "stale", owner: inFlight };
  const since = staleSince(state, settings, now);
  return since === null ? "not_stale" : { kind: "stale", owner: staleJobId(ticket.ticketId, since) };
}
