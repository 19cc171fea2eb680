import { describe, expect, it } from "vitest";
import type { GuardEvent } from "../../src/domain/stage-guard.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import {
  guardedCategoriesKey,
  readGuardedCategories,
  writeGuardedCategories,
} from "../../src/state/guarded-categories.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { at, DAY, decision, event } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const ACME = { platform: "zendesk" as const, account: "acme" };

function guardEvent(overrides: Partial<GuardEvent>): GuardEvent {
  return {
    ...ACME,
    cohortKind: "category",
    cohort: "refund",
    action: "tripped",
    reason: "false_resolution_rate",
    rate: 0.4,
    samples: 20,
    threshold: 0.15,
    windowDays: 14,
    at: at(0),
    actor: "guard",
    ...overrides,
  };
}

describe("the guard's ledger rows (migration 0008)", () => {
  it("keeps every action; a category's latest one is its state", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordGuardEvent(guardEvent({ at: at(0) }));
    await ledger.recordGuardEvent(guardEvent({ cohort: "billing", reason: "bad_csat_rate", at: at(1000) }));
    await ledger.recordGuardEvent(
      guardEvent({
        action: "re_enabled",
        reason: "admin",
        rate: null,
        samples: null,
        threshold: null,
        actor: "admin",
        at: at(2000),
      }),
    );
    await ledger.recordGuardEvent(guardEvent({ ...ACME, platform: "intercom", account: "ws_1" }));

    const states = await ledger.guardStates(ACME);
    expect(states.map((s) => [s.cohort, s.action, s.actor])).toEqual([
      ["billing", "tripped", "guard"],
      ["refund", "re_enabled", "admin"],
    ]);
    expect(states[1]).toEqual(
      guardEvent({
        action: "re_enabled",
        reason: "admin",
        rate: null,
        samples: null,
        threshold: null,
        actor: "admin",
        at: at(2000),
      }),
    );
    const history = await ledger.guardEvents(ACME, { limit: 2 });
    expect(history.map((e) => [e.cohort, e.action])).toEqual([
      ["refund", "re_enabled"],
      ["billing", "tripped"],
    ]);
    await expect(ledger.guardEvents(ACME, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(ledger.recordGuardEvent(guardEvent({ at: "yesterday" }))).rejects.toThrow(/at:/);
  });

  it("reads whole tickets that got an autosent reply in the range, never the control arm's", async () => {
    const ledger = d1Ledger(sqliteD1());
    const rows = [
      // Autosent in range: both its decisions and its event are read.
      decision({ ticketId: "1", decidedAt: at(0) }),
      decision({ ticketId: "1", decidedAt: at(-2 * DAY), publicReply: false, outcome: "ask" }),
      // A draft only: not watched.
      decision({ ticketId: "2", decidedAt: at(0), publicReply: false, mode: "draft" }),
      // The control arm: never watched.
      decision({ ticketId: "3", decidedAt: at(0), arm: "control" }),
      // Autosent before the range.
      decision({ ticketId: "4", decidedAt: at(-20 * DAY) }),
    ];
    for (const row of rows) await ledger.recordDecision(row);
    await ledger.recordLifecycle(event("reopened", DAY, { ticketId: "1" }));
    await ledger.recordLifecycle(event("reopened", DAY, { ticketId: "2" }));
    const read = await ledger.guardRows({ ...ACME, from: at(-DAY), to: at(DAY) });
    expect(read.decisions.map((d) => [d.ticketId, d.outcome, d.arm, d.fingerprint]).sort()).toEqual([
      ["1", "answer", null, "f1"],
      ["1", "ask", null, "f1"],
    ]);
    expect(read.events.map((e) => [e.ticketId, e.kind])).toEqual([["1", "reopened"]]);
  });
});

describe("the guarded categories in the state store", () => {
  const store = () => new StateStore(new MemoryKvStore(), ACME);
  const fallback = {
    since: at(0),
    reason: "bad_csat_rate" as const,
    rate: 0.3,
    samples: 20,
    threshold: 0.25,
    windowDays: 14,
  };

  it("round-trips, and an absent key guards nothing", async () => {
    const s = store();
    const log = createMemoryLogger().logger;
    expect(await readGuardedCategories(s, log)).toEqual({ categories: {} });
    await writeGuardedCategories(s, { billing: fallback });
    expect(await readGuardedCategories(s, log)).toEqual({ categories: { billing: fallback } });
    expect(guardedCategoriesKey(s)).toBe("dm:zendesk:acme:rollout:guarded_categories");
  });

  it("an unreadable value drafts every category, and says so in the log", async () => {
    const s = store();
    const { logger, lines } = createMemoryLogger();
    for (const bad of ["{not json", '{"v":1,"categories":{"billing":{"since":1}}}', '{"v":2,"categories":{}}']) {
      await s.kv.set(guardedCategoriesKey(s), bad, 60);
      expect(await readGuardedCategories(s, logger)).toEqual({ categories: {}, unreadable: true });
    }
    expect(lines.filter((l) => String(l.msg).startsWith("guarded categories unreadable"))).toHaveLength(3);
  });
});
