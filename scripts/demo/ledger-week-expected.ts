import type { DecisionRecord } from "../../src/domain/ledger.ts";
import type { MetricsReport } from "../../src/http/admin/admin-metrics-route.ts";

/** The answer of GET /admin/metrics, as JSON. */
export type WeekMetrics = MetricsReport;
type Expected = Omit<MetricsReport, "range" | "as_of" | "definitions">;

const round6 = (usd: number) => Math.round(usd * 1e6) / 1e6;

/**
 * What GET /admin/metrics must answer as of day 11 for the cast of ledger-week-part.ts, worked out by
 * hand from the definitions (README, "How Deskmate counts"; wait 72 h, 7 days to stay resolved).
 * Only the model cost is taken from the ledger itself: the sum of the decision rows' own costs.
 */
export function expectedWeek(rows: readonly DecisionRecord[]): Expected {
  const sum = (pick: (d: DecisionRecord) => number) => rows.reduce((total, d) => total + pick(d), 0);
  const modelUsd = round6(sum((d) => d.modelCostUsd));
  // T1 (solved alone, nothing after it), T2 (silent 72 h), T8 (silent, confirmed), T9 (solve filled in
  // by the nightly job): each held for the 7 days after its resolution.
  const stayed = 4;
  return {
    // One per customer message: the nine first messages, T8's "thanks" and T4b's first message.
    messages: 11,
    // Answers: T1, T2, T3, T4, T8, T9. Ask: T5. Escalations: T6, T4b (a person asked for).
    // Skips: T7 (a human owns it) and T8's confirmation (no reply needed).
    outcomes: { answered: 6, asked: 1, acted: 0, escalated: 2, skipped: 2 },
    tickets: {
      // Every ticket but T7, which only a human handled.
      handled: 9,
      // T1, T3, T4 (solved with no human reply), T2, T8 (silent 72 h), T9 (solved, reconciled).
      ai_resolved: 6,
      // T1 rated good, T8 said it worked.
      confirmed: 2,
      stayed_resolved: stayed,
      // T3 reopened on day 3, T4 re-contacted on day 4: both within 7 days of their solve.
      false_resolutions: 2,
      reopened: 1,
      recontacted: 1,
      // T6 and T4b.
      escalated: 2,
      // T5: the assistant asked, the customer never answered.
      unresolved: 1,
      // Day 11 is past every wait and every 7-day window.
      waiting: 0,
      resolution_pending: 0,
      human_only: 1,
    },
    escalation_reasons: { human_requested: 2 },
    // Both handoffs (T6, T4b) were "contact_support" messages asking for a person.
    escalations_by_category: { contact_support: { human_requested: 2 } },
    // T6's agent replied exactly 2 hours after the handoff; nobody has replied on T4b yet.
    escalation_first_reply: { replied: 1, median_minutes: 120 },
    // The recorded model outputs: answers are "refund", the ask "order_shipping", the handoffs
    // "contact_support"; AI-resolved tickets are all answers.
    by_category: {
      refund: { messages: 6, escalated: 0, ai_resolved: 6 },
      order_shipping: { messages: 1, escalated: 0, ai_resolved: 0 },
      contact_support: { messages: 2, escalated: 2, ai_resolved: 0 },
    },
    // T1 good (AI-resolved); T6 bad (escalated, then a human); T7 good (human-only baseline).
    csat: {
      ai_resolved: { rated: 1, good: 1 },
      escalated: { rated: 1, good: 0 },
      human_only: { rated: 1, good: 1 },
    },
    cost: {
      model_usd: modelUsd,
      per_stayed_resolved_usd: round6(modelUsd / stayed),
      input_tokens: sum((d) => d.tokens.input),
      output_tokens: sum((d) => d.tokens.output),
      cache_read_tokens: sum((d) => d.tokens.cacheRead),
      cache_write_tokens: sum((d) => d.tokens.cacheWrite),
    },
    // No decision of the week found the help center lacking.
    knowledge_gaps: [],
    // Nobody rated a handoff or reviewed a decision this week: every count zero, agreement unknown.
    handoff_ratings: {
      rated: 0,
      useful: 0,
      missing_section: {
        reasons: 0,
        customer_wants: 0,
        customer: 0,
        facts: 0,
        sources: 0,
        actions: 0,
        sentiment: 0,
        next_step: 0,
      },
      wrong_escalation: { should_have_answered: 0, should_have_asked: 0 },
    },
    reviews: {
      reviewed: 0,
      by_verdict: { right_call: 0, should_have_answered: 0, should_have_asked: 0, handoff_incomplete: 0 },
      agreement: null,
    },
  };
}

/** metric | value | expected | ok, for every number of the answer (and every one expected). */
export function metricRows(report: WeekMetrics, expected: Expected): string[][] {
  const { range: _range, as_of: _asOf, definitions: _definitions, ...got } = report;
  const actual = flatten(got);
  const want = flatten(expected);
  // The answer lists every escalation reason and intent category; the zero ones the cast does not name
  // are checked (each must be 0) but not printed, so the table shows what the week did.
  const unnamedZeros = [...actual].filter(([name, value]) => !want.has(name) && value === "0").map(([name]) => name);
  const names = [...new Set([...want.keys(), ...actual.keys()])].filter((name) => !unnamedZeros.includes(name));
  return names.map((name) => {
    const value = actual.get(name) ?? "—";
    const expectedValue = want.get(name) ?? "—";
    return [name, value, expectedValue, value === expectedValue ? "ok" : "MISMATCH"];
  });
}

/** Dotted paths to printable values; a list (knowledge gaps) is one value. */
function flatten(value: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (Array.isArray(value)) {
    const items = value as Array<{ category: string; count: number }>;
    into.set(prefix, items.length ? items.map((v) => `${v.category}: ${v.count}`).join(", ") : "none");
  } else {
    into.set(prefix, String(value));
  }
  return into;
}
