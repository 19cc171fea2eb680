import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { adminReplied, userCreated, userReplied } from "../support/intercom-events.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS } from "../support/scenarios.ts";
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

const withModel = {
  ANTHROPIC_API_KEY: "test-key",
  DESKMATE_GROUP_BY_CATEGORY: "refund=2002,billing=2002",
  DESKMATE_FALLBACK_GROUP_ID: "2003",
};

async function run(index: number, env: Record<string, string> = {}) {
  const h = createHarness({ env: { ...withModel, ...env } });
  const { conversationId, payload } = stageIntercomScenario(sandbox, SCENARIOS[index]!, index);
  const res = await h.deliverIntercom(payload);
  expect(res.status).toBe(202);
  return { h, conversationId, handled: h.handled()[0] };
}

describe("the same scenario suite in an Intercom workspace: identical outcomes and reasons", () => {
  it.each(SCENARIOS.map((s, i) => [s.name, i] as const))("%s", async (_name, index) => {
    const { handled } = await run(index);
    expect({ outcome: handled?.outcome, reasons: handled?.reasons }).toEqual(SCENARIOS[index]!.expect);
  });

  it("escalation (draft): handoff note by the assistant admin, team from the category map, tags by id", async () => {
    const fraud = SCENARIOS.findIndex((s) => s.expect.reasons.includes("fraud"));
    const { conversationId } = await run(fraud);
    const conversation = sandbox.conversation(conversationId);
    const note = conversation.parts.filter((p) => p.partType === "note").at(-1);
    expect(note?.authorId).toBe(INTERCOM_SANDBOX.assistantAdminId);
    expect(note?.bodyHtml).toContain("Suggested next step");
    expect(conversation.teamAssigneeId).toBe(INTERCOM_SANDBOX.teams.tier2);
    expect(conversation.tags).toEqual(
      expect.arrayContaining(["deskmate_escalated", "deskmate_reason_fraud", "deskmate_draft"]),
    );
    const tagCalls = sandbox.requests.filter((r) => r.method === "POST" && /\/conversations\/\d+\/tags$/.test(r.path));
    for (const call of tagCalls)
      expect(call.body).toMatchObject({ id: expect.any(String), admin_id: INTERCOM_SANDBOX.assistantAdminId });
  });

  it("answer (autosend): a public comment by the assistant admin, with disclosure", async () => {
    const { conversationId } = await run(0, { DESKMATE_MODE: "autosend" });
    const reply = sandbox.conversation(conversationId).parts.at(-1);
    expect(reply).toMatchObject({
      partType: "comment",
      authorType: "admin",
      authorId: INTERCOM_SANDBOX.assistantAdminId,
    });
    expect(reply?.body ?? reply?.bodyHtml).toContain("I'm Deskmate");
  });

  it("a conversation assigned to a teammate is theirs: nothing is written", async () => {
    const h = createHarness({ env: { ...withModel, DESKMATE_MODE: "autosend" } });
    const contact = sandbox.addContact("Assigned Customer");
    const conv = sandbox.addConversation({
      contactId: contact.id,
      adminAssigneeId: INTERCOM_SANDBOX.humanAdminId,
      parts: [{ author: "user", body: SCENARIOS[0]!.turns[0]!.text }],
    });
    await h.deliverIntercom(userCreated({ id: conv.id, contactId: contact.id }));
    expect(h.handled()[0]).toMatchObject({ outcome: "skip", reasons: ["human_owned"] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("a teammate's reply inside an assignment part (reply and assign) makes the conversation theirs", async () => {
    const h = createHarness({ env: { ...withModel, DESKMATE_MODE: "autosend" } });
    const contact = sandbox.addContact("Team Customer");
    const question = SCENARIOS[0]!.turns[0]!.text;
    const conv = sandbox.addConversation({
      contactId: contact.id,
      teamId: INTERCOM_SANDBOX.teams.support,
      parts: [
        { author: "user", body: "Hello, I have a question about my account." },
        {
          author: "admin",
          adminId: INTERCOM_SANDBOX.humanAdminId,
          partType: "assignment",
          body: "Hi, Alex from support here, I'm on it.",
        },
        { author: "user", body: question },
      ],
    });
    const last = conv.parts.at(-1)!;
    await h.deliverIntercom(userReplied({ id: conv.id, contactId: contact.id }, { id: last.id, body: question }));
    expect(h.handled()[0]).toMatchObject({ outcome: "skip", reasons: ["human_owned"] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("a customer's reply that reopens a closed conversation (an open part) is handled, once", async () => {
    const h = createHarness({ env: { ...withModel, DESKMATE_MODE: "autosend" } });
    const contact = sandbox.addContact("Returning Customer");
    const conv = sandbox.addConversation({
      contactId: contact.id,
      state: "closed",
      parts: [
        { author: "user", body: "Do you ship to Norway?" },
        { author: "admin", adminId: INTERCOM_SANDBOX.assistantAdminId, body: "Yes, we ship to Norway within 5 days." },
      ],
    });
    const question = SCENARIOS[0]!.turns[0]!.text;
    const reopened = sandbox.addPart(conv.id, { author: "user", partType: "open", body: question });
    const part = reopened.parts.at(-1)!;
    const delivery = userReplied(
      { id: conv.id, contactId: contact.id },
      { id: part.id, body: question, partType: "open" },
    );
    expect((await h.deliverIntercom(delivery)).status).toBe(202);
    expect(h.handled()[0]).toMatchObject({ outcome: SCENARIOS[0]!.expect.outcome });
    const replies = () =>
      sandbox
        .conversation(conv.id)
        .parts.filter((p) => p.partType === "comment" && p.authorId === INTERCOM_SANDBOX.assistantAdminId);
    expect(replies()).toHaveLength(2);
    // The same message again (a late or repeated event under a new notification id) writes nothing more.
    await h.deliverIntercom(
      userReplied({ id: conv.id, contactId: contact.id }, { id: part.id, body: question, partType: "open" }),
    );
    expect(h.handled()[1]).toMatchObject({ outcome: "skip", reasons: ["already_handled"] });
    expect(replies()).toHaveLength(2);
  });

  it("the assistant's own reply webhook causes nothing; a human admin's reply makes it human-owned", async () => {
    const h = createHarness({ env: { ...withModel, DESKMATE_MODE: "autosend" } });
    const { conversationId } = stageIntercomScenario(sandbox, SCENARIOS[0]!, 0);
    const conv = { id: conversationId, contactId: "c" };
    await h.deliverIntercom(adminReplied(conv, INTERCOM_SANDBOX.assistantAdminId, { id: 1, body: "hello" }));
    await h.deliverIntercom(adminReplied(conv, INTERCOM_SANDBOX.humanAdminId, { id: 2, body: "I'll take it" }));
    expect(h.handled().map((l) => l.reasons)).toEqual([["own_comment"], ["human_owned"]]);
    expect(sandbox.writes()).toEqual([]);
  });
});
