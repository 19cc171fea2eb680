import type { ShadowRows } from "../domain/shadow-scoring.ts";
import { wilsonInterval } from "../metrics/wilson-interval.ts";
import {
  type DecisionScore,
  EDITED_MAX_DISTANCE,
  SIMILARITY_AGREES,
  SCORE_WINDOW_DAYS,
  scoreDecision,
} from "./score-decision.ts";

/** How many of the most added human tags a category lists. */
export const TOP_TAGS = 5;

/** A share with its count and its 95% Wilson interval; rate and interval are null without a sample. */
export interface ScoredShare {
  count: number;
  total: number;
  rate: number | null;
  interval: { low: number; high: number; method: "wilson_95" } | null;
}

export interface CategoryReadiness {
  category: string;
  /** Shadow and draft decisions the human has acted on (the decision-agreement sample). */
  samples: number;
  /** Decisions no human acted on yet in their window: not scored. */
  pending: number;
  decision_agreement: ScoredShare;
  /** Proposed replies against human replies whose text the ledger kept. */
  answer_agreement: ScoredShare & { conflicting_facts: number; judged: number; mean_similarity: number | null };
  /** Draft mode: suggestions sent unchanged or edited, of those the human acted on. */
  draft_acceptance: ScoredShare & {
    unchanged: number;
    edited: number;
    discarded: number;
    mean_edit_distance: number | null;
  };
  /**
   * Scored or pending decisions after which a human added tags in the window (of all the category's
   * decisions), and the tags they added most (at most `TOP_TAGS`, most first). Shown, not gated on.
   */
  human_tagged: ScoredShare & { top_tags: Array<{ tag: string; count: number }> };
  ready: boolean;
  /** Why not (empty when ready): `samples`, `decision_agreement`, `answer_agreement`. */
  not_ready_because: Array<"samples" | "decision_agreement" | "answer_agreement">;
}

export interface Readiness {
  definitions: {
    threshold: number;
    min_samples: number;
    interval: "wilson_95";
    window_days: number;
    similarity_agrees: number;
    edited_max_distance: number;
  };
  categories: CategoryReadiness[];
  /** The categories ready for autosend, sorted. */
  ready_categories: string[];
}

export interface ReadinessOptions {
  /** The range's decisions are scored: `from` inclusive, `to` exclusive (ISO-8601). */
  from: string;
  to: string;
  /** The lower bound of decision agreement (and of answer agreement where there are answers) must reach this. */
  threshold: number;
  minSamples: number;
}

/**
 * Readiness per intent category from one account's shadow rows: each shadow or draft decision of the
 * range scored (src/rollout/score-decision.ts) and counted per category. A category is ready for
 * autosend when it has at least `minSamples` scored decisions, the Wilson 95% lower bound of its
 * decision agreement reaches `threshold`, and so does that of its answer agreement when it has any
 * scored answers. Categories sorted by name. Pure.
 */
export function shadowReadiness(rows: ShadowRows, options: ReadinessOptions): Readiness {
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  const byTicket = new Map<string, number[]>();
  for (const d of rows.decisions) {
    if (d.outcome === "skip") continue;
    byTicket.set(d.ticketId, [...(byTicket.get(d.ticketId) ?? []), Date.parse(d.decidedAt)]);
  }
  // A failed call (no verdict) leaves the pair to the deterministic measure.
  const verdicts = new Map<string, boolean>();
  for (const j of rows.judgements ?? [])
    if (j.agrees !== null) verdicts.set(`${j.decisionEventId}|${j.replyEventId}`, j.agrees);
  // Each decision looks at its own ticket's events only: linear in the rows, not decisions × events.
  const eventsByTicket = new Map<string, ShadowRows["events"]>();
  for (const e of rows.events) eventsByTicket.set(e.ticketId, [...(eventsByTicket.get(e.ticketId) ?? []), e]);
  const scores: DecisionScore[] = [];
  for (const d of rows.decisions) {
    const ms = Date.parse(d.decidedAt);
    if (d.outcome === "skip" || (d.mode !== "shadow" && d.mode !== "draft") || ms < from || ms >= to) continue;
    const later = (byTicket.get(d.ticketId) ?? []).filter((t) => t > ms);
    const end = later.length ? Math.min(...later) : Number.POSITIVE_INFINITY;
    scores.push(scoreDecision(d, eventsByTicket.get(d.ticketId) ?? [], end, verdicts));
  }
  const categories = [...new Set(scores.map((s) => s.category))].sort().map((category) =>
    categoryReadiness(
      category,
      scores.filter((s) => s.category === category),
      options,
    ),
  );
  return {
    definitions: {
      threshold: options.threshold,
      min_samples: options.minSamples,
      interval: "wilson_95",
      window_days: SCORE_WINDOW_DAYS,
      similarity_agrees: SIMILARITY_AGREES,
      edited_max_distance: EDITED_MAX_DISTANCE,
    },
    categories,
    ready_categories: categories.filter((c) => c.ready).map((c) => c.category),
  };
}

function categoryReadiness(category: string, scores: DecisionScore[], options: ReadinessOptions): CategoryReadiness {
  const acted = scores.filter((s) => s.decisionAgrees !== null);
  const answers = scores.flatMap((s) => (s.answer ? [s.answer] : []));
  const drafts = scores.flatMap((s) => (s.draft ? [s.draft] : []));
  const decision = share(acted.filter((s) => s.decisionAgrees).length, acted.length);
  const answer = share(answers.filter((a) => a.agrees).length, answers.length);
  const count = (result: string) => drafts.filter((d) => d.result === result).length;
  const distances = drafts.flatMap((d) => (d.editDistance === null ? [] : [d.editDistance]));
  const notReady: CategoryReadiness["not_ready_because"] = [];
  if (acted.length < options.minSamples) notReady.push("samples");
  if ((decision.interval?.low ?? 0) < options.threshold) notReady.push("decision_agreement");
  if (answers.length > 0 && (answer.interval?.low ?? 0) < options.threshold) notReady.push("answer_agreement");
  return {
    category,
    samples: acted.length,
    pending: scores.length - acted.length,
    decision_agreement: decision,
    answer_agreement: {
      ...answer,
      conflicting_facts: answers.filter((a) => a.facts.conflicts > 0).length,
      judged: answers.filter((a) => a.judged !== null).length,
      mean_similarity: mean(answers.map((a) => a.similarity)),
    },
    draft_acceptance: {
      ...share(count("unchanged") + count("edited"), drafts.length),
      unchanged: count("unchanged"),
      edited: count("edited"),
      discarded: count("discarded"),
      mean_edit_distance: mean(distances),
    },
    human_tagged: {
      ...share(scores.filter((s) => s.humanTags.length > 0).length, scores.length),
      top_tags: topTags(scores),
    },
    ready: notReady.length === 0,
    not_ready_because: notReady,
  };
}

function topTags(scores: DecisionScore[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const s of scores) for (const tag of s.humanTags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, TOP_TAGS)
    .map(([tag, count]) => ({ tag, count }));
}

function share(count: number, total: number): ScoredShare {
  const interval = wilsonInterval(count, total);
  return {
    count,
    total,
    rate: total === 0 ? null : round(count / total),
    interval: interval ? { low: round(interval.low), high: round(interval.high), method: "wilson_95" } : null,
  };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
