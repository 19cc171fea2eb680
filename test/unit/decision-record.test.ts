import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import type { Plan } from "../../src/domain/plan.ts";
import type { SupportEvent } from "../../src/domain/support-event.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { decisionDraft, decisionRecord } from "../../src/pipeline/decision-record.ts";
import { settingsWith } from "./policy-fixtures.ts";

const event: SupportEvent = {
  platform: "zendesk",
  accountId: "12345678",
  deliveryId: "d1",
  eventId: "evt-1",
  kind: "comment_added",
  ticketId: "101",
  occurredAt: "2026-12-06T10:00:00Z",
  source: "event_subscription",
  requesterId: "501",
};

function draft(plan: Plan | undefined, settings = settingsWith({ mode: "autosend" }), message?: string) {
  const { logger, lines } = createMemoryLogger();
  const row = decisionDraft({
    event,
    account: "acme",
    settings,
    fingerprint: "0123456789abcdef",
    decidedAt: "2026-12-06T10:00:02.000Z",
    commentId: "c9",
    requesterId: "501",
    outcome: plan?.outcome ?? "skip",
    reasons: plan?.reasons ?? ["human_owned"],
    helpdeskReads: 1,
    ...(message !== undefined ? { message } : {}),
    ...(plan ? { plan } : {}),
    logger,
  });
  return { row, lines };
}

const answer = (facts: Plan["facts"]): Plan => ({
  outcome: "answer",
  reasons: [],
  addTags: [],
  removeTags: [],
  ...(facts ? { facts } : {}),
});

describe("decisionDraft: the row before the writes", () => {
  it("sums tokens over the models, prices them and keeps the plan's facts", () => {
    const { row, lines } = draft(
      answer({
        category: "billing",
        confidence: 0.8,
        usage: [
          { model: "claude-sonnet-5-5", input: 1000, output: 100, cacheRead: 2000, cacheWrite: 0 },
          { model: "claude-haiku-5-5", input: 500, output: 50, cacheRead: 0, cacheWrite: 0 },
        ],
        sources: [{ id: "zd-article:1#1", ageDays: 12 }],
        knowledgeGap: false,
      }),
    );
    expect(row).toMatchObject({
      account: "acme",
      eventId: "evt-1",
      outcome: "answer",
      reasons: [],
      category: "billing",
      confidence: 0.8,
      models: ["claude-sonnet-5-5", "claude-haiku-5-5"],
      tokens: { input: 1500, output: 150, cacheRead: 2000, cacheWrite: 0 },
      sources: [{ id: "zd-article:1#1", ageDays: 12 }],
      helpdeskReads: 1,
      fingerprint: "0123456789abcdef",
    });
    // (1000*2 + 100*10 + 2000*0.1)/1e6 + (500*0.1 + 50*0.5)/1e6
    expect(row.modelCostUsd).toBeCloseTo(0.003275, 12);
    expect(lines.filter((l) => l.level === "warn")).toEqual([]);
  });

  it("a knowledge gap adds the knowledge_gap reason", () => {
    const facts = { category: "billing", confidence: null, usage: [], sources: [], knowledgeGap: true };
    expect(draft({ ...answer(facts), outcome: "escalate", reasons: ["model_error"] }).row.reasons).toEqual([
      "model_error",
      "knowledge_gap",
    ]);
  });

  it("a model without a price costs 0 and logs a warning naming the model and the setting", () => {
    const usage = [{ model: "claude-custom-1", input: 1000, output: 100, cacheRead: 0, cacheWrite: 0 }];
    const { row, lines } = draft(answer({ category: null, confidence: null, usage, sources: [], knowledgeGap: false }));
    expect(row.modelCostUsd).toBe(0);
    expect(row.tokens.input).toBe(1000);
    expect(lines.find((l) => l.level === "warn")).toMatchObject({ model: "claude-custom-1", setting: "model_prices" });
  });

  it("a skip: no model, no category, no sources", () => {
    expect(draft(undefined).row).toMatchObject({
      outcome: "skip",
      reasons: ["human_owned"],
      models: [],
      tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      modelCostUsd: 0,
      category: null,
      confidence: null,
      sources: [],
      action: null,
      messageExcerpt: null,
    });
  });

  it("keeps the message it read as a masked excerpt, never the text itself", () => {
    const message = "Refund   please:\ncard 4111 1111 1111 1111, mail jane.doe@example.com, order 88123456";
    const { row } = draft(answer(undefined), settingsWith({ mode: "autosend" }), message);
    expect(row.messageExcerpt).toBe("Refund please: card [card], mail [email], order [number]");
  });
});

describe("decisionRecord: the row once the writes are done", () => {
  const base = draft(undefined).row;
  const handoff: Handoff = {
    reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
    urgency: "normal",
    customerWants: "Call me at +1 415 555 0100 or maria@example.com, I want a person",
    customer: {
      name: "Maria Lopez",
      verified: true,
      organization: "Acme Corp",
      tags: ["vip"],
      customerSince: "2024-01-01",
      recentTickets: [
        { id: "99", subject: "Refund for Maria", status: "solved", url: "https://acme.zendesk.com/agent/tickets/99" },
      ],
    },
    facts: ["Card 4111 1111 1111 1111 was charged twice"],
    sourcesChecked: [{ title: "Refund policy", url: "https://help.example.com/refunds" }],
    actionsAttempted: [],
    sentimentTrend: null,
    suggestedNextStep: "Write to maria@example.com",
    missing: [],
  };

  it("latency runs from the acknowledgement to the first write; null without either", () => {
    const done = { helpdeskWrites: 2, firstWriteAt: "2026-12-06T10:00:03.250Z", publicReply: true, handoff: null };
    expect(decisionRecord(base, done, "2026-12-06T10:00:01.000Z")).toMatchObject({
      latencyMs: 2250,
      helpdeskWrites: 2,
      publicReply: true,
    });
    expect(decisionRecord(base, done, undefined).latencyMs).toBeNull();
    expect(decisionRecord(base, { ...done, firstWriteAt: null }, "2026-12-06T10:00:01.000Z").latencyMs).toBeNull();
  });

  it("stores the handoff without names, subjects, e-mails, phones or card numbers", () => {
    const done = { helpdeskWrites: 1, firstWriteAt: null, publicReply: false, handoff };
    const stored = decisionRecord(base, done, undefined).handoff;
    expect(stored?.reasons).toEqual(handoff.reasons);
    expect(stored?.customer).toMatchObject({ name: null, organization: null, tags: ["vip"], verified: true });
    expect(stored?.customer.recentTickets).toEqual([{ ...handoff.customer.recentTickets[0], subject: "" }]);
    const text = JSON.stringify(stored);
    for (const secret of ["Maria", "Acme Corp", "maria@example.com", "555 0100", "4111 1111 1111 1111"])
      expect(text).not.toContain(secret);
    expect(stored?.sourcesChecked).toEqual(handoff.sourcesChecked);
  });
});
