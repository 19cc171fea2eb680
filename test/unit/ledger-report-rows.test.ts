import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { D1Like } from "../../src/ledger/d1-ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { computeMetrics } from "../../src/metrics/compute-metrics.ts";
import type { LedgerReportQuery } from "../../src/ports/ledger.ts";
import { DAY, decision, event, HOUR, T0 } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

// T0 is Monday 2 March 2026, 10:00 UTC; the report covers 2 to 8 March.
const RANGE: LedgerReportQuery = {
  platform: "zendesk",
  account: "acme",
  from: "2026-03-02T00:00:00.000Z",
  to: "2026-03-09T00:00:00.000Z",
};

/** D1 refuses a statement with more than 100 bound parameters; the shim alone would not. */
function d1WithParameterCap(): D1Like {
  const db = sqliteD1();
  return {
    prepare: (sql) => {
      const capped = (statement: ReturnType<D1Like["prepare"]>, bound: number): ReturnType<D1Like["prepare"]> => ({
        bind: (...values) => {
          if (bound + values.length > 100) throw new Error(`too many SQL variables: ${bound + values.length}`);
          return capped(statement.bind(...values), bound + values.length);
        },
        run: () => statement.run(),
        all: () => statement.all(),
        raw: () => statement.raw(),
      });
      return capped(db.prepare(sql), 0);
    },
    batch: (statements) => db.batch(statements),
  };
}

const ids = (rows: Array<{ eventId: string }>) => rows.map((r) => r.eventId).sort();

async function seeded(rows: { decisions: DecisionRecord[]; events: LifecycleEvent[] }) {
  const ledger = d1Ledger(d1WithParameterCap());
  for (const d of rows.decisions) await ledger.recordDecision(d);
  for (const e of rows.events) await ledger.recordLifecycle(e);
  return ledger;
}

describe("d1Ledger reportRows", () => {
  it("reads whole tickets decided in the range and the events of tickets without decisions", async () => {
    const t = (ticketId: string) => ({ ticketId });
    const decisions = [
      // Ticket 1: first seen in the range, decided again after it: both decisions.
      decision({ ...t("1"), eventId: "d1a", decidedAt: new Date(T0).toISOString() }),
      decision({ ...t("1"), eventId: "d1b", decidedAt: new Date(T0 + 10 * DAY).toISOString() }),
      // Ticket 2: first seen before the range, decided again in it: the earlier decision too, so the
      // metrics see that it was first seen before the range.
      decision({ ...t("2"), eventId: "d2a", decidedAt: new Date(T0 - 5 * DAY).toISOString() }),
      decision({ ...t("2"), eventId: "d2b", decidedAt: new Date(T0 + DAY).toISOString() }),
      // Ticket 3: decided only after the range: nothing.
      decision({ ...t("3"), eventId: "d3", decidedAt: new Date(T0 + 9 * DAY).toISOString() }),
      // The same ticket id on another account and another platform: nothing.
      decision({ ...t("1"), account: "globex", eventId: "dg" }),
      decision({ ...t("1"), platform: "intercom", eventId: "di" }),
    ];
    const events = [
      event("solved", 2 * HOUR, { ...t("1"), eventId: "e1-solved" }),
      event("reopened", 12 * DAY, { ...t("1"), eventId: "e1-reopened-later" }),
      event("csat", -4 * DAY, { ...t("2"), eventId: "e2-csat-before", rating: "good" }),
      // Ticket 3 has an event in the range but a decision later: not a human-only ticket.
      event("solved", DAY, { ...t("3"), eventId: "e3" }),
      // Ticket 4, never decided: rated in the range; its earlier solve comes along.
      event("solved", -2 * DAY, { ...t("4"), eventId: "e4-solved" }),
      event("csat", 2 * DAY, { ...t("4"), eventId: "e4-csat", rating: "bad" }),
      // Ticket 5, never decided, nothing in the range: nothing.
      event("csat", -3 * DAY, { ...t("5"), eventId: "e5", rating: "good" }),
      event("csat", DAY, { ...t("1"), account: "globex", eventId: "eg", rating: "good" }),
    ];
    const ledger = await seeded({ decisions, events });
    const report = await ledger.reportRows(RANGE);
    expect(ids(report.decisions)).toEqual(["d1a", "d1b", "d2a", "d2b"]);
    expect(ids(report.events)).toEqual(["e1-reopened-later", "e1-solved", "e2-csat-before", "e4-csat", "e4-solved"]);
    // The fields the metrics read come back as written.
    const { platform, account, ticketId, eventId, decidedAt, outcome, reasons, category, publicReply } = decisions[0]!;
    expect(report.decisions.find((d) => d.eventId === "d1a")).toEqual({
      ...{ platform, account, ticketId, eventId, decidedAt, outcome, reasons, category, publicReply },
      modelCostUsd: 0.01,
      tokens: { input: 1000, output: 200, cacheRead: 0, cacheWrite: 0 },
    });
    const { kind, at, rating } = events[2]!;
    expect(report.events.find((e) => e.eventId === "e2-csat-before")).toEqual({
      ...{ platform: "zendesk", account: "acme", ticketId: "2", eventId: "e2-csat-before" },
      ...{ kind, at, rating },
    });
  });

  it("gives the same metrics as all of the account's rows, over many tickets, within D1's parameter cap", async () => {
    const decisions: DecisionRecord[] = [];
    const events: LifecycleEvent[] = [];
    const outcomes = ["answer", "ask", "escalate", "skip", "act"] as const;
    // 150 tickets from 10 days before the range to 10 days after it: more ids than D1 would bind.
    for (let i = 0; i < 150; i++) {
      const ticketId = String(1000 + i);
      const start = T0 + (i - 50) * 4 * HOUR;
      const outcome = outcomes[i % outcomes.length] ?? "answer";
      decisions.push(
        decision({ ticketId, eventId: `d${i}`, decidedAt: new Date(start).toISOString(), outcome, modelCostUsd: 0.01 }),
      );
      // Every other ticket is decided again three days later: some across the range's edges.
      if (i % 2 === 0) {
        const later = new Date(start + 3 * DAY).toISOString();
        decisions.push(decision({ ticketId, eventId: `d${i}-later`, decidedAt: later, modelCostUsd: 0.02 }));
      }
      if (i % 3 === 0) events.push(event("solved", start - T0 + HOUR, { ticketId, eventId: `s${i}` }));
      if (i % 7 === 0) events.push(event("reopened", start - T0 + 2 * DAY, { ticketId, eventId: `r${i}` }));
      if (i % 4 === 0) events.push(event("csat", start - T0 + DAY, { ticketId, eventId: `c${i}`, rating: "good" }));
      // Human-only tickets, rated.
      if (i % 5 === 0) {
        events.push(event("csat", start - T0, { ticketId: `h${i}`, eventId: `h${i}`, rating: i % 2 ? "good" : "bad" }));
      }
    }
    const ledger = await seeded({ decisions, events });
    const report = await ledger.reportRows(RANGE);
    const options = { from: "2026-03-02", to: "2026-03-08", now: new Date(T0 + 40 * DAY) };
    const expected = computeMetrics(decisions, events, options);
    expect(expected.messages).toBeGreaterThan(0);
    expect(expected.csat.human_only.rated).toBeGreaterThan(0);
    expect(computeMetrics(report.decisions, report.events, options)).toEqual(expected);
    expect(report.decisions.length).toBeLessThan(decisions.length);
  });

  it("names the field and the fix for a bad query", async () => {
    const ledger = d1Ledger(sqliteD1());
    await expect(ledger.reportRows({ ...RANGE, account: " " })).rejects.toThrow(/^account: empty/);
    await expect(ledger.reportRows({ ...RANGE, from: "2026-03-02" })).rejects.toThrow(/^from: .*ISO-8601/);
    await expect(ledger.reportRows({ ...RANGE, from: RANGE.to, to: RANGE.from })).rejects.toThrow(/^from: .*swap/);
  });
});
