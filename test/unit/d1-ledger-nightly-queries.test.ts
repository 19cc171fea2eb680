import { describe, expect, it } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { at, DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const ACME = { platform: "zendesk", account: "acme" } as const;

describe("the ledger's queries for the nightly job", () => {
  it("lists every account with decisions or lifecycle events once", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision());
    await ledger.recordDecision(decision({ ticketId: "102" }));
    await ledger.recordLifecycle(event("csat", 0, { platform: "intercom", account: "ws_9" }));

    expect(await ledger.accounts()).toEqual([
      { platform: "intercom", account: "ws_9" },
      { platform: "zendesk", account: "acme" },
    ]);
  });

  it("groups decisions per ticket, oldest last decision first, and pages after a cursor", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision({ ticketId: "7", requesterId: "u7", decidedAt: at(0) }));
    await ledger.recordDecision(decision({ ticketId: "7", requesterId: "u7", decidedAt: at(3 * HOUR) }));
    await ledger.recordDecision(decision({ ticketId: "8", decidedAt: at(HOUR) }));
    await ledger.recordDecision(decision({ ticketId: "9", decidedAt: at(HOUR) }));
    await ledger.recordDecision(decision({ ticketId: "10", decidedAt: at(-DAY) }));
    await ledger.recordDecision(decision({ ...ACME, account: "other", ticketId: "11", decidedAt: at(HOUR) }));
    const range = { ...ACME, from: at(-HOUR), to: at(DAY) };

    const first = await ledger.decidedTickets({ ...range, after: null, limit: 2 });
    expect(first).toEqual([
      { ticketId: "8", requesterId: "u1", firstDecidedAt: at(HOUR), lastDecidedAt: at(HOUR) },
      { ticketId: "9", requesterId: "u1", firstDecidedAt: at(HOUR), lastDecidedAt: at(HOUR) },
    ]);
    const rest = await ledger.decidedTickets({
      ...range,
      after: { lastDecidedAt: at(HOUR), ticketId: "9" },
      limit: 2,
    });
    expect(rest).toEqual([{ ticketId: "7", requesterId: "u7", firstDecidedAt: at(0), lastDecidedAt: at(3 * HOUR) }]);
  });

  it("deletes one account's old rows and nothing of another account", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision({ eventId: "old", decidedAt: at(-10 * DAY) }));
    await ledger.recordDecision(decision({ eventId: "new", decidedAt: at(0) }));
    await ledger.recordDecision(decision({ account: "other", eventId: "other-old", decidedAt: at(-10 * DAY) }));
    await ledger.recordLifecycle(event("solved", -10 * DAY));
    await ledger.recordLifecycle(event("solved", -10 * DAY, { account: "other" }));

    expect(await ledger.deleteAccountOlderThan(ACME, at(-DAY))).toEqual({
      decisions: 1,
      lifecycle: 1,
      handoffRatings: 0,
      reviewVerdicts: 0,
      settingChanges: 0,
    });
    const all = { from: at(-30 * DAY), to: at(DAY) };
    expect((await ledger.decisions({ ...ACME, ...all })).rows.map((r) => r.eventId)).toEqual(["new"]);
    expect((await ledger.decisions({ ...ACME, account: "other", ...all })).rows).toHaveLength(1);
    expect((await ledger.lifecycle({ ...ACME, account: "other", ...all })).rows).toHaveLength(1);
  });

  it("says whether an account holds rows dated after an instant (a metrics report's as_of)", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision({ decidedAt: at(0) }));
    await ledger.recordLifecycle(event("solved", 2 * HOUR));
    await ledger.recordDecision(decision({ account: "other", ticketId: "9", decidedAt: at(DAY) }));

    expect(await ledger.hasRowsAfter(ACME, at(HOUR))).toBe(true); // the solve
    expect(await ledger.hasRowsAfter(ACME, at(2 * HOUR))).toBe(false); // "after" excludes the instant itself
    expect(await ledger.hasRowsAfter(ACME, at(-HOUR))).toBe(true);
    expect(await ledger.hasRowsAfter({ ...ACME, account: "other" }, at(HOUR))).toBe(true);
    expect(await ledger.hasRowsAfter({ ...ACME, account: "none" }, at(-DAY))).toBe(false);
  });
});
