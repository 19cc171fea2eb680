import type { DecisionRecord } from "../domain/ledger.ts";
import {
  type HandoffRating,
  type HandoffRatingValue,
  isHandoffRatingValue,
  isReviewVerdictValue,
  REVIEW_COMMENT_MAX_CHARS,
  type ReviewVerdict,
  type ReviewVerdictValue,
  type SettingChange,
} from "../domain/review.ts";
import type { Platform } from "../domain/support-event.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import { DECISION_COLUMNS, type DecisionRow, decisionFromRow } from "./ledger-rows.ts";
import { ledgerTime } from "./ledger-time.ts";
import { maskLedgerText } from "./mask-ledger-text.ts";

/** A setting's old or new value kept in the audit trail, in characters. */
const SETTING_VALUE_MAX_CHARS = 500;
const QUEUE_DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

type ReviewMethods = Pick<
  Ledger,
  | "rateHandoff"
  | "handoffRating"
  | "recordVerdict"
  | "verdict"
  | "reviewQueue"
  | "reviewCounts"
  | "recordSettingChange"
  | "settingChanges"
>;

function required(field: string, value: string): void {
  if (value.trim() === "") throw new LedgerInputError(`${field}: empty; send a non-empty value`);
}

function checkAccount(account: LedgerAccount): void {
  if (account.account.trim() === "") {
    throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
  }
}

function checkLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new LedgerInputError(`limit: ${limit} is out of range; send a whole number from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

/**
 * The people's side of the ledger over D1 (migrations/0004_reviews.sql): handoff ratings, review
 * verdicts and the settings audit trail. A rating or verdict is written with one INSERT ... SELECT from
 * the decision it is about, so it exists only for a stored decision and carries that decision's ticket
 * and time (the metrics count it by the decision's day; retention deletes it with the decision).
 */
export function d1Reviews(db: D1Like): ReviewMethods {
  /** Why a rating or verdict insert stored nothing: no such decision, or (ratings) not an escalation. */
  async function whyNotStored(platform: Platform, account: string, eventId: string) {
    const { results } = await db
      .prepare("SELECT outcome FROM decisions WHERE platform = ? AND account = ? AND event_id = ?")
      .bind(platform, account, eventId)
      .all<{ outcome: string }>();
    return results.length === 0 ? "unknown_decision" : "not_an_escalation";
  }

  return {
    async rateHandoff(rating: HandoffRating) {
      checkAccount(rating);
      required("decisionEventId", rating.decisionEventId);
      required("rater", rating.rater);
      if (!isHandoffRatingValue(rating.rating)) {
        throw new LedgerInputError(
          `rating: "${String(rating.rating).slice(0, 60)}" is not a rating; ` +
            "send useful, missing_section:<section> or wrong_escalation:<kind>",
        );
      }
      const ratedAtMs = ledgerTime("ratedAt", rating.ratedAt);
      // `WHERE` before `ON CONFLICT`: SQLite needs it to parse an upsert fed by a SELECT.
      const result = await db
        .prepare(
          "INSERT INTO handoff_ratings " +
            "(platform, account, decision_event_id, ticket_id, decided_at_ms, rating, rater, rated_at, rated_at_ms) " +
            "SELECT platform, account, event_id, ticket_id, decided_at_ms, ?, ?, ?, ? FROM decisions " +
            "WHERE platform = ? AND account = ? AND event_id = ? AND outcome = 'escalate' " +
            "ON CONFLICT (platform, account, decision_event_id, rater) DO UPDATE SET " +
            "rating = excluded.rating, rated_at = excluded.rated_at, rated_at_ms = excluded.rated_at_ms",
        )
        .bind(
          rating.rating,
          rating.rater,
          rating.ratedAt,
          ratedAtMs,
          rating.platform,
          rating.account,
          rating.decisionEventId,
        )
        .run();
      if (result.meta.changes > 0) return "recorded";
      return whyNotStored(rating.platform, rating.account, rating.decisionEventId);
    },

    async handoffRating(account, decisionEventId, rater) {
      const { results } = await db
        .prepare(
          "SELECT rating, rated_at FROM handoff_ratings " +
            "WHERE platform = ? AND account = ? AND decision_event_id = ? AND rater = ?",
        )
        .bind(account.platform, account.account, decisionEventId, rater)
        .all<{ rating: string; rated_at: string }>();
      const row = results[0];
      if (row === undefined) return null;
      return {
        platform: account.platform,
        account: account.account,
        decisionEventId,
        rating: String(row.rating) as HandoffRatingValue,
        rater,
        ratedAt: String(row.rated_at),
      };
    },

    async recordVerdict(verdict: ReviewVerdict) {
      checkAccount(verdict);
      required("decisionEventId", verdict.decisionEventId);
      required("reviewer", verdict.reviewer);
      if (!isReviewVerdictValue(verdict.verdict)) {
        throw new LedgerInputError(
          `verdict: "${String(verdict.verdict).slice(0, 60)}" is not a verdict; ` +
            "send right_call, should_have_answered, should_have_asked or handoff_incomplete",
        );
      }
      if (verdict.comment !== null && verdict.comment.length > REVIEW_COMMENT_MAX_CHARS) {
        throw new LedgerInputError(
          `comment: ${verdict.comment.length} characters; shorten it to at most ${REVIEW_COMMENT_MAX_CHARS}`,
        );
      }
      const comment =
        verdict.comment === null || verdict.comment.trim() === ""
          ? null
          : maskLedgerText(verdict.comment.trim(), REVIEW_COMMENT_MAX_CHARS);
      const reviewedAtMs = ledgerTime("reviewedAt", verdict.reviewedAt);
      const result = await db
        .prepare(
          "INSERT INTO review_verdicts " +
            "(platform, account, decision_event_id, ticket_id, decided_at_ms, verdict, comment, reviewer, " +
            "reviewed_at, reviewed_at_ms) " +
            "SELECT platform, account, event_id, ticket_id, decided_at_ms, ?, ?, ?, ?, ? FROM decisions " +
            "WHERE platform = ? AND account = ? AND event_id = ? " +
            "ON CONFLICT (platform, account, decision_event_id) DO UPDATE SET verdict = excluded.verdict, " +
            "comment = excluded.comment, reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, " +
            "reviewed_at_ms = excluded.reviewed_at_ms",
        )
        .bind(
          verdict.verdict,
          comment,
          verdict.reviewer,
          verdict.reviewedAt,
          reviewedAtMs,
          verdict.platform,
          verdict.account,
          verdict.decisionEventId,
        )
        .run();
      return result.meta.changes > 0 ? "recorded" : "unknown_decision";
    },

    async verdict(account, decisionEventId) {
      const { results } = await db
        .prepare(
          "SELECT verdict, comment, reviewer, reviewed_at FROM review_verdicts " +
            "WHERE platform = ? AND account = ? AND decision_event_id = ?",
        )
        .bind(account.platform, account.account, decisionEventId)
        .all<{ verdict: string; comment: string | null; reviewer: string; reviewed_at: string }>();
      const row = results[0];
      if (row === undefined) return null;
      return {
        platform: account.platform,
        account: account.account,
        decisionEventId,
        verdict: String(row.verdict) as ReviewVerdictValue,
        comment: row.comment === null ? null : String(row.comment),
        reviewer: String(row.reviewer),
        reviewedAt: String(row.reviewed_at),
      };
    },

    async reviewQueue(query) {
      checkAccount(query);
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      const limit = checkLimit(query.limit, QUEUE_DEFAULT_LIMIT);
      const columns = DECISION_COLUMNS.map((c) => `d.${c}`).join(", ");
      // Oldest first: "review the first fifty escalations by hand" means the first ones Deskmate made.
      const { results } = await db
        .prepare(
          `SELECT ${columns} FROM decisions d WHERE d.platform = ? AND d.account = ? AND d.decided_at_ms >= ? ` +
            `AND d.decided_at_ms < ? AND d.outcome IN ('escalate', 'answer') ` +
            `AND NOT EXISTS (SELECT 1 FROM review_verdicts v ` +
            `WHERE v.platform = d.platform AND v.account = d.account AND v.decision_event_id = d.event_id) ` +
            `ORDER BY d.decided_at_ms, d.event_id LIMIT ?`,
        )
        .bind(query.platform, query.account, from, to, limit)
        .all<DecisionRow>();
      return results.map((row): DecisionRecord => decisionFromRow(row));
    },

    async reviewCounts(query) {
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      const asOf = ledgerTime("asOf", query.asOf);
      const count = (table: string, column: string, at: string) =>
        db
          .prepare(
            `SELECT ${column} AS value, COUNT(*) AS n FROM ${table} WHERE platform = ? AND account = ? ` +
              `AND decided_at_ms >= ? AND decided_at_ms < ? AND ${at} <= ? GROUP BY ${column} ORDER BY ${column}`,
          )
          .bind(query.platform, query.account, from, to, asOf)
          .all<{ value: string; n: number }>();
      const [ratings, verdicts] = await Promise.all([
        count("handoff_ratings", "rating", "rated_at_ms"),
        count("review_verdicts", "verdict", "reviewed_at_ms"),
      ]);
      return {
        ratings: ratings.results.map((r) => ({ rating: String(r.value) as HandoffRatingValue, count: Number(r.n) })),
        verdicts: verdicts.results.map((r) => ({ verdict: String(r.value) as ReviewVerdictValue, count: Number(r.n) })),
      };
    },

    async recordSettingChange(change: SettingChange) {
      checkAccount(change);
      required("changedBy", change.changedBy);
      required("setting", change.setting);
      const value = (v: string | null) => (v === null ? null : maskLedgerText(v, SETTING_VALUE_MAX_CHARS));
      await db
        .prepare(
          "INSERT INTO settings_audit " +
            "(platform, account, changed_by, changed_at, changed_at_ms, setting, old_value, new_value) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(
          change.platform,
          change.account,
          change.changedBy,
          change.changedAt,
          ledgerTime("changedAt", change.changedAt),
          change.setting.slice(0, 100),
          value(change.oldValue),
          value(change.newValue),
        )
        .run();
    },

    async settingChanges(account, options = {}) {
      const limit = checkLimit(options.limit, 100);
      const { results } = await db
        .prepare(
          "SELECT changed_by, changed_at, setting, old_value, new_value FROM settings_audit " +
            "WHERE platform = ? AND account = ? ORDER BY changed_at_ms DESC, rowid DESC LIMIT ?",
        )
        .bind(account.platform, account.account, limit)
        .all<{
          changed_by: string;
          changed_at: string;
          setting: string;
          old_value: string | null;
          new_value: string | null;
        }>();
      return results.map(
        (r): SettingChange => ({
          platform: account.platform,
          account: account.account,
          changedBy: String(r.changed_by),
          changedAt: String(r.changed_at),
          setting: String(r.setting),
          oldValue: r.old_value === null ? null : String(r.old_value),
          newValue: r.new_value === null ? null : String(r.new_value),
        }),
      );
    },
  };
}
