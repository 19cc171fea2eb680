import type { DecisionRecord, LifecycleEvent, ReportDecision, ReportEvent, ReportSummary } from "../domain/ledger.ts";
import type { HandoffRating, ReviewCounts, ReviewVerdict, ReviewWriteResult, SettingChange } from "../domain/review.ts";
import type { AgreementJudgement, ShadowRows } from "../domain/shadow-scoring.ts";
import type { Platform } from "../domain/support-event.ts";
import type { ExperimentRows } from "../domain/experiment-rows.ts";
import type { GuardLedger } from "./guard-ledger.ts";
import type { OpenTicketsLedger } from "./open-tickets-ledger.ts";

/**
 * One account's rows in a time range. `from` is inclusive and `to` exclusive, both ISO-8601 instants,
 * so consecutive ranges never count a row twice.
 */
export interface LedgerQuery {
  platform: Platform;
  account: string;
  from: string;
  to: string;
  /** Only these tickets (e.g. to join a ticket's decisions and lifecycle); absent = all tickets. */
  ticketIds?: readonly string[];
  /** Only these requesters (e.g. a new ticket from the same requester); absent = all requesters. */
  requesterIds?: readonly string[];
  /** Rows per page, 1..1000 (default 100). */
  limit?: number;
  /** `nextCursor` of the previous page; absent = the newest rows. */
  cursor?: string;
}

/** Newest first. `nextCursor` is null on the last page. */
export interface LedgerPage<T> {
  rows: T[];
  nextCursor: string | null;
}

/** A (platform, account) pair the ledger holds rows for. */
export interface LedgerAccount {
  platform: Platform;
  account: string;
}

/** One account's tickets with decisions in [from, to), for the nightly reconciliation. */
export interface DecidedTicketsQuery extends LedgerAccount {
  from: string;
  to: string;
  /** Only tickets after this one in the order below (resume where the last run stopped); null = from the start. */
  after: DecidedTicketsCursor | null;
  /** 1..1000. */
  limit: number;
}

/** Position in the order of `decidedTickets`: last decision time, then ticket id. */
export interface DecidedTicketsCursor {
  lastDecidedAt: string;
  ticketId: string;
}

export interface DecidedTicket {
  ticketId: string;
  requesterId: string | null;
  /** ISO-8601 instants of the ticket's first and last decision inside the range. */
  firstDecidedAt: string;
  lastDecidedAt: string;
}

/** One account's report range: `from` inclusive, `to` exclusive, ISO-8601 instants. */
export type LedgerReportQuery = Pick<LedgerQuery, "platform" | "account" | "from" | "to">;

/**
 * The rows one metrics report needs (see `Ledger.reportRows`), in no particular order (the metrics
 * module sorts them by time itself), with only the fields the metrics read.
 */
export interface LedgerReportRows {
  decisions: ReportDecision[];
  events: ReportEvent[];
}

/** Decisions waiting for a review in one account's range: `from` inclusive, `to` exclusive. */
export interface ReviewQueueQuery extends LedgerReportQuery {
  /** 1..1000 (default 50). */
  limit?: number;
}

/** The ratings and verdicts of the decisions in a report's range, as known at `asOf` (ISO-8601). */
export interface ReviewCountsQuery extends LedgerReportQuery {
  asOf: string;
}

/** A knowledge source (article or pack passage) that answers in the range cited. */
export interface CitedSource {
  id: string;
  /** Answers that cited it. */
  citations: number;
  /** ISO-8601: the latest answer that cited it. */
  lastCitedAt: string;
  /** Its age in days when that answer cited it; null when unknown. */
  ageDays: number | null;
}

/** Decisions that stale knowledge blocked (reason `stale_knowledge`), per source they rested on. */
export interface StaleSourceBlocks {
  /** Null for decisions whose sources were not recorded. */
  id: string | null;
  decisions: number;
  /** The oldest age in days recorded for it; null when unknown. */
  maxAgeDays: number | null;
}

/** The range's knowledge use: the sources cited most, and what stale knowledge blocked. */
export interface KnowledgeSources {
  cited: CitedSource[];
  staleBlocked: { decisions: number; bySource: StaleSourceBlocks[] };
}

/** A recent knowledge-gap question: what one customer asked that the knowledge could not answer. */
export interface KnowledgeGapExample {
  /** The decision's category; null when it had none (the metrics list those as `unknown`). */
  category: string | null;
  ticketId: string;
  eventId: string;
  /** ISO-8601. */
  decidedAt: string;
  /** The masked excerpt of the customer's message (`DecisionRecord.messageExcerpt`). */
  excerpt: string;
}

/** What retention deleted, per table. */
export interface RetentionDeleted {
  decisions: number;
  lifecycle: number;
  handoffRatings: number;
  reviewVerdicts: number;
  settingChanges: number;
}

/**
 * The outcome ledger: what the assistant decided and what happened to the ticket next. Writes are
 * idempotent on (platform, account, eventId), so a retried job or a redelivered webhook is stored once.
 */
export interface Ledger extends GuardLedger, OpenTicketsLedger {
  /** True when this call stored the row, false when a row with the same event id already existed. */
  recordDecision(row: DecisionRecord): Promise<boolean>;
  /** True when this call stored the event, false when it was already stored. */
  recordLifecycle(event: LifecycleEvent): Promise<boolean>;
  decisions(query: LedgerQuery): Promise<LedgerPage<DecisionRecord>>;
  lifecycle(query: LedgerQuery): Promise<LedgerPage<LifecycleEvent>>;
  /**
   * Everything a metrics report over [from, to) needs, in a fixed number of queries whatever the size:
   * every decision of each ticket that has a decision in the range (earlier and later ones too, so a
   * ticket is classified whole and its first-seen day is right), and every lifecycle event of those
   * tickets and of the tickets that have no decision at all but an event in the range (the human-only
   * baseline).
   */
  reportRows(query: LedgerReportQuery): Promise<LedgerReportRows>;
  /**
   * The same report reduced by the database: one row of facts per ticket `reportRows` would cover and
   * the range's decisions summed per outcome, category and reasons. What `/admin/metrics` reads; the
   * metrics module classifies the facts exactly as it classifies rows.
   */
  reportSummary(query: LedgerReportQuery): Promise<ReportSummary>;
  /**
   * Retention: deletes decisions and lifecycle events of every account older than `cutoff` (ISO-8601),
   * the ratings and verdicts of those decisions, and settings changes older than `cutoff`.
   */
  deleteOlderThan(cutoff: string): Promise<RetentionDeleted>;
  /** Every (platform, account) with decisions or lifecycle events. */
  accounts(): Promise<LedgerAccount[]>;
  /** Tickets decided on in the range, one row each, oldest last decision first (then ticket id). */
  decidedTickets(query: DecidedTicketsQuery): Promise<DecidedTicket[]>;
  /** Whether the account holds a decision or lifecycle event dated after `instant` (ISO-8601). */
  hasRowsAfter(account: LedgerAccount, instant: string): Promise<boolean>;
  /** Retention of one account: `deleteOlderThan` for its rows only. */
  deleteAccountOlderThan(account: LedgerAccount, cutoff: string): Promise<RetentionDeleted>;
  /**
   * Stores an agent's rating of an escalation's handoff, replacing that rater's earlier rating of the
   * same decision. Nothing is stored for an unknown decision or one that did not escalate.
   */
  rateHandoff(rating: HandoffRating): Promise<ReviewWriteResult>;
  /** The rater's current rating of the decision, or null. */
  handoffRating(account: LedgerAccount, decisionEventId: string, rater: string): Promise<HandoffRating | null>;
  /**
   * Stores a reviewer's verdict on a decision (comment masked), replacing the decision's earlier
   * verdict. Nothing is stored for an unknown decision.
   */
  recordVerdict(verdict: ReviewVerdict): Promise<Exclude<ReviewWriteResult, "not_an_escalation">>;
  /** The decision's current verdict, or null. */
  verdict(account: LedgerAccount, decisionEventId: string): Promise<ReviewVerdict | null>;
  /** Escalations and answers in the range without a verdict, oldest first (then event id). */
  reviewQueue(query: ReviewQueueQuery): Promise<DecisionRecord[]>;
  /** Ratings and verdicts of the range's decisions, counted per value (values with none left out). */
  reviewCounts(query: ReviewCountsQuery): Promise<ReviewCounts>;
  /**
   * The range's answers grouped by the sources they cited (most cited first), and its decisions with
   * reason `stale_knowledge` grouped by source; at most `limit` (1..100, default 20) rows each.
   */
  knowledgeSources(query: LedgerReportQuery & { limit?: number }): Promise<KnowledgeSources>;
  /**
   * The range's knowledge gaps (decisions other than skips whose reasons include one of
   * `KNOWLEDGE_GAP_REASONS`) that kept an excerpt: the newest `perCategory` (1..10, default 3) of each
   * category, ordered by category (null last), then newest first.
   */
  knowledgeGapExamples(query: LedgerReportQuery & { perCategory?: number }): Promise<KnowledgeGapExample[]>;
  /**
   * What shadow scoring needs for one account's range (`ShadowRows`): the shadow and draft decisions
   * of the range, the tickets' later decisions, and their human replies (with kept text), group
   * changes and solves from the range's start on. Two statements whatever the size.
   */
  shadowRows(query: LedgerReportQuery): Promise<ShadowRows>;
  /** Stores the model judge's verdict on one pair; false when that pair was already judged. */
  recordJudgement(judgement: AgreementJudgement): Promise<boolean>;
  /** Appends one line to the settings audit trail (values masked and truncated). */
  recordSettingChange(change: SettingChange): Promise<void>;
  /** The account's settings audit trail, newest first. `limit` 1..1000 (default 100). */
  settingChanges(account: LedgerAccount, options?: { limit?: number }): Promise<SettingChange[]>;
  /**
   * The rollout comparison's rows: every decision (arm, reply, fingerprint) and lifecycle event of the
   * tickets with a decision that has an arm in [from, to), in no particular order.
   */
  experimentRows(query: LedgerReportQuery): Promise<ExperimentRows>;
  /**
   * Past handoffs for the wait estimate: draft and autosend escalations in [from, to), newest first,
   * at most `limit` (1..5000), each with its group and the first human public reply after it (null
   * while none came).
   */
  handoffWaits(query: LedgerReportQuery & { limit: number }): Promise<HandoffWaitRow[]>;
}

/** One past handoff: when it happened, to which group, and when a person first replied publicly. */
export interface HandoffWaitRow {
  groupId: string | null;
  /** ISO-8601. */
  handedOffAt: string;
  /** ISO-8601; null when no human public reply is recorded yet. */
  firstReplyAt: string | null;
}
