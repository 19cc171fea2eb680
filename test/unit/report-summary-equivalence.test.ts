import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent, LifecycleKind } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { classifyTicketFacts, classifyTickets } from "../../src/metrics/classify-tickets.ts";
import { computeMetrics, type MetricsOptions, summaryMetrics } from "../../src/metrics/compute-metrics.ts";
import type { LedgerReportQuery } from "../../src/ports/ledger.ts";
import { DAY, decision, event, HOUR, T0 } from "../support/ledger-rows.ts";
import { resolutionTable } from "../support/resolution-table.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

// The metrics API reduces rows to per-ticket facts in SQL (`Ledger.reportSummary`); the pure module
// reduces them in code (`computeMetrics`). Both must count exactly the same for the same ledger.

async function ledgerWith(decisions: readonly DecisionRecord[], events: readonly LifecycleEvent[]) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  db.database.exec("BEGIN");
  for (const d of decisions) expect(await ledger.recordDecision(d)).toBe(true);
  for (const e of events) expect(await ledger.recordLifecycle(e)).toBe(true);
  db.database.exec("COMMIT");
  return ledger;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const query = (from: string, to: string): LedgerReportQuery => ({
  platform: "zendesk",
  account: "acme",
  from: `${from}T00:00:00.000Z`,
  to: new Date(Date.parse(to) + DAY).toISOString(),
});

describe("reportSummary: the SQL path counts as the pure path", () => {
  it.each(resolutionTable)("definitions table: $rule", async ({ decisions, events, nowMs }) => {
    const ledger = await ledgerWith(decisions, events);
    const options: MetricsOptions = { from: day(T0 - 30 * DAY), to: day(T0 + 60 * DAY), now: new Date(T0 + nowMs) };
    const summary = await ledger.reportSummary(query(options.from, options.to));
    expect(classifyTicketFacts(summary.tickets, options)).toEqual(classifyTickets(decisions, events, options));
    expect(summaryMetrics(summary, options)).toEqual(computeMetrics(decisions, events, options));
  });

  it("a seeded random ledger of thousands of tickets: every ticket and every metric", async () => {
    const { decisions, events } = randomLedger(4000, 20_261_206);
    const ledger = await ledgerWith(decisions, events);
    const mine = (r: { platform: string; account: string }) => r.platform === "zendesk" && r.account === "acme";
    const ours = { decisions: decisions.filter(mine), events: events.filter(mine) };
    const from = day(T0 + 10 * DAY);
    const to = day(T0 + 40 * DAY);
    const summary = await ledger.reportSummary(query(from, to));
    const seen = new Set<string>();
    for (const options of [
      { from, to, now: new Date(T0 + 50 * DAY) },
      { from, to, now: new Date(T0 + 25 * DAY) },
      { from, to, now: new Date(T0 + 50 * DAY), resolutionWaitHours: 24, stayedResolvedDays: 3 },
    ] satisfies MetricsOptions[]) {
      const pure = new Map(classifyTickets(ours.decisions, ours.events, options).map((t) => [t.ticketId, t]));
      const sql = classifyTicketFacts(summary.tickets, options);
      expect(sql.length).toBeGreaterThan(1000);
      for (const ticket of sql) {
        expect(ticket).toEqual(pure.get(ticket.ticketId));
        seen.add(ticket.status).add(`${ticket.resolvedBy}`).add(`${ticket.resolution}`);
      }
      const metrics = summaryMetrics(summary, options);
      expect(metrics).toEqual(computeMetrics(ours.decisions, ours.events, options));
      expect(metrics.tickets.false_resolutions).toBeGreaterThan(0);
      expect(metrics.tickets.confirmed).toBeGreaterThan(0);
    }
    // Every status, both resolution rules and every resolution happened on the way.
    expect([...seen].sort()).toEqual(
      ["ai_resolved", "escalated", "human_only", "unresolved", "waiting"]
        .concat(["customer_silent", "solved_without_human_reply", "null"])
        .concat(["false", "pending", "stayed"])
        .sort(),
    );
  });
});

/** A small seeded generator: the same ledger on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KINDS: LifecycleKind[] = [
  "solved",
  "reopened",
  "customer_message",
  "customer_confirmed",
  "human_public_reply",
  "group_changed",
  "assignee_changed",
  "csat",
  "csat",
  "new_ticket_same_requester",
];
const OUTCOMES: DecisionRecord["outcome"][] = ["answer", "answer", "ask", "act", "escalate", "escalate", "skip"];
const REASONS = [[], ["knowledge_gap"], ["no_grounding", "knowledge_gap"], ["human_requested"], ["human_owned"]];
const CATEGORIES = ["billing", "shipping", null];
// Offsets from a ticket's latest decision that sit on and beside every limit the definitions draw:
// the 72h and 24h waits, the 7- and 3-day windows after a silent wait or a solve at 2h, ties.
const EDGES = [
  -HOUR,
  0,
  1,
  2 * HOUR,
  2 * HOUR + 1,
  24 * HOUR,
  24 * HOUR + 1,
  72 * HOUR - 1,
  72 * HOUR,
  72 * HOUR + 1,
  2 * HOUR + 3 * DAY,
  2 * HOUR + 7 * DAY,
  2 * HOUR + 7 * DAY + 1,
  24 * HOUR + 3 * DAY,
  72 * HOUR + 7 * DAY,
  72 * HOUR + 7 * DAY + 1,
  20 * DAY,
];

function randomLedger(tickets: number, seed: number): { decisions: DecisionRecord[]; events: LifecycleEvent[] } {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const decisions: DecisionRecord[] = [];
  const events: LifecycleEvent[] = [];
  for (let n = 0; n < tickets; n++) {
    // A few tickets of another account and platform with the same ids: never counted.
    const where = rnd() < 0.05 ? pick([{ account: "globex" }, { platform: "intercom" as const }]) : {};
    const ticketId = String(n);
    // Tickets open from 5 days before the report to 5 days after it (T0 + 10d .. T0 + 40d).
    const base = T0 + 5 * DAY + Math.floor(rnd() * 40) * DAY + Math.floor(rnd() * 24) * HOUR;
    const count = rnd() < 0.15 ? 0 : 1 + Math.floor(rnd() * 4);
    let latest = base;
    for (let k = 0; k < count; k++) {
      // Whole hours, often equal: decisions at the same time order by event id, not by arrival.
      const ms = base + Math.floor(rnd() * 3) * HOUR;
      latest = Math.max(latest, ms);
      const outcome = pick(OUTCOMES);
      decisions.push(
        decision({
          ...where,
          ticketId,
          eventId: `d-${ticketId}-${pick(["a", "b", "c"])}${k}`,
          decidedAt: new Date(ms).toISOString(),
          outcome,
          reasons: pick(REASONS),
          category: pick(CATEGORIES),
          publicReply: outcome !== "skip" && rnd() < 0.85,
          modelCostUsd: Math.floor(rnd() * 200) / 10_000,
          tokens: { input: Math.floor(rnd() * 5000), output: Math.floor(rnd() * 500), cacheRead: 7, cacheWrite: 3 },
        }),
      );
    }
    const eventCount = Math.floor(rnd() * 6);
    for (let k = 0; k < eventCount; k++) {
      const kind = pick(KINDS);
      // Ratings often at the same moment, so "the latest rating" needs its tie-break.
      const sameMoment = kind === "csat" && rnd() < 0.5;
      const ms = sameMoment ? latest + DAY : rnd() < 0.7 ? latest + pick(EDGES) : base + Math.floor(rnd() * 10 * DAY);
      events.push(
        event(kind, ms - T0, {
          ...where,
          ticketId,
          eventId: `e-${ticketId}-${pick(["x", "y"])}${k}`,
          rating: kind === "csat" ? pick(["good", "good", "bad", null] as const) : null,
        }),
      );
    }
  }
  return { decisions, events };
}
