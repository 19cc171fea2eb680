import { describe, expect, it } from "vitest";
import type { BusinessSchedule } from "../../src/handoff/business-hours.ts";
import { estimateWait, friendlyRange } from "../../src/handoff/estimate-wait.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { parseWeeklyHours } from "../../src/lib/parse-weekly-hours.ts";
import { decision, event, HOUR, T0 } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const MINUTE = 60_000;
const WEEK = 7 * 24 * HOUR;

/** Handoffs on tickets t<n>, each answered by a person `waits[n]` minutes later (null: not yet). */
async function ledgerWith(handoffs: Array<{ offsetMs: number; group: string | null; wait: number | null }>) {
  const ledger = d1Ledger(sqliteD1());
  let n = 0;
  for (const h of handoffs) {
    const ticketId = `t${n++}`;
    await ledger.recordDecision(
      decision({
        ticketId,
        outcome: "escalate",
        reasons: ["human_requested"],
        decidedAt: new Date(T0 + h.offsetMs).toISOString(),
        ...(h.group ? { escalationGroup: h.group } : {}),
      }),
    );
    if (h.wait !== null)
      await ledger.recordLifecycle(event("human_public_reply", h.offsetMs + h.wait * MINUTE, { ticketId }));
  }
  return ledger;
}

const query = { platform: "zendesk" as const, account: "acme", limit: 2000 };
const range = (to: number) => ({ from: new Date(to - 4 * WEEK).toISOString(), to: new Date(to).toISOString() });

describe("the wait estimate from the ledger", () => {
  it("takes the quartiles of the same group at the same hour of the week, rounded to friendly steps", async () => {
    // Eight Mondays-10:00 handoffs to group 7 (waits 10..45), and faster ones at other hours.
    const waits = [10, 15, 20, 25, 30, 35, 40, 45];
    const ledger = await ledgerWith([
      ...waits.map((wait, i) => ({ offsetMs: (i % 3) * WEEK + i * MINUTE, group: "7", wait })),
      ...waits.map((_, i) => ({ offsetMs: 5 * HOUR + i * MINUTE, group: "7", wait: 2 })),
    ]);
    const now = T0 + 3 * WEEK + 20 * MINUTE;
    const rows = await ledger.handoffWaits({ ...query, ...range(now) });
    expect(rows).toHaveLength(16);
    const estimate = estimateWait(rows, { groupId: "7", at: new Date(now), schedule: null });
    // Quartiles of 10..45 are 18.75 and 36.25: told as 15-40 minutes.
    expect(estimate).toEqual({ minMinutes: 15, maxMinutes: 40, basis: "group_hour", samples: 8, businessTime: false });
  });

  it("widens to the same group at any hour, then to all groups, and gives up below 8 answered handoffs", async () => {
    const ledger = await ledgerWith([
      ...Array.from({ length: 8 }, (_, i) => ({ offsetMs: i * HOUR, group: "7", wait: 60 + i * 10 })),
      ...Array.from({ length: 4 }, (_, i) => ({ offsetMs: i * HOUR, group: "9", wait: 5 })),
      // Still waiting: not a measured wait.
      ...Array.from({ length: 6 }, (_, i) => ({ offsetMs: i * HOUR, group: "9", wait: null })),
    ]);
    const now = T0 + 2 * 24 * HOUR;
    const rows = await ledger.handoffWaits({ ...query, ...range(now) });
    expect(estimateWait(rows, { groupId: "7", at: new Date(now), schedule: null })).toMatchObject({ basis: "group" });
    expect(estimateWait(rows, { groupId: "9", at: new Date(now), schedule: null })).toMatchObject({
      basis: "all",
      samples: 12,
    });
    const fewer = await ledger.handoffWaits({ ...query, ...range(now), limit: 5 });
    expect(fewer).toHaveLength(5);
    expect(estimateWait(fewer, { groupId: "9", at: new Date(now), schedule: null })).toBeNull();
  });

  it("counts waits in business minutes when a schedule exists", async () => {
    // Handed off Monday 16:50 UTC, answered Tuesday 09:10: 10 + 10 business minutes (09:00-17:00).
    const parsed = parseWeeklyHours("mon-fri 09:00-17:00");
    if (!parsed.ok) throw new Error(parsed.error);
    const schedule: BusinessSchedule = { timeZone: "UTC", ranges: parsed.ranges, holidays: [] };
    const monday1650 = T0 + 6 * HOUR + 50 * MINUTE;
    const ledger = await ledgerWith(
      Array.from({ length: 8 }, () => ({ offsetMs: monday1650 - T0, group: "7", wait: 16 * 60 + 20 })),
    );
    const now = T0 + 2 * 24 * HOUR;
    const rows = await ledger.handoffWaits({ ...query, ...range(now) });
    const estimate = estimateWait(rows, { groupId: "7", at: new Date(now), schedule });
    expect(estimate).toMatchObject({ minMinutes: 20, maxMinutes: 25, businessTime: true });
    expect(estimateWait(rows, { groupId: "7", at: new Date(now), schedule: null })?.minMinutes).toBe(960);
  });

  it("only draft and autosend escalations of the account in the range count", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(
      decision({ outcome: "escalate", mode: "shadow", decidedAt: new Date(T0).toISOString() }),
    );
    await ledger.recordDecision(decision({ outcome: "answer", decidedAt: new Date(T0).toISOString() }));
    await ledger.recordDecision(
      decision({ outcome: "escalate", account: "other", decidedAt: new Date(T0).toISOString() }),
    );
    await ledger.recordDecision(decision({ outcome: "escalate", decidedAt: new Date(T0 - 5 * WEEK).toISOString() }));
    expect(await ledger.handoffWaits({ ...query, ...range(T0 + HOUR) })).toEqual([]);
    await expect(ledger.handoffWaits({ ...query, ...range(T0), limit: 0 })).rejects.toThrow(
      /^limit: 0 is out of range/,
    );
  });

  it("friendly ranges", () => {
    expect(friendlyRange(3, 7)).toEqual({ minMinutes: 5, maxMinutes: 10 });
    expect(friendlyRange(50, 130)).toEqual({ minMinutes: 50, maxMinutes: 135 });
    expect(friendlyRange(200, 200)).toEqual({ minMinutes: 180, maxMinutes: 240 });
    expect(friendlyRange(0, 0)).toEqual({ minMinutes: 5, maxMinutes: 10 });
  });
});
