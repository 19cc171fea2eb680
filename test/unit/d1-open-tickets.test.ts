import { describe, expect, it } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { LedgerInputError } from "../../src/ledger/ledger-input-error.ts";
import { at, DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const ACME = { platform: "zendesk", account: "acme" } as const;

describe("the ledger's open tickets for the follow-up check", () => {
  it("lists tickets with no solve or human reply after their latest decision, newest first", async () => {
    const ledger = d1Ledger(sqliteD1());
    // 1: answered, then escalated, still waiting.
    await ledger.recordDecision(decision({ ticketId: "1", decidedAt: at(0), category: "billing" }));
    await ledger.recordDecision(
      decision({
        ticketId: "1",
        decidedAt: at(HOUR),
        outcome: "escalate",
        reasons: ["human_requested"],
        category: "refund",
      }),
    );
    await ledger.recordDecision(decision({ ticketId: "1", decidedAt: at(2 * HOUR), outcome: "skip", category: null }));
    // 2: a human replied after the escalation.
    await ledger.recordDecision(decision({ ticketId: "2", decidedAt: at(0), outcome: "escalate" }));
    await ledger.recordLifecycle(event("human_public_reply", HOUR, { ticketId: "2" }));
    // 3: solved, then the customer came back and the assistant answered again: open again.
    await ledger.recordDecision(decision({ ticketId: "3", decidedAt: at(0) }));
    await ledger.recordLifecycle(event("solved", HOUR, { ticketId: "3" }));
    await ledger.recordDecision(decision({ ticketId: "3", decidedAt: at(3 * HOUR) }));
    // 4: only skips: the assistant never handled it.
    await ledger.recordDecision(decision({ ticketId: "4", decidedAt: at(0), outcome: "skip" }));
    // 5: outside the range; 6: another account.
    await ledger.recordDecision(decision({ ticketId: "5", decidedAt: at(-2 * DAY) }));
    await ledger.recordDecision(decision({ ...ACME, account: "other", ticketId: "6", decidedAt: at(0) }));

    const open = await ledger.openTickets({ ...ACME, from: at(-DAY), to: at(DAY), limit: 10 });
    expect(open).toEqual([
      { ticketId: "3", firstDecidedAt: at(0), lastDecidedAt: at(3 * HOUR), lastEscalatedAt: null, category: "billing" },
      {
        ticketId: "1",
        firstDecidedAt: at(0),
        lastDecidedAt: at(2 * HOUR),
        lastEscalatedAt: at(HOUR),
        category: "refund",
      },
    ]);
    expect(await ledger.openTickets({ ...ACME, from: at(-DAY), to: at(DAY), limit: 1 })).toHaveLength(1);
  });

  it("refuses a limit out of range, naming it", async () => {
    const ledger = d1Ledger(sqliteD1());
    await expect(ledger.openTickets({ ...ACME, from: at(0), to: at(DAY), limit: 0 })).rejects.toThrow(LedgerInputError);
    await expect(ledger.openTickets({ ...ACME, from: at(0), to: at(DAY), limit: 0 })).rejects.toThrow(/limit/);
  });
});
