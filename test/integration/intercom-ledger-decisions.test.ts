import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DECISION_MODEL, DEFAULT_HANDOFF_MODEL } from "../../src/config/settings-schema.ts";
import { ACTIONS_BASE_URL, ACTIONS_TOKEN, createActionsBackend } from "../support/actions-backend.ts";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { createIntercomSandbox } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";

const sandbox = createIntercomSandbox();
const anthropic = createAnthropicMock();
let backend = createActionsBackend();
const server = useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  backend = createActionsBackend();
  server.use(...backend.handlers);
  sandbox.reset();
  anthropic.reset();
  anthropic.setFallback(recordedReply);
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

const withModel = { ANTHROPIC_API_KEY: "test-key", DESKMATE_FALLBACK_GROUP_ID: "2003" };
const scenario = (name: string) => SCENARIOS.findIndex((s) => s.name === name);

async function run(name: string, env: Record<string, string> = {}) {
  const index = scenario(name);
  const h = createHarness({ env: { ...withModel, ...env } });
  const { conversationId, payload } = stageIntercomScenario(sandbox, SCENARIOS[index]!, index);
  expect((await h.deliverIntercom(payload)).status).toBe(202);
  return { h, conversationId, payload, rows: await h.decisions("intercom", TEST_INTERCOM_APP_ID) };
}

describe("every Intercom customer message leaves one decision row, under the workspace id", () => {
  it("answer (autosend): the conversation, the model's tokens and cost, a public reply", async () => {
    const { h, conversationId, payload, rows } = await run("answer from the help center", {
      DESKMATE_MODE: "autosend",
    });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      platform: "intercom",
      account: TEST_INTERCOM_APP_ID,
      ticketId: String(conversationId),
      eventId: expect.any(String),
      outcome: "answer",
      mode: "autosend",
      arm: "assistant",
      publicReply: true,
      category: "refund",
      models: [DEFAULT_DECISION_MODEL],
      helpdeskWrites: h.handled()[0]?.writes,
    });
    // The conversation, the contact, its tags, companies and recent conversations: one request each.
    const reads = sandbox.requests.filter(
      (r) =>
        (r.method === "GET" && /^\/(conversations|contacts)\//.test(r.path)) ||
        (r.method === "POST" && r.path === "/conversations/search"),
    );
    expect(row.helpdeskReads).toBe(reads.length);
    expect(row.helpdeskReads).toBeGreaterThanOrEqual(4);
    expect(row.commentId).toEqual(expect.any(String));
    expect(row.requesterId).toBe(
      String(
        (payload as { data: { item: { contacts: { contacts: Array<{ id: string }> } } } }).data.item.contacts
          .contacts[0]?.id,
      ),
    );
    expect(row.sources).toEqual([{ id: expect.stringMatching(/^ic-article:/), ageDays: expect.any(Number) }]);
    expect(row.modelCostUsd).toBeGreaterThan(0);
  });

  it("ask (draft)", async () => {
    const { rows } = await run("ask one focused question");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "ask", mode: "draft", arm: "assistant", publicReply: false });
  });

  it("escalation: the handoff as JSON, the handoff model's tokens", async () => {
    const { rows } = await run("unauthorized charge");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "escalate", reasons: ["fraud"], models: [DEFAULT_HANDOFF_MODEL] });
    expect(rows[0]?.handoff?.reasons.map((r) => r.code)).toEqual(["fraud"]);
    expect(rows[0]?.handoff?.customer.name).toBeNull();
  });

  it("skip: a conversation a teammate already answered", async () => {
    const { rows } = await run("ticket a human agent already answered");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "skip", reasons: ["human_owned"], helpdeskWrites: 0, models: [] });
  });

  it("mode off: a skip row", async () => {
    const { rows } = await run("answer from the help center", { DESKMATE_MODE: "off" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "skip", reasons: ["mode_off"], mode: "off" });
  });

  it("a proposed action that policy refuses: its name and result on the row", async () => {
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
    const { rows } = await run("answer from the help center", {
      DESKMATE_MODE: "autosend",
      DESKMATE_ACTIONS_BASE_URL: ACTIONS_BASE_URL,
      DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
    });
    expect(rows).toHaveLength(1);
    // The sandbox's contacts are not verified, so the catalog refuses the write: nothing runs.
    expect(rows[0]).toMatchObject({
      outcome: "escalate",
      reasons: ["action_denied"],
      action: { name: "resend_verification_email", result: "denied" },
      // In autosend the customer is told warmly that a person takes over: a public reply.
      publicReply: true,
    });
    expect(backend.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });
});
