import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignArm } from "../../src/rollout/assign-arm.ts";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";
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

const ANSWER = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
const ADMIN_TOKEN = "test-admin-token-0123456789";
const autosend = { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend", DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN };

/** GET /admin/experiment from yesterday to tomorrow (UTC), as an admin: a run across midnight still counts. */
async function experimentToday(h: ReturnType<typeof createHarness>) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const query = `platform=zendesk&account=acme&from=${day(-1)}&to=${day(1)}`;
  const response = await h.runtime.app.request(
    `/admin/experiment?${query}`,
    { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    h.env,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { arms: Record<string, { tickets: number }> };
}

/** The answer scenario through the real worker; the ticket, its new comments, the writes and the rows. */
async function runAnswer(
  env: Record<string, string> | ((ticketId: number) => Record<string, string>),
  harness?: ReturnType<typeof createHarness>,
) {
  const { ticketId, requesterId } = stageScenario(sandbox, SCENARIOS[ANSWER]!, ANSWER);
  const vars = typeof env === "function" ? env(ticketId) : env;
  const h = harness ?? createHarness({ env: { ...autosend, ...vars } });
  const before = { comments: sandbox.ticket(ticketId).comments.length, writes: sandbox.writes().length };
  expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);
  const ticket = sandbox.ticket(ticketId);
  return {
    h,
    ticketId,
    requesterId,
    ticket,
    added: ticket.comments.slice(before.comments),
    writes: sandbox.writes().slice(before.writes),
    rows: await h.decisions(),
  };
}

/** A salt that puts `ticketId` in `arm` at `percent`, so a test can pick the arm of a sandbox ticket. */
function saltFor(ticketId: number, percent: number, arm: "control" | "assistant"): string {
  for (let i = 0; ; i++) if (assignArm(String(ticketId), `salt-${i}`, percent) === arm) return `salt-${i}`;
}

describe("rollout arms on Zendesk", () => {
  it("control: Deskmate decides and records, and writes only the arm tag", async () => {
    const { h, ticket, added, writes, rows } = await runAnswer({ DESKMATE_CONTROL_PERCENT: "100" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "answer", arm: "control", publicReply: false, mode: "autosend" });
    expect(anthropic.requests.length).toBeGreaterThan(0);
    expect(added).toEqual([]);
    // One request: a safe update adding the tag. No comment, no group, no status.
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT /api/v2/tickets/${ticket.id}`]);
    expect(Object.keys((writes[0]!.body as { ticket: object }).ticket).sort()).toEqual([
      "additional_tags",
      "safe_update",
      "updated_stamp",
    ]);
    expect(ticket.tags).toEqual(["deskmate_arm_control"]);
    expect((await experimentToday(h)).arms).toEqual({ assistant: { tickets: 0 }, control: { tickets: 1 } });
  });

  it("assistant with a control group: the configured mode, plus the arm tag", async () => {
    const { ticket, added, rows } = await runAnswer((ticketId) => ({
      DESKMATE_CONTROL_PERCENT: "50",
      DESKMATE_ARM_SALT: saltFor(ticketId, 50, "assistant"),
    }));
    expect(rows[0]).toMatchObject({ outcome: "answer", arm: "assistant", publicReply: true });
    expect(added.filter((c) => c.public)).toHaveLength(1);
    expect(ticket.tags).toEqual(expect.arrayContaining(["deskmate_answered", "deskmate_arm_assistant"]));
  });

  it("without a control group no arm tag is written, and the row still says assistant", async () => {
    const { ticket, rows } = await runAnswer({});
    expect(rows[0]).toMatchObject({ arm: "assistant", publicReply: true });
    expect(ticket.tags.filter((t) => t.includes("arm_"))).toEqual([]);
  });

  it("the arm is fixed at the first decision: lowering the percentage later keeps the ticket in control", async () => {
    const first = await runAnswer({ DESKMATE_CONTROL_PERCENT: "100" });
    const { ticketId, requesterId } = first;
    expect(first.rows[0]?.arm).toBe("control");
    // A later message, with the control group switched off, on the same store and ledger.
    const h = createHarness({ env: { ...autosend }, kv: first.h.kv, ledgerDb: first.h.ledgerDb });
    const writesBefore = sandbox.writes().length;
    const comment = sandbox.addComment(ticketId, { authorId: requesterId, body: "And what about my second order?" });
    const event = commentAdded(
      { id: ticketId, requesterId },
      { id: comment.id, authorId: requesterId, isStaff: false },
    );
    expect((await h.deliver(event)).status).toBe(202);
    const rows = await h.decisions();
    expect(rows.map((r) => r.arm)).toEqual(["control", "control"]);
    // Nothing written for the second message: no reply, no note, and the tag is not written again.
    expect(sandbox.writes().slice(writesBefore)).toEqual([]);
    expect(sandbox.ticket(ticketId).tags).toEqual(["deskmate_arm_control"]);
  });
});

describe("a ticket whose state expired keeps the arm its tag says", () => {
  it("tagged control, no state, no control group: still control, nothing written", async () => {
    const scenario = SCENARIOS[ANSWER]!;
    const customer = sandbox.addCustomer("Returning Customer");
    const ticket = sandbox.addTicket({
      subject: scenario.subject,
      requesterId: customer.id,
      tags: ["deskmate_arm_control"],
      comments: scenario.turns.filter((t) => t.by === "c").map((t) => ({ authorId: customer.id, body: t.text })),
    });
    const h = createHarness({ env: autosend });
    const writesBefore = sandbox.writes().length;
    expect((await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }))).status).toBe(202);
    expect((await h.decisions())[0]).toMatchObject({ arm: "control", publicReply: false });
    expect(sandbox.writes().slice(writesBefore)).toEqual([]);
    expect(sandbox.ticket(ticket.id).tags).toEqual(["deskmate_arm_control"]);
  });
});

describe("autosend limited to categories on Zendesk", () => {
  it("a category outside the list gets a draft, one inside it a public reply", async () => {
    const outside = await runAnswer({ DESKMATE_AUTOSEND_CATEGORIES: "billing,shipping" });
    expect(outside.rows[0]).toMatchObject({ outcome: "answer", category: "refund", publicReply: false });
    expect(outside.added.filter((c) => c.public)).toEqual([]);
    expect(outside.ticket.tags).toContain("deskmate_draft");

    const inside = await runAnswer({ DESKMATE_AUTOSEND_CATEGORIES: "billing, refund" });
    expect(inside.rows[0]).toMatchObject({ outcome: "answer", category: "refund", publicReply: true });
    expect(inside.added.filter((c) => c.public)).toHaveLength(1);
  });

  it("ready: drafts while no readiness is recorded, a public reply once the category is ready", async () => {
    const env = { ...autosend, DESKMATE_AUTOSEND_CATEGORIES: "ready" };
    const none = await runAnswer({}, createHarness({ env }));
    expect(none.rows[0]).toMatchObject({ category: "refund", publicReply: false });
    expect(none.h.lines).toContainEqual(expect.objectContaining({ reason: "absent" }));

    const ready = createHarness({ env });
    const store = ready.store();
    const value = { categories: ["refund"], computed_at: "2026-12-06T02:00:00.000Z" };
    await store.kv.set(store.key("rollout", "ready_categories"), JSON.stringify(value), 3600);
    const after = await runAnswer({}, ready);
    expect(after.rows[0]).toMatchObject({ category: "refund", publicReply: true });
  });

  it("ready: a malformed readiness record means no category is ready", async () => {
    const h = createHarness({ env: { ...autosend, DESKMATE_AUTOSEND_CATEGORIES: "ready" } });
    await h.store().kv.set(h.store().key("rollout", "ready_categories"), '{"categories": "refund"}', 3600);
    const { rows } = await runAnswer({}, h);
    expect(rows[0]).toMatchObject({ publicReply: false });
    expect(h.lines).toContainEqual(expect.objectContaining({ reason: "malformed" }));
  });
});
