import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DECISION_MODEL, DEFAULT_HANDOFF_MODEL } from "../../src/config/settings-schema.ts";
import type { DecisionRecord } from "../../src/domain/ledger.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { ACTIONS_BASE_URL, ACTIONS_TOKEN, createActionsBackend } from "../support/actions-backend.ts";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";

const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
let backend = createActionsBackend();
const server = useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
  anthropic.setFallback(recordedReply);
  backend = createActionsBackend();
  server.use(...backend.handlers);
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

const withModel = { ANTHROPIC_API_KEY: "test-key" };
const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
const scenario = (name: string) => SCENARIOS.findIndex((s) => s.name === name);

/** One scenario through the real worker; the ledger rows it left. */
async function run(index: number, env: Record<string, string> = {}) {
  const h = createHarness({ env: { ...withModel, ...env } });
  const { ticketId, requesterId } = stageScenario(sandbox, SCENARIOS[index]!, index);
  const event = ticketCreated({ id: ticketId, requesterId });
  expect((await h.deliver(event)).status).toBe(202);
  const customerComment = sandbox
    .ticket(ticketId)
    .comments.filter((c) => c.author_id === requesterId)
    .at(-1);
  return { h, ticketId, requesterId, event, customerComment, rows: await h.decisions() };
}

/**
 * GETs the ticket's context took: the ones before the engine's Help Center search (the context is
 * read first, in one wave), without the assistant's own user.
 */
const contextReads = () => {
  const search = sandbox.requests.findIndex((r) => r.path.startsWith("/api/v2/help_center/"));
  return sandbox.requests
    .slice(0, search < 0 ? undefined : search)
    .filter((r) => r.method === "GET" && r.path !== "/api/v2/users/me").length;
};

/** The list prices of the default decision model, per million tokens. */
const sonnetCost = (t: DecisionRecord["tokens"]) =>
  (t.input * 2 + t.output * 10 + t.cacheRead * 0.1 + t.cacheWrite * 2.5) / 1_000_000;

describe("every Zendesk customer message leaves one decision row", () => {
  it("answer (autosend): ids, tokens and cost of the model call, sources with age, writes and latency", async () => {
    const { h, ticketId, requesterId, event, customerComment, rows } = await run(
      scenario("answer from the help center"),
      {
        DESKMATE_MODE: "autosend",
      },
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      platform: "zendesk",
      account: "acme",
      ticketId: String(ticketId),
      commentId: String(customerComment?.id),
      eventId: event.id,
      requesterId: String(requesterId),
      mode: "autosend",
      outcome: "answer",
      reasons: [],
      category: "refund",
      confidence: 0.88,
      arm: "assistant",
      publicReply: true,
      models: [DEFAULT_DECISION_MODEL],
      helpdeskReads: contextReads(),
      helpdeskWrites: h.handled()[0]?.writes,
      action: null,
      handoff: null,
    });
    expect(row.tokens.input).toBeGreaterThan(0);
    expect(row.tokens.output).toBeGreaterThan(0);
    expect(row.tokens.cacheWrite).toBeGreaterThan(0); // the system prompt, cached on first use
    expect(row.modelCostUsd).toBeCloseTo(sonnetCost(row.tokens), 9);
    expect(row.modelCostUsd).toBeGreaterThan(0);
    expect(row.sources).toEqual([{ id: "zd-article:360001001#1", ageDays: expect.any(Number) }]);
    expect(row.latencyMs).toEqual(expect.any(Number));
    expect(row.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("ask (draft): no public reply; the ticket's arm is assistant without a control group", async () => {
    const { rows } = await run(scenario("ask one focused question"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      mode: "draft",
      outcome: "ask",
      category: "order_shipping",
      arm: "assistant",
      publicReply: false,
      sources: [],
      // A parcel question is routine (order and shipping): the small model decides it.
      models: [DEFAULT_HANDOFF_MODEL],
    });
    expect(rows[0]?.helpdeskWrites).toBeGreaterThan(0);
  });

  it("escalation on a hard trigger: the handoff as JSON and the handoff model's tokens", async () => {
    const { rows } = await run(scenario("legal threat"), { DESKMATE_MODE: "autosend" });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ outcome: "escalate", reasons: ["legal"], models: [DEFAULT_HANDOFF_MODEL] });
    expect(row.handoff?.reasons.map((r) => r.code)).toEqual(["legal"]);
    expect(row.handoff?.urgency).toEqual(expect.any(String));
    // Names and subjects stay in the helpdesk; the ledger keeps ids and codes.
    expect(row.handoff?.customer.name).toBeNull();
    expect(JSON.stringify(row.handoff)).not.toContain("Scenario Customer");
    expect(row.tokens.input + row.tokens.output).toBeGreaterThan(0);
    // Haiku's list prices: $0.10 in, $0.50 out, $0.01 cache read, $0.125 cache write per million.
    const t = row.tokens;
    const haiku = (t.input * 0.1 + t.output * 0.5 + t.cacheRead * 0.01 + t.cacheWrite * 0.125) / 1_000_000;
    expect(row.modelCostUsd).toBeCloseTo(haiku, 9);
  });

  it("a skip: a ticket a human already answered writes a skip row with its reason", async () => {
    const { rows } = await run(scenario("ticket a human agent already answered"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "skip",
      reasons: ["human_owned"],
      publicReply: false,
      helpdeskWrites: 0,
      latencyMs: null,
      models: [],
      modelCostUsd: 0,
    });
  });

  it("mode off: a skip row without reading the ticket", async () => {
    const { rows } = await run(scenario("answer from the help center"), { DESKMATE_MODE: "off" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "skip", reasons: ["mode_off"], mode: "off", helpdeskReads: 0 });
    expect(anthropic.requests).toHaveLength(0);
  });

  it("the autosend rollout's holdout: outside the percentage, still the assistant arm, no public reply", async () => {
    const { rows } = await run(scenario("answer from the help center"), {
      DESKMATE_MODE: "autosend",
      DESKMATE_AUTOSEND_ROLLOUT_PERCENT: "0",
    });
    expect(rows[0]).toMatchObject({ outcome: "answer", arm: "assistant", publicReply: false });
  });

  it("an action that ran: its name and result on the row", async () => {
    anthropic.answerNext(
      modelReplies.output(
        sampleModelOutput({
          intent_category: "account_access",
          outcome: "act",
          reply: "I've sent you a new verification email.",
          cited_source_ids: [],
          action: { name: "resend_verification_email", parameters: {} },
        }),
      ),
    );
    const customer = sandbox.addCustomer("Dana Customer", {
      email: "dana@example.com",
      external_id: "cus_dana",
      verified: true,
    });
    const ticket = sandbox.addTicket({
      subject: "Help",
      requesterId: customer.id,
      comments: [{ authorId: customer.id, body: "I never got the verification email, can you send it again?" }],
    });
    const h = createHarness({
      env: {
        ...withModel,
        DESKMATE_MODE: "autosend",
        DESKMATE_ACTIONS_BASE_URL: ACTIONS_BASE_URL,
        DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
      },
    });
    await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }));
    const rows = await h.decisions();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "act",
      publicReply: true,
      action: { name: "resend_verification_email", result: "done" },
    });
  });

  it("the same settings give the same fingerprint; a changed setting a new one", async () => {
    const first = (await run(scenario("ask one focused question"))).rows[0]?.fingerprint;
    const same = (await run(scenario("ask one focused question"))).rows[0]?.fingerprint;
    const changed = (await run(scenario("ask one focused question"), { DESKMATE_TURN_CAP: "5" })).rows[0]?.fingerprint;
    expect(same).toBe(first);
    expect(changed).not.toBe(first);
  });

  it("a message on a ticket that no longer exists: a skip row, ticket_not_found", async () => {
    const h = createHarness({ env: withModel });
    const event = ticketCreated({ id: 999_999, requesterId: 1 });
    expect((await h.deliver(event)).status).toBe(202);
    const rows = await h.decisions();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ticketId: "999999",
      eventId: event.id,
      outcome: "skip",
      reasons: ["ticket_not_found"],
    });
  });
  it("a follow-up while the ticket waits for a person: a skip row with the note it wrote", async () => {
    const escalating: Decider = async ({ settings }) => ({
      outcome: "escalate",
      reasons: ["needs_human_judgment"],
      customerMessage: "A member of our team will reply here shortly.",
      internalNote: "<p>Deskmate handoff</p>",
      addTags: [`${settings.tagPrefix}escalated`],
      removeTags: [],
    });
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: escalating });
    await h.deliver(ticketCreated(T101));
    const comment = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body: "hello? anyone?" });
    const followUp = commentAdded(T101, { id: comment.id, authorId: SANDBOX.customerWithOrgId, isStaff: false });
    await h.deliver(followUp);
    const rows = await h.decisions();
    expect(rows.map((r) => [r.outcome, r.reasons])).toEqual([
      ["escalate", ["needs_human_judgment"]],
      ["skip", ["awaiting_human"]],
    ]);
    expect(rows[1]).toMatchObject({
      eventId: followUp.id,
      commentId: String(comment.id),
      helpdeskWrites: 1,
      models: [],
    });
  });
});
