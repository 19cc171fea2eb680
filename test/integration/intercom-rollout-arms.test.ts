import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignArm } from "../../src/rollout/assign-arm.ts";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { userCreated, userReplied } from "../support/intercom-events.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";

const sandbox = createIntercomSandbox();
const anthropic = createAnthropicMock();
useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
  anthropic.setFallback(recordedReply);
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

const ANSWER = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
const ADMIN_TOKEN = "test-admin-token-0123456789";
const autosend = { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend", DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN };

/** GET /admin/experiment from yesterday to tomorrow (UTC), as an admin: a run across midnight still counts. */
async function experimentToday(h: ReturnType<typeof createHarness>) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const query = `platform=intercom&account=${TEST_INTERCOM_APP_ID}&from=${day(-1)}&to=${day(1)}`;
  const response = await h.runtime.app.request(
    `/admin/experiment?${query}`,
    { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    h.env,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { arms: Record<string, { tickets: number }> };
}

/** The answer scenario as an Intercom conversation through the real worker. */
async function runAnswer(
  env: Record<string, string> | ((conversationId: string) => Record<string, string>),
  harness?: ReturnType<typeof createHarness>,
) {
  const { conversationId, payload } = stageIntercomScenario(sandbox, SCENARIOS[ANSWER]!, ANSWER);
  const vars = typeof env === "function" ? env(conversationId) : env;
  const h = harness ?? createHarness({ env: { ...autosend, ...vars } });
  const writesBefore = sandbox.writes().length;
  expect((await h.deliverIntercom(payload)).status).toBe(202);
  return {
    h,
    conversationId,
    contactId: (payload as { data: { item: { contacts: { contacts: Array<{ id: string }> } } } }).data.item.contacts
      .contacts[0]!.id,
    conversation: sandbox.conversation(conversationId),
    writes: sandbox.writes().slice(writesBefore),
    rows: await h.decisions("intercom", TEST_INTERCOM_APP_ID),
  };
}

const assistantParts = (conversationId: string) =>
  sandbox.conversation(conversationId).parts.filter((p) => p.authorId === INTERCOM_SANDBOX.assistantAdminId);

function saltFor(conversationId: string, percent: number, arm: "control" | "assistant"): string {
  for (let i = 0; ; i++) if (assignArm(conversationId, `salt-${i}`, percent) === arm) return `salt-${i}`;
}

describe("rollout arms on Intercom", () => {
  it("control: decided and recorded; the conversation gets only the arm tag", async () => {
    const { h, conversationId, conversation, writes, rows } = await runAnswer({ DESKMATE_CONTROL_PERCENT: "100" });
    expect(rows).toEqual([expect.objectContaining({ outcome: "answer", arm: "control", publicReply: false })]);
    expect(assistantParts(conversationId)).toEqual([]);
    expect(conversation.tags).toEqual(["deskmate_arm_control"]);
    expect((await experimentToday(h)).arms).toEqual({ assistant: { tickets: 0 }, control: { tickets: 1 } });
    // Tag creation (first use of the name) and the tagging itself: nothing else.
    expect(writes.every((w) => w.method === "POST" && /^\/(tags|conversations\/\d+\/tags)$/.test(w.path))).toBe(true);
  });

  it("assistant with a control group: the public reply and the arm tag", async () => {
    const { conversationId, conversation, rows } = await runAnswer((id) => ({
      DESKMATE_CONTROL_PERCENT: "50",
      DESKMATE_ARM_SALT: saltFor(id, 50, "assistant"),
    }));
    expect(rows[0]).toMatchObject({ outcome: "answer", arm: "assistant", publicReply: true });
    expect(assistantParts(conversationId).filter((p) => p.partType === "comment")).toHaveLength(1);
    expect(conversation.tags).toEqual(expect.arrayContaining(["deskmate_answered", "deskmate_arm_assistant"]));
  });

  it("without a control group no arm tag (on Intercom each tag is its own request)", async () => {
    const { conversation, rows } = await runAnswer({});
    expect(rows[0]).toMatchObject({ arm: "assistant", publicReply: true });
    expect(conversation.tags.filter((t) => t.includes("arm_"))).toEqual([]);
  });

  it("the arm stays with the conversation when the percentage changes", async () => {
    const first = await runAnswer({ DESKMATE_CONTROL_PERCENT: "100" });
    const h = createHarness({ env: autosend, kv: first.h.kv, ledgerDb: first.h.ledgerDb });
    const writesBefore = sandbox.writes().length;
    const body = "And my second order?";
    const part = sandbox.addPart(first.conversationId, { author: "user", body }).parts.at(-1)!;
    const conv = { id: first.conversationId, contactId: first.contactId };
    expect((await h.deliverIntercom(userReplied(conv, { id: part.id, body }))).status).toBe(202);
    const rows = await h.decisions("intercom", TEST_INTERCOM_APP_ID);
    expect(rows.map((r) => r.arm)).toEqual(["control", "control"]);
    expect(sandbox.writes().slice(writesBefore)).toEqual([]);
  });

  it("a conversation whose state expired keeps the arm its tag says", async () => {
    const scenario = SCENARIOS[ANSWER]!;
    const contact = sandbox.addContact("Returning Customer");
    const conversation = sandbox.addConversation({
      contactId: contact.id,
      tags: ["deskmate_arm_control"],
      parts: scenario.turns.filter((t) => t.by === "c").map((t) => ({ author: "user" as const, body: t.text })),
    });
    const h = createHarness({ env: autosend });
    const writesBefore = sandbox.writes().length;
    const payload = userCreated({ id: conversation.id, contactId: contact.id, body: scenario.turns[0]?.text ?? "" });
    expect((await h.deliverIntercom(payload)).status).toBe(202);
    expect((await h.decisions("intercom", TEST_INTERCOM_APP_ID))[0]).toMatchObject({
      arm: "control",
      publicReply: false,
    });
    expect(sandbox.writes().slice(writesBefore)).toEqual([]);
  });

  it("autosend_categories ready: a public reply only once the category is ready", async () => {
    const env = { ...autosend, DESKMATE_AUTOSEND_CATEGORIES: "ready" };
    const none = await runAnswer({}, createHarness({ env }));
    expect(none.rows[0]).toMatchObject({ category: "refund", publicReply: false });

    const h = createHarness({ env });
    const store = h.runtime.pipelineDeps("intercom", TEST_INTERCOM_APP_ID).store;
    const value = { categories: ["refund"], computed_at: "2026-12-06T02:00:00.000Z" };
    await store.kv.set(store.key("rollout", "ready_categories"), JSON.stringify(value), 3600);
    const ready = await runAnswer({}, h);
    expect(ready.rows.at(-1)).toMatchObject({ category: "refund", publicReply: true });
  });
});
