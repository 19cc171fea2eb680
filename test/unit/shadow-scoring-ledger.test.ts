import { describe, expect, it } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { proposedReplyText } from "../../src/ledger/proposed-reply-text.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { decisionDraft } from "../../src/pipeline/decision-record.ts";
import type { Plan } from "../../src/domain/plan.ts";
import { at, DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { settingsWith } from "./policy-fixtures.ts";

const RANGE = { platform: "zendesk" as const, account: "acme", from: at(-DAY), to: at(30 * DAY) };

describe("the ledger keeps both sides of a scored decision", () => {
  it("a human reply's text fills in an event stored earlier without it, and is never replaced", async () => {
    const ledger = d1Ledger(sqliteD1());
    const reply = event("human_public_reply", HOUR, { eventId: "comment:800" });
    // The nightly reconciliation stores ids only, and may see the reply before its webhook does.
    expect(await ledger.recordLifecycle(reply)).toBe(true);
    expect(await ledger.recordLifecycle({ ...reply, replyText: "Refunds take 5 days." })).toBe(true);
    expect(await ledger.recordLifecycle({ ...reply, replyText: "Something else." })).toBe(false);
    expect(await ledger.recordLifecycle(reply)).toBe(false);
    const rows = (await ledger.lifecycle(RANGE)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.replyText).toBe("Refunds take 5 days.");
  });

  it("retention deletes a judgement with its decision", async () => {
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    const old = decision({ eventId: "old", decidedAt: at(0) });
    await ledger.recordDecision(old);
    const judgement = {
      platform: "zendesk" as const,
      account: "acme",
      ticketId: old.ticketId,
      decisionEventId: "old",
      replyEventId: "comment:1",
      decidedAt: old.decidedAt,
      judgedAt: at(HOUR),
      agrees: true,
      model: "claude-haiku-5-5",
      tokens: { input: 300, output: 8, cacheRead: 0, cacheWrite: 0 },
      modelCostUsd: 0.000034,
    };
    expect(await ledger.recordJudgement(judgement)).toBe(true);
    expect(await ledger.recordJudgement(judgement)).toBe(false);
    const count = () => Number(db.database.prepare("SELECT COUNT(*) AS n FROM agreement_judgements").get()?.n);
    expect(count()).toBe(1);
    await ledger.deleteOlderThan(at(DAY));
    expect(count()).toBe(0);
  });
});

describe("what a decision row proposes", () => {
  const plan = (overrides: Partial<Plan>): Plan => ({
    outcome: "answer",
    reasons: [],
    customerMessage:
      "Hi Jo, it costs €10: see https://help.acme.test/a/1?utm_source=mail&token=abc123. Mail jo@example.com.",
    addTags: [],
    removeTags: [],
    ...overrides,
  });
  const draft = (mode: "shadow" | "draft" | "autosend" | "off", p: Plan) =>
    decisionDraft({
      event: {
        platform: "zendesk",
        accountId: "acme",
        deliveryId: "d1",
        eventId: "e1",
        kind: "comment_added",
        ticketId: "101",
        occurredAt: at(0),
        source: "event_subscription",
      },
      account: "acme",
      settings: settingsWith({ mode }),
      fingerprint: "f",
      decidedAt: at(0),
      commentId: "c1",
      requesterId: "r1",
      outcome: p.outcome,
      reasons: p.reasons,
      helpdeskReads: 1,
      plan: p,
      logger: createMemoryLogger().logger,
    });

  it("shadow and draft rows keep the masked reply (links cut to host and path) and the group", () => {
    for (const mode of ["shadow", "draft"] as const) {
      expect(draft(mode, plan({ groupId: "7" }))).toMatchObject({
        proposedReply: "Hi Jo, it costs €10: see https://help.acme.test/a/1 Mail [email].",
        proposedGroup: "7",
      });
    }
  });

  it("an escalation keeps its group, not its warm message; autosend rows keep nothing", () => {
    const escalation = draft("shadow", plan({ outcome: "escalate", groupId: "7" }));
    expect(escalation.proposedGroup).toBe("7");
    expect(escalation).not.toHaveProperty("proposedReply");
    const sent = draft("autosend", plan({ groupId: "7" }));
    expect(sent).not.toHaveProperty("proposedReply");
    expect(sent).not.toHaveProperty("proposedGroup");
  });

  it("a long reply is cut at 2,000 characters", () => {
    const text = proposedReplyText("word ".repeat(1_000));
    expect(Array.from(text)).toHaveLength(2_000);
    expect(text.endsWith("…")).toBe(true);
  });
});
