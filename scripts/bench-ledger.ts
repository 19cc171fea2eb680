/**
 * The ledger's part of `npm run bench`, on SQLite through node:sqlite (the engine D1 runs; on D1 each
 * statement also pays a round trip to the database):
 * - write cost per customer message: its decision row plus its lifecycle row (`comment:<id>`), on a file
 *   database already holding the synthetic history, so the indexes have their real size;
 * - one metrics report as `/admin/metrics` makes it: `Ledger.reportSummary` (the rows reduced in SQL to
 *   a row per ticket) plus `summaryMetrics`, over ~100,000 synthetic decisions on ~30,000 tickets in 90
 *   days (and ~10,000 human-only tickets), p50 of a few runs; and, for comparison, the same report
 *   from whole rows (`Ledger.reportRows` plus `computeMetrics`);
 * - the Knowledge page's example questions over the same 90 days (`Ledger.knowledgeGapExamples`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Handoff } from "../src/domain/handoff.ts";
import type { DecisionRecord, LifecycleEvent } from "../src/domain/ledger.ts";
import { d1Ledger } from "../src/ledger/d1-ledger.ts";
import { computeMetrics, summaryMetrics } from "../src/metrics/compute-metrics.ts";
import { sqliteD1 } from "../test/support/sqlite-d1.ts";

const DECISIONS = Number(process.env.BENCH_LEDGER_DECISIONS ?? 100_000);
const HUMAN_ONLY = Math.round(DECISIONS * 0.1);
const DAYS = 90;
const WRITES = Number(process.env.BENCH_LEDGER_WRITES ?? 2000);
const REPORT_RUNS = Number(process.env.BENCH_LEDGER_RUNS ?? 5);
const START = Date.parse("2026-01-01T00:00:00Z");
const DAY = 86_400_000;

/** A small seeded generator: the same history on every run. */
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

const HANDOFF: Handoff = {
  reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
  urgency: "normal",
  customerWants: "A refund for order ****1234",
  customer: {
    name: null,
    verified: true,
    organization: null,
    tags: ["plan_pro"],
    customerSince: "2024-01-02",
    recentTickets: [
      { id: "41", subject: "Late parcel", status: "solved", url: "https://acme.zendesk.com/agent/tickets/41" },
    ],
  },
  facts: ["Order shipped 2025-12-30"],
  sourcesChecked: [{ title: "Refunds", url: "https://help.acme.test/refunds" }],
  actionsAttempted: [],
  sentimentTrend: "steady",
  suggestedNextStep: "Check the order and approve the refund.",
  missing: [],
};
const CATEGORIES = ["billing", "shipping", "account", "returns", "technical", null];
const OUTCOMES: Array<[DecisionRecord["outcome"], number]> = [
  ["answer", 0.45],
  ["ask", 0.15],
  ["escalate", 0.25],
  ["act", 0.05],
  ["skip", 0.1],
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function outcomeOf(rnd: () => number): DecisionRecord["outcome"] {
  let r = rnd();
  for (const [outcome, share] of OUTCOMES) {
    r -= share;
    if (r < 0) return outcome;
  }
  return "answer";
}

const EXCERPT = `${"I was charged twice for my subscription this month and need the second charge refunded. ".repeat(4).slice(0, 279)}…`;

function decisionRow(ticket: number, n: number, ms: number, rnd: () => number): DecisionRecord {
  const outcome = outcomeOf(rnd);
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: String(ticket),
    commentId: `${ticket}-${n}`,
    eventId: `evt-${ticket}-${n}`,
    requesterId: `u-${ticket % 20_000}`,
    decidedAt: new Date(ms).toISOString(),
    mode: "autosend",
    outcome,
    reasons: outcome === "escalate" ? ["human_requested"] : rnd() < 0.05 ? ["knowledge_gap"] : [],
    category: pick(rnd, CATEGORIES),
    confidence: Math.round(rnd() * 100) / 100,
    arm: "assistant",
    publicReply: outcome === "answer" || outcome === "act",
    models: ["claude-sonnet-4-5"],
    tokens: { input: 3000 + Math.floor(rnd() * 2000), output: 300, cacheRead: 2000, cacheWrite: 0 },
    modelCostUsd: 0.0135,
    helpdeskReads: 4,
    helpdeskWrites: outcome === "skip" ? 0 : 2,
    latencyMs: 1500 + Math.floor(rnd() * 2000),
    sources: [
      { id: "article-12", ageDays: 30 },
      { id: "article-40", ageDays: 200 },
    ],
    action: outcome === "act" ? { name: "resend_invoice", result: "ok" } : null,
    handoff: outcome === "escalate" ? HANDOFF : null,
    fingerprint: "sha256:0f3a9c",
    // The longest excerpt a row keeps, so the write cost measured is the worst case of that column.
    messageExcerpt: outcome === "skip" ? null : EXCERPT,
  };
}

function lifecycleRow(ticket: number, kind: LifecycleEvent["kind"], ms: number, id: string): LifecycleEvent {
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: String(ticket),
    kind,
    at: new Date(ms).toISOString(),
    eventId: id,
    requesterId: `u-${ticket % 20_000}`,
    rating: null,
    detail: null,
  };
}

/** The synthetic history: DECISIONS decisions on ~0.3 x DECISIONS tickets, their lifecycle, and human-only tickets. */
function* history(): Generator<DecisionRecord | LifecycleEvent> {
  const rnd = random(12);
  let made = 0;
  for (let ticket = 1; made < DECISIONS; ticket++) {
    const opened = START + Math.floor(rnd() * (DAYS - 1) * DAY);
    // 1 to 6 decisions, 3.3 on average: DECISIONS / 3.3 tickets.
    const count = Math.min(DECISIONS - made, 1 + Math.floor(rnd() * 5.66));
    let ms = opened;
    let last: DecisionRecord | undefined;
    for (let n = 0; n < count; n++) {
      ms += Math.floor(rnd() * 6 * 3_600_000);
      last = decisionRow(ticket, n, ms, rnd);
      yield lifecycleRow(ticket, "customer_message", ms - 1000, `comment:${ticket}-${n}`);
      yield last;
      made++;
    }
    if (!last) continue;
    if (last.outcome === "escalate") {
      yield lifecycleRow(ticket, "group_changed", ms + 60_000, `group_changed:${ticket}:${ms + 60_000}:tier2`);
      yield lifecycleRow(ticket, "human_public_reply", ms + 3_600_000, `comment:${ticket}-h`);
    }
    if (rnd() < 0.6) yield lifecycleRow(ticket, "solved", ms + 7_200_000, `status:${ticket}:solved:${ms}`);
    if (rnd() < 0.05) yield lifecycleRow(ticket, "reopened", ms + 2 * DAY, `status:${ticket}:reopened:${ms}`);
    if (rnd() < 0.03) {
      yield {
        ...lifecycleRow(ticket, "new_ticket_same_requester", ms + 3 * DAY, `recontact:${ticket}:r`),
        detail: "r",
      };
    }
    if (rnd() < 0.25) {
      const rating = rnd() < 0.8 ? "good" : "bad";
      yield { ...lifecycleRow(ticket, "csat", ms + DAY, `csat:${ticket}:${rating}`), rating };
    }
  }
  for (let i = 0; i < HUMAN_ONLY; i++) {
    const ticket = 1_000_000 + i;
    const ms = START + Math.floor(rnd() * (DAYS - 1) * DAY);
    yield lifecycleRow(ticket, "solved", ms, `status:${ticket}:solved:${ms}`);
    if (rnd() < 0.3) yield { ...lifecycleRow(ticket, "csat", ms + DAY, `csat:${ticket}:good`), rating: "good" };
  }
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

export async function benchLedger(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "deskmate-ledger-bench-"));
  try {
    const db = sqliteD1(join(dir, "ledger.sqlite"));
    // Write-ahead log, as D1's storage keeps it; the default rollback journal would measure fsyncs instead.
    db.database.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    const ledger = d1Ledger(db);
    const version = (db.database.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;

    // The history goes in in time order, as the worker records it (so rows of one day sit together on
    // disk), in one transaction: seeding is not what is measured.
    const timeOf = (row: DecisionRecord | LifecycleEvent) => Date.parse("outcome" in row ? row.decidedAt : row.at);
    const rows = [...history()].sort((a, b) => timeOf(a) - timeOf(b));
    let decisions = 0;
    let events = 0;
    db.database.exec("BEGIN");
    for (const row of rows) {
      if ("outcome" in row) {
        await ledger.recordDecision(row);
        decisions++;
      } else {
        await ledger.recordLifecycle(row);
        events++;
      }
    }
    db.database.exec("COMMIT");
    const tickets = Number(
      (db.database.prepare("SELECT COUNT(DISTINCT ticket_id) AS n FROM decisions").get() as { n: number }).n,
    );

    // Write cost: what one customer message adds, each statement its own transaction as on D1.
    const rnd = random(7);
    const writeMs: number[] = [];
    const writeCpu = process.cpuUsage();
    for (let i = 0; i < WRITES; i++) {
      const ticket = 2_000_000 + i;
      // After the report's days, so the report reads the same history whatever WRITES is.
      const ms = START + (DAYS + 1) * DAY + i;
      const row = decisionRow(ticket, 0, ms, rnd);
      const started = performance.now();
      await ledger.recordDecision(row);
      await ledger.recordLifecycle(lifecycleRow(ticket, "customer_message", ms - 1000, `comment:${ticket}-0`));
      writeMs.push(performance.now() - started);
    }
    const writeCpuMs = cpuMs(process.cpuUsage(writeCpu)) / WRITES;

    // One report over the whole 90 days: the largest read a report of this history can make.
    const from = new Date(START).toISOString().slice(0, 10);
    const to = new Date(START + (DAYS - 1) * DAY).toISOString().slice(0, 10);
    const now = new Date(START + (DAYS + 10) * DAY);
    const query = {
      platform: "zendesk" as const,
      account: "acme",
      from: `${from}T00:00:00.000Z`,
      to: new Date(Date.parse(to) + DAY).toISOString(),
    };
    const options = { from, to, now };
    /** p50 wall, SQL read and CPU of REPORT_RUNS runs of one way to make the report. */
    const measure = async (report: () => Promise<{ afterRead: number; metrics: unknown }>) => {
      const readMs: number[] = [];
      const totalMs: number[] = [];
      const totalCpuMs: number[] = [];
      let metrics: unknown;
      for (let run = 0; run < REPORT_RUNS; run++) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const done = await report();
        readMs.push(done.afterRead - started);
        totalMs.push(performance.now() - started);
        totalCpuMs.push(cpuMs(process.cpuUsage(cpu)));
        metrics = done.metrics;
      }
      return { wall: median(totalMs), read: median(readMs), cpu: median(totalCpuMs), metrics };
    };
    let read = { tickets: 0, groups: 0, decisions: 0, events: 0 };
    const summarized = await measure(async () => {
      const summary = await ledger.reportSummary(query);
      const afterRead = performance.now();
      read = { ...read, tickets: summary.tickets.length, groups: summary.messages.length };
      return { afterRead, metrics: summaryMetrics(summary, options) };
    });
    const fromRows = await measure(async () => {
      const rows = await ledger.reportRows(query);
      const afterRead = performance.now();
      read = { ...read, decisions: rows.decisions.length, events: rows.events.length };
      return { afterRead, metrics: computeMetrics(rows.decisions, rows.events, options) };
    });
    // A faster report that counts differently would be no report: the two paths must agree.
    if (!isDeepStrictEqual(summarized.metrics, fromRows.metrics)) {
      throw new Error(
        `bench: the metrics from reportSummary differ from the metrics from reportRows:\n` +
          `${JSON.stringify(summarized.metrics)}\n${JSON.stringify(fromRows.metrics)}`,
      );
    }

    // The Knowledge page's example questions: one windowed read of the range's gap decisions.
    const examplesMs: number[] = [];
    let examples = 0;
    for (let run = 0; run < REPORT_RUNS; run++) {
      const started = performance.now();
      examples = (await ledger.knowledgeGapExamples({ ...query, perCategory: 3 })).length;
      examplesMs.push(performance.now() - started);
    }

    const fmt = (n: number) => n.toFixed(2);
    // CPU time next to wall time: on a busy machine the wall time also counts waiting for a core.
    return [
      `ledger engine: SQLite ${version} through node:sqlite, a file database in WAL mode (D1 runs SQLite too and ` +
        `adds a network round trip per statement)`,
      `ledger write per customer message (decision + lifecycle row, ${WRITES} messages over ${decisions} decisions): ` +
        `wall p50 ${fmt(median(writeMs))} ms, p95 ${fmt(p95(writeMs))} ms; CPU ${fmt(writeCpuMs)} ms (target < 5 ms)`,
      `metrics report over ${DAYS} days (${read.tickets} tickets and ${read.groups} message groups read, reduced ` +
        `in SQL from ${decisions} decisions on ${tickets} tickets and ${events} lifecycle events; p50 of ` +
        `${REPORT_RUNS} runs): wall ${fmt(summarized.wall)} ms (SQL ${fmt(summarized.read)} ms + summaryMetrics), ` +
        `CPU ${fmt(summarized.cpu)} ms (target < 500 ms)`,
      `  the same report from whole rows (${read.decisions} decisions and ${read.events} lifecycle events read): ` +
        `wall ${fmt(fromRows.wall)} ms (SQL read ${fmt(fromRows.read)} ms + computeMetrics), CPU ${fmt(fromRows.cpu)} ms; ` +
        `same metrics`,
      `knowledge gap examples over ${DAYS} days (${examples} questions, the newest 3 per category; p50 of ` +
        `${REPORT_RUNS} runs): wall ${fmt(median(examplesMs))} ms`,
      `machine load during the ledger lines: ${loadavg()[0]?.toFixed(1)} (1-minute average) on ${availableParallelism()} cores`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
