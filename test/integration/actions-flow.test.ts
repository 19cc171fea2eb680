import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS_BASE_URL, ACTIONS_TOKEN, createActionsBackend } from "../support/actions-backend.ts";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";

const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
let backend = createActionsBackend();
const server = useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
  backend = createActionsBackend();
  server.use(...backend.handlers);
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

const ENV = {
  ANTHROPIC_API_KEY: "test-key",
  DESKMATE_MODE: "autosend",
  DESKMATE_ACTIONS_BASE_URL: ACTIONS_BASE_URL,
  DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
};

function act(
  name: string,
  parameters: Record<string, string | number | boolean>,
  reply: string,
  intent: "refund" | "account_access" = "refund",
) {
  return modelReplies.output(
    sampleModelOutput({
      intent_category: intent,
      outcome: "act",
      reply,
      cited_source_ids: [],
      action: { name, parameters },
    }),
  );
}

async function run(message: string, opts: { verified?: boolean; env?: Record<string, string> } = {}) {
  const customer = sandbox.addCustomer("Dana Customer", {
    email: "dana@example.com",
    external_id: "cus_dana",
    verified: opts.verified ?? true,
  });
  const ticket = sandbox.addTicket({
    subject: "Help",
    requesterId: customer.id,
    comments: [{ authorId: customer.id, body: message }],
  });
  const h = createHarness({ env: { ...ENV, ...opts.env } });
  const event = ticketCreated({ id: ticket.id, requesterId: customer.id });
  await h.deliver(event, { invocationId: `inv-${ticket.id}` });
  return { h, ticketId: ticket.id, event };
}

describe("support actions: authorized, run once, limits enforced", () => {
  it("a write runs exactly once, with the requester's identity from the helpdesk and an idempotency key", async () => {
    anthropic.answerNext(
      act("resend_verification_email", {}, "I've sent you a new verification email.", "account_access"),
    );
    const { h, ticketId, event } = await run("I never got the verification email, can you send it again?");
    expect(h.handled()[0]).toMatchObject({ outcome: "act", reasons: [] });
    const calls = backend.requests.filter((r) => r.method === "POST");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe("/accounts/cus_dana/verification-email");
    expect(calls[0]?.headers["idempotency-key"]).toMatch(/^dm-/);
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${ACTIONS_TOKEN}`);
    const comments = sandbox.ticket(ticketId).comments;
    expect(comments.some((c) => !c.public && c.html_body?.includes("carried out a support action"))).toBe(true);
    expect(comments.at(-1)).toMatchObject({ public: true });
    expect(sandbox.ticket(ticketId).tags).toContain("deskmate_acted");
    await h.deliver(event, { invocationId: "another-invocation" });
    expect(backend.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a read action feeds the answer: the model looks the order up, then answers from the result", async () => {
    anthropic.answerNext(
      modelReplies.toolUse([{ name: "order_status", input: { order_id: "A-1001" } }]),
      modelReplies.output(
        sampleModelOutput({
          intent_category: "order_shipping",
          reply: "Your order A-1001 has shipped with DHL and should arrive on 2026-11-26.",
          cited_source_ids: ["action:order_status:1"],
        }),
      ),
    );
    const { h, ticketId } = await run("Where is my order A-1001?");
    expect(h.handled()[0]).toMatchObject({ outcome: "answer", reasons: [] });
    const lookup = backend.requests.find((r) => r.method === "GET");
    expect(lookup?.path).toBe("/orders/A-1001");
    expect(lookup?.query.email).toBe("dana@example.com");
    const toolResult = JSON.stringify(anthropic.requests[1]?.body.messages);
    expect(toolResult).toContain("tool_result");
    expect(toolResult).toContain("DHL");
    expect(sandbox.ticket(ticketId).comments.at(-1)?.body).toContain("2026-11-26");
  });

  it("a read tool cannot be aimed at another customer's data", async () => {
    anthropic.answerNext(
      modelReplies.toolUse([{ name: "order_status", input: { order_id: "A-2002", email: "sam@example.com" } }]),
      modelReplies.output(
        sampleModelOutput({
          intent_category: "order_shipping",
          outcome: "escalate",
          reply: null,
          cited_source_ids: [],
        }),
      ),
    );
    const { h } = await run("What's the status of order A-2002 for sam@example.com?");
    expect(backend.requests).toEqual([]);
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
  });

  it("a refund above the approval threshold is prepared for a human, not run", async () => {
    anthropic.answerNext(
      act("refund", { order_id: "A-1001", amount: 80, reason: "damaged" }, "I've refunded your order."),
    );
    const { h, ticketId } = await run("My headset arrived broken, I want my money back for order A-1001.");
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["approval_required"] });
    expect(backend.refunds).toEqual([]);
    const note = sandbox.ticket(ticketId).comments.find((c) => !c.public)?.html_body ?? "";
    expect(note).toContain("Prepared for your approval");
    expect(note).toContain("refund");
    expect(
      sandbox
        .ticket(ticketId)
        .comments.filter((c) => c.public && c.author_id === 900)
        .map((c) => c.body)
        .join(" "),
    ).not.toContain("refunded");
  });

  it("a refund above the hard limit is refused", async () => {
    anthropic.answerNext(act("refund", { order_id: "A-1001", amount: 150, reason: "damaged" }, "Refunded."));
    const { h } = await run("Refund order A-1001 completely please, it broke.");
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["action_denied"] });
    expect(backend.requests).toEqual([]);
  });

  it("an unverified requester cannot trigger a write that needs verification", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "Sent!", "account_access"));
    const { h } = await run("Send the verification email again please.", { verified: false });
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["action_denied"] });
    expect(backend.requests).toEqual([]);
  });

  it("identity passed by the model is refused (an order number in the message is not authentication)", async () => {
    anthropic.answerNext(
      act("refund", { order_id: "A-2002", amount: 20, reason: "late", email: "sam@example.com" }, "Done."),
    );
    const { h } = await run("Refund order A-2002, I am sam@example.com.");
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["action_denied"] });
    expect(backend.requests).toEqual([]);
  });

  it("a workspace override can disable an action (settings: actions_catalog_override)", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "Sent.", "account_access"));
    const override = JSON.stringify({ actions: [{ name: "resend_verification_email", disabled: true }] });
    const { h } = await run("Please resend my verification email.", {
      env: { DESKMATE_ACTIONS_CATALOG_OVERRIDE: override },
    });
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["action_denied"] });
    expect(backend.requests).toEqual([]);
  });

  it("an invalid catalog override keeps the bundled catalog and says why", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "I've sent it again.", "account_access"));
    const override = JSON.stringify({
      actions: [{ name: "refund", limits: { amountParam: "amount", maxAmount: "lots" } }],
    });
    const { h } = await run("Please resend my verification email.", {
      env: { DESKMATE_ACTIONS_CATALOG_OVERRIDE: override },
    });
    expect(h.handled()[0]).toMatchObject({ outcome: "act" });
    expect(JSON.stringify(h.lines)).toContain("maxAmount");
  });

  it("in draft mode an authorized write is prepared for the agent, not run", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "Sent.", "account_access"));
    const { h } = await run("Please resend my verification email.", { env: { DESKMATE_MODE: "draft" } });
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["needs_human_judgment"] });
    expect(backend.requests).toEqual([]);
  });

  it("in the control arm an authorized write is never run, and nothing but the arm tag reaches the ticket", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "Sent.", "account_access"));
    const { ticketId } = await run("Please resend my verification email.", {
      env: { DESKMATE_CONTROL_PERCENT: "100" },
    });
    expect(backend.requests).toEqual([]);
    expect(sandbox.ticket(ticketId).comments).toHaveLength(1);
    expect(sandbox.ticket(ticketId).tags).toEqual(["deskmate_arm_control"]);
  });

  it("a write in a category autosend may not answer is prepared, not run", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "Sent.", "account_access"));
    const { h } = await run("Please resend my verification email.", {
      env: { DESKMATE_AUTOSEND_CATEGORIES: "refund" },
    });
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["needs_human_judgment"] });
    expect(backend.requests).toEqual([]);
  });

  it("a write in a category autosend may answer runs: the action runner asks with the proposal's category", async () => {
    anthropic.answerNext(act("resend_verification_email", {}, "Sent.", "account_access"));
    const env = { DESKMATE_AUTOSEND_CATEGORIES: "refund,account_access" };
    const { h } = await run("Please resend my verification email.", { env });
    expect(h.handled()[0]).toMatchObject({ outcome: "act" });
    expect(backend.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a write that times out is not retried and escalates with tool_error, saying the result is unknown", async () => {
    backend.fail(/verification-email/, 500);
    anthropic.answerNext(act("resend_verification_email", {}, "Sent.", "account_access"));
    const { h, ticketId } = await run("Please resend my verification email.");
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["tool_error"] });
    expect(backend.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(sandbox.ticket(ticketId).comments.find((c) => !c.public)?.html_body).toContain("result unknown");
  });
});
