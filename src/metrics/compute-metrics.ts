// The definitions read only the report's fields, so a report can read narrower rows than whole records.
import {
  KNOWLEDGE_GAP_REASONS,
  type ReportDecision as DecisionRecord,
  type ReportEvent as LifecycleEvent,
  type ReportMessageGroup,
  type ReportSummary,
} from "../domain/ledger.ts";
import { REASON_TEXT } from "../domain/reasons.ts";
import { INTENT_CATEGORIES } from "../domain/triage.ts";
import { type ResolutionOptions, type TicketStanding, ticketStandings } from "./classify-tickets.ts";
import { inRange, reportRange } from "./report-range.ts";
import { ticketFacts } from "./ticket-facts.ts";

export interface MetricsOptions extends ResolutionOptions {
  /** UTC days, both included (YYYY-MM-DD). */
  from: string;
  to: string;
}

interface CsatCount {
  rated: number;
  good: number;
}

export interface Metrics {
  messages: number;
  outcomes: { answered: number; asked: number; acted: number; escalated: number; skipped: number };
  tickets: {
    handled: number;
    ai_resolved: number;
    confirmed: number;
    stayed_resolved: number;
    false_resolutions: number;
    reopened: number;
    recontacted: number;
    escalated: number;
    unresolved: number;
    /** Handled, but the wait after the assistant's last message is not over yet. */
    waiting: number;
    /** AI-resolved, but the stayed-resolved window is not over yet. */
    resolution_pending: number;
    human_only: number;
  };
  escalation_reasons: Record<string, number>;
  /**
   * Escalated messages per category and reason (category x reason). Sparse, unlike the flat counts:
   * only pairs that occurred are listed, since the full cross would be mostly zeros.
   */
  escalations_by_category: Record<string, Record<string, number>>;
  /** Escalated tickets a human has publicly replied to, and the median minutes from handoff to that reply. */
  escalation_first_reply: { replied: number; median_minutes: number | null };
  by_category: Record<string, { messages: number; escalated: number; ai_resolved: number }>;
  csat: { ai_resolved: CsatCount; escalated: CsatCount; human_only: CsatCount };
  cost: {
    model_usd: number;
    per_stayed_resolved_usd: number | null;
    input_tokens: number;
    output_tokens: number;
    cache_read_tokens: number;
    cache_write_tokens: number;
  };
  knowledge_gaps: Array<{ category: string; count: number }>;
}

const OUTCOME_KEY = { answer: "answered", ask: "asked", act: "acted", escalate: "escalated", skip: "skipped" } as const;
/** The category the metrics file decisions without one under. */
export const UNKNOWN_CATEGORY = "unknown";

/**
 * The metrics of one report. Messages, outcomes, reasons, cost and knowledge gaps count the decisions
 * made in the range; ticket figures count the tickets first seen in the range, classified with
 * everything known at `now` (so a ticket never moves from one report's days to another's).
 */
export function computeMetrics(
  decisions: readonly DecisionRecord[],
  events: readonly LifecycleEvent[],
  options: MetricsOptions,
): Metrics {
  const range = reportRange(options.from, options.to);
  const messages: ReportMessageGroup[] = [];
  for (const d of decisions) {
    if (!inRange(range, Date.parse(d.decidedAt))) continue;
    const { outcome, category, reasons, modelCostUsd, tokens } = d;
    messages.push({ outcome, category, reasons, count: 1, modelCostUsd, tokens });
  }
  return summaryMetrics({ tickets: ticketFacts(decisions, events), messages }, options);
}

/**
 * The same metrics from a report already reduced to ticket facts and message groups (the ledger's
 * SQL reduces them; `computeMetrics` reduces rows). `messages` must hold the range's decisions only.
 */
/** The reason codes an escalation can carry (a refusal's set message is an answer, not an escalation). */
const ESCALATION_REASONS = Object.keys(REASON_TEXT).filter((reason) => reason !== "sensitive_topic_refused");

export function summaryMetrics(summary: ReportSummary, options: MetricsOptions): Metrics {
  const range = reportRange(options.from, options.to);
  const inReport = summary.tickets.filter((t) => inRange(range, t.firstSeenMs));
  const tickets = ticketStandings(inReport, options);

  const metrics: Metrics = {
    messages: 0,
    outcomes: { answered: 0, asked: 0, acted: 0, escalated: 0, skipped: 0 },
    tickets: countTickets(tickets),
    // Every reason and category is listed, zeros included: a report's keys do not depend on its rows.
    escalation_reasons: Object.fromEntries(ESCALATION_REASONS.map((reason) => [reason, 0])),
    escalations_by_category: {},
    escalation_first_reply: firstReply(tickets),
    by_category: Object.fromEntries(
      INTENT_CATEGORIES.map((name) => [name, { messages: 0, escalated: 0, ai_resolved: 0 }]),
    ),
    csat: csatByPath(tickets),
    cost: {
      model_usd: 0,
      per_stayed_resolved_usd: null,
      input_tokens: 0,
      output_tokens: 0,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
    },
    knowledge_gaps: [],
  };
  const gaps = new Map<string, number>();
  const category = (name: string | null) => {
    const key = name ?? UNKNOWN_CATEGORY;
    metrics.by_category[key] ??= { messages: 0, escalated: 0, ai_resolved: 0 };
    return metrics.by_category[key];
  };
  for (const group of summary.messages) {
    const { count } = group;
    metrics.messages += count;
    metrics.outcomes[OUTCOME_KEY[group.outcome]] += count;
    metrics.cost.model_usd += group.modelCostUsd;
    metrics.cost.input_tokens += group.tokens.input;
    metrics.cost.output_tokens += group.tokens.output;
    metrics.cost.cache_read_tokens += group.tokens.cacheRead;
    metrics.cost.cache_write_tokens += group.tokens.cacheWrite;
    if (group.outcome === "skip") continue;
    const cat = category(group.category);
    cat.messages += count;
    if (group.outcome === "escalate") {
      cat.escalated += count;
      const key = group.category ?? UNKNOWN_CATEGORY;
      metrics.escalations_by_category[key] ??= {};
      const cross = metrics.escalations_by_category[key];
      for (const reason of group.reasons) {
        metrics.escalation_reasons[reason] = (metrics.escalation_reasons[reason] ?? 0) + count;
        cross[reason] = (cross[reason] ?? 0) + count;
      }
    }
    if (group.reasons.some((r) => KNOWLEDGE_GAP_REASONS.includes(r))) {
      const key = group.category ?? UNKNOWN_CATEGORY;
      gaps.set(key, (gaps.get(key) ?? 0) + count);
    }
  }
  for (const t of tickets) if (t.status === "ai_resolved") category(t.category).ai_resolved++;

  // Cents are summed as floats; round to micro-dollars so 0.1 + 0.2 does not print as 0.30000000000000004
  // (and sums taken in another order, as SQL takes them, print the same).
  metrics.cost.model_usd = roundUsd(metrics.cost.model_usd);
  const stayed = metrics.tickets.stayed_resolved;
  metrics.cost.per_stayed_resolved_usd = stayed > 0 ? roundUsd(metrics.cost.model_usd / stayed) : null;
  metrics.knowledge_gaps = [...gaps]
    .map(([name, count]) => ({ category: name, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  return metrics;
}

function countTickets(tickets: readonly TicketStanding[]): Metrics["tickets"] {
  const n = (test: (t: TicketStanding) => boolean) => tickets.filter(test).length;
  const resolved = (t: TicketStanding) => t.status === "ai_resolved";
  return {
    handled: n((t) => t.status !== "human_only"),
    ai_resolved: n(resolved),
    confirmed: n((t) => resolved(t) && t.confirmed),
    stayed_resolved: n((t) => t.resolution === "stayed"),
    false_resolutions: n((t) => t.resolution === "false"),
    reopened: n((t) => resolved(t) && t.reopened),
    recontacted: n((t) => resolved(t) && t.recontacted),
    escalated: n((t) => t.status === "escalated"),
    unresolved: n((t) => t.status === "unresolved"),
    waiting: n((t) => t.status === "waiting"),
    resolution_pending: n((t) => t.resolution === "pending"),
    human_only: n((t) => t.status === "human_only"),
  };
}

function csatByPath(tickets: readonly TicketStanding[]): Metrics["csat"] {
  const csat: Metrics["csat"] = {
    ai_resolved: { rated: 0, good: 0 },
    escalated: { rated: 0, good: 0 },
    human_only: { rated: 0, good: 0 },
  };
  for (const t of tickets) {
    if (t.csat === null) continue;
    // Unresolved and waiting tickets belong to no path: their rating says nothing about one.
    if (t.status !== "ai_resolved" && t.status !== "escalated" && t.status !== "human_only") continue;
    csat[t.status].rated++;
    if (t.csat === "good") csat[t.status].good++;
  }
  return csat;
}

function firstReply(tickets: readonly TicketStanding[]): Metrics["escalation_first_reply"] {
  const minutes = tickets
    .filter((t) => t.status === "escalated" && t.handoffToFirstHumanReplyMs !== null)
    .map((t) => (t.handoffToFirstHumanReplyMs ?? 0) / 60_000)
    .sort((a, b) => a - b);
  if (minutes.length === 0) return { replied: 0, median_minutes: null };
  const mid = Math.floor(minutes.length / 2);
  const median = minutes.length % 2 === 1 ? (minutes[mid] ?? 0) : ((minutes[mid - 1] ?? 0) + (minutes[mid] ?? 0)) / 2;
  return { replied: minutes.length, median_minutes: Math.round(median * 10) / 10 };
}

function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
