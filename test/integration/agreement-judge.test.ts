import { describe, expect, it } from "vitest";
import type { Decider } from "../../src/pipeline/decider.ts";
import { AGREEMENT_JUDGE_RUBRIC } from "../../src/agent/agreement-judge-prompt.ts";
import { adminReplied, userCreated } from "../support/intercom-events.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";

const { zendesk, intercom, anthropic } = useBothHelpdesks({ modelFallback: null });

const TOKEN = "test-admin-token-0123456789";
const PROPOSED = "Refunds reach your card within 5 business days.";
// Same facts (5 days), so the deterministic measure agrees: only the judge can say otherwise.
const HUMAN = "We cannot refund this order; an exchange takes 5 days.";

// The decision is the test's own (no model call): every call the mock sees is the judge's.
const answering: Decider = async () => ({
  outcome: "answer",
  reasons: [],
  customerMessage: PROPOSED,
  addTags: [],
  removeTags: [],
  facts: { category: "refunds", confidence: 0.9, usage: [], sources: [], knowledgeGap: false },
});

function setup(judge: boolean) {
  const db = sqliteD1();
  const h = createHarness({
    env: {
      DESKMATE_ADMIN_TOKEN: TOKEN,
      DESKMATE_MODE: "shadow",
      ANTHROPIC_API_KEY: "test-key",
      ...(judge ? { DESKMATE_AGREEMENT_JUDGE: "true" } : {}),
    },
    decide: answering,
    ledgerDb: db,
  });
  const judgements = () =>
    db.database
      .prepare(
        "SELECT platform, decision_event_id, agrees, model, input_tokens, output_tokens, model_cost_usd FROM agreement_judgements",
      )
      .all() as Array<Record<string, unknown>>;
  const today = new Date().toISOString().slice(0, 10);
  const readiness = async (platform: string, account: string) => {
    const res = await h.runtime.app.request(
      `/admin/readiness?platform=${platform}&account=${account}&from=${today}&to=${today}`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
      h.env,
    );
    return ((await res.json()) as { categories: Array<{ answer_agreement: Record<string, number> }> }).categories[0]
      ?.answer_agreement;
  };
  return { h, judgements, readiness };
}

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

async function zendeskPair(h: ReturnType<typeof setup>["h"]) {
  const customer = zendesk.ticket(101).comments[0]?.id ?? 0;
  await h.deliver(commentAdded(T101, { id: customer, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
  const reply = zendesk.addComment(101, { authorId: SANDBOX.agentId, body: HUMAN });
  const delivery = commentAdded(T101, { id: reply.id, authorId: SANDBOX.agentId, isStaff: true });
  await h.deliver(delivery);
  return delivery;
}

describe("the optional model judge of answer agreement", () => {
  it("is off by default: no model call, the deterministic measure decides", async () => {
    const { h, judgements, readiness } = setup(false);
    await zendeskPair(h);
    expect(anthropic.requests).toEqual([]);
    expect(judgements()).toEqual([]);
    expect(await readiness("zendesk", "acme")).toMatchObject({ count: 1, total: 1, judged: 0 });
  });

  it("Zendesk: one call with the fixed rubric per pair, its verdict and cost in the ledger", async () => {
    const { h, judgements, readiness } = setup(true);
    anthropic.answerNext({ kind: "text", text: '{"verdict": "disagree"}' });
    const delivery = await zendeskPair(h);
    // The same reply under another event id (a re-sent subscription) reaches the pipeline again and
    // pays nothing more: the reply is already stored.
    await h.deliver({ ...delivery, id: crypto.randomUUID() });
    expect(anthropic.requests).toHaveLength(1);
    const call = anthropic.requests[0]?.body;
    expect(call?.model).toBe("claude-haiku-5-5");
    expect(JSON.stringify(call?.system)).toContain(JSON.stringify(AGREEMENT_JUDGE_RUBRIC).slice(1, 80));
    const content = JSON.stringify(call?.messages);
    expect(content).toContain("exchange takes 5 days");
    const [row] = judgements();
    expect(row).toMatchObject({ platform: "zendesk", agrees: 0, model: "claude-haiku-5-5" });
    expect(Number(row?.input_tokens)).toBeGreaterThan(0);
    expect(Number(row?.model_cost_usd)).toBeGreaterThan(0);
    // The facts agree (5 days), the judge says the answers do not: the judge decides.
    expect(await readiness("zendesk", "acme")).toMatchObject({ count: 0, total: 1, judged: 1 });
  });

  it("Intercom: an agreeing verdict counts; a failed call is recorded without a verdict", async () => {
    const { h, judgements, readiness } = setup(true);
    const contact = intercom.addContact("Judged Customer");
    const conv = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: "Refund?" }] });
    const snapshot = { id: conv.id, contactId: contact.id, sourceId: conv.parts[0]?.id ?? "" };
    await h.deliverIntercom(userCreated(snapshot));
    anthropic.answerNext({ kind: "text", text: '{"verdict": "agree"}' });
    const inAMinute = Math.floor(Date.now() / 1000) + 60;
    const part = intercom.addPart(conv.id, { author: "admin", adminId: "901", body: PROPOSED }).parts.at(-1);
    await h.deliverIntercom(
      adminReplied(
        snapshot,
        "901",
        { id: part?.id ?? "", body: PROPOSED, createdAt: inAMinute },
        { createdAt: inAMinute },
      ),
    );
    expect(judgements()).toMatchObject([{ platform: "intercom", agrees: 1 }]);
    expect(await readiness("intercom", TEST_INTERCOM_APP_ID)).toMatchObject({ count: 1, total: 1, judged: 1 });

    anthropic.answerNext({ kind: "text", text: "I would rather not say." });
    const second = intercom.addPart(conv.id, { author: "admin", adminId: "901", body: "Also: 5 days." }).parts.at(-1);
    await h.deliverIntercom(
      adminReplied(
        snapshot,
        "901",
        { id: second?.id ?? "", body: "Also: 5 days.", createdAt: inAMinute + 1 },
        { createdAt: inAMinute + 1 },
      ),
    );
    expect(judgements().map((j) => j.agrees)).toEqual([1, null]);
  });
});
