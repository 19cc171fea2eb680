import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";

const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
  anthropic.setFallback(recordedReply);
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

const withModel = { ANTHROPIC_API_KEY: "test-key" };

async function run(index: number, env: Record<string, string> = {}) {
  const scenario = SCENARIOS[index]!;
  const h = createHarness({ env: { ...withModel, ...env } });
  const { ticketId, requesterId } = stageScenario(sandbox, scenario, index);
  const res = await h.deliver(ticketCreated({ id: ticketId, requesterId }));
  expect(res.status).toBe(202);
  return { h, ticketId, handled: h.handled()[0] };
}

describe("scenario suite: every outcome, trigger and failure path", () => {
  it.each(SCENARIOS.map((s, i) => [s.name, i] as const))("%s", async (_name, index) => {
    const { handled } = await run(index);
    const expected = SCENARIOS[index]!.expect;
    expect({ outcome: handled?.outcome, reasons: handled?.reasons }).toEqual(expected);
  });

  it("answer (draft): a suggested reply with disclosure and source link, tagged answered", async () => {
    const { ticketId } = await run(0);
    const ticket = sandbox.ticket(ticketId);
    const note = ticket.comments.at(-1);
    expect(note?.public).toBe(false);
    expect(note?.html_body).toContain("suggested reply");
    expect(note?.html_body).toContain("$25 restocking fee");
    expect(note?.html_body).toContain("Refund policy");
    expect(ticket.tags).toEqual(expect.arrayContaining(["deskmate_answered", "deskmate_draft"]));
  });

  it("answer (autosend): one public reply, disclosed on first reply, status pending, tags in the same write", async () => {
    const { h, ticketId } = await run(0, { DESKMATE_MODE: "autosend" });
    const reply = sandbox.ticket(ticketId).comments.at(-1);
    expect(reply?.public).toBe(true);
    expect(reply?.body).toContain("I'm Deskmate");
    expect(sandbox.ticket(ticketId).status).toBe("pending");
    expect(sandbox.ticket(ticketId).tags).toContain("deskmate_answered");
    expect(h.handled()[0]).toMatchObject({ writes: 1, model_calls: 1 });
  });

  it("hard trigger (autosend): decided without the model; handoff, priority raised, customer told warmly", async () => {
    const { h, ticketId } = await run(8, { DESKMATE_MODE: "autosend" });
    const ticket = sandbox.ticket(ticketId);
    const [note, message] = ticket.comments.slice(-2);
    expect(note?.public).toBe(false);
    for (const section of [
      "Reason",
      "Urgency",
      "Customer wants",
      "Customer",
      "Facts gathered",
      "Suggested next step",
    ]) {
      expect(note?.html_body).toContain(section);
    }
    expect(message?.public).toBe(true);
    expect(message?.body.toLowerCase()).not.toContain("contact support");
    expect(ticket.priority).toBe("high");
    expect(ticket.tags).toEqual(expect.arrayContaining(["deskmate_escalated", "deskmate_reason_fraud"]));
    const state = await h.store().getTicketState(String(ticketId));
    expect(state.lastHandoff?.reasons.map((r) => r.code)).toEqual(["fraud"]);
  });

  it("hard trigger still hands off completely when the enrichment call fails", async () => {
    anthropic.setFallback(modelReplies.httpError(500, { "x-should-retry": "false" }));
    const { handled, ticketId } = await run(6);
    expect(handled).toMatchObject({ outcome: "escalate", reasons: ["human_requested"] });
    expect(sandbox.ticket(ticketId).comments.at(-1)?.html_body).toContain("Suggested next step");
  });

  it("model timeout escalates with model_error", async () => {
    anthropic.setFallback(modelReplies.delayed(2500));
    const { handled } = await run(0, { DESKMATE_MODEL_TIMEOUT_SECONDS: "1" });
    expect(handled).toMatchObject({ outcome: "escalate", reasons: ["model_error"] });
  }, 20_000);

  it("a reply that breaks a rule is regenerated once, then sent if clean", async () => {
    const dirty = sampleModelOutput({
      reply: "You can request a refund within 30 days. I'll email you tomorrow with the details.",
      cited_source_ids: ["zd-article:360001001#1"],
    });
    const clean = sampleModelOutput({
      reply: "You can request a refund within 30 days of purchase.",
      cited_source_ids: ["zd-article:360001001#1"],
    });
    anthropic.answerNext(modelReplies.output(dirty), modelReplies.output(clean));
    const { handled } = await run(0);
    expect(handled).toMatchObject({ outcome: "answer", model_calls: 2 });
    expect(anthropic.requests.at(-1)?.body.messages.at(-1)?.content).toContain("email");
  });

  it("internal notes never reach the model", async () => {
    const { ticketId } = await run(0);
    void ticketId;
    const index = 1;
    const { ticketId: id2 } = stageScenario(sandbox, SCENARIOS[index]!, 99);
    sandbox.addComment(id2, { authorId: 901, body: "INTERNAL: customer owes us money, do not refund", public: false });
    sandbox.addComment(id2, {
      authorId: sandbox.ticket(id2).requester_id,
      body: "Hello? My parcel has not arrived yet, where is it?",
    });
    const h = createHarness({ env: withModel });
    await h.deliver(ticketCreated({ id: id2, requesterId: sandbox.ticket(id2).requester_id }));
    for (const call of anthropic.requests) expect(JSON.stringify(call.body)).not.toContain("do not refund");
  });
});
