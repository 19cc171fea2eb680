import { describe, expect, it } from "vitest";
import type { Decider } from "../../src/pipeline/decider.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

const answering: Decider = async ({ settings }) => ({
  outcome: "answer",
  reasons: [],
  customerMessage: "You can download every invoice under Billing > Invoices.",
  addTags: [`${settings.tagPrefix}answered`],
  removeTags: [],
});

/** Helpdesk requests of one handled message (`users/me` and the OAuth token: once per isolate, not per message). */
function perMessage() {
  const requests = sandbox.requests.filter((r) => r.path !== "/api/v2/users/me" && r.path !== "/oauth/tokens");
  return {
    reads: requests.filter((r) => r.method === "GET").map((r) => r.path),
    writes: requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
  };
}

describe("one read wave and one write per customer message", () => {
  it("a hard-trigger escalation: one read wave, then note, tags and priority in one update", async () => {
    const h = createHarness();
    const ticket = sandbox.addTicket({
      subject: "Help",
      requesterId: SANDBOX.customerWithOrgId,
      comments: [{ authorId: SANDBOX.customerWithOrgId, body: "I want to talk to a real person" }],
    });
    await h.deliver(ticketCreated({ id: ticket.id, requesterId: SANDBOX.customerWithOrgId }));
    const { reads, writes } = perMessage();
    expect(writes).toEqual([`PUT /api/v2/tickets/${ticket.id}`]);
    expect(reads.filter((path) => path === `/api/v2/tickets/${ticket.id}`)).toHaveLength(1);
    // One wave: the ticket (requester and organization side-loaded), its comments, the recent tickets.
    expect(reads.sort()).toEqual([
      "/api/v2/search",
      `/api/v2/tickets/${ticket.id}`,
      `/api/v2/tickets/${ticket.id}/comments`,
    ]);
    expect(sandbox.ticket(ticket.id).tags).toEqual(expect.arrayContaining(["deskmate_escalated"]));
  });

  it("an autosend answer: the reply and its tags in one update", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: answering });
    await h.deliver(ticketCreated(T101));
    const { reads, writes } = perMessage();
    expect(writes).toEqual(["PUT /api/v2/tickets/101"]);
    expect(reads.sort()).toEqual(["/api/v2/search", "/api/v2/tickets/101", "/api/v2/tickets/101/comments"]);
    expect(sandbox.ticket(101).tags).toContain("deskmate_answered");
    expect(sandbox.ticket(101).comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId)).toHaveLength(1);
  });

  it("a ticket changed after the context read: the update meets 409, re-reads once and lands once", async () => {
    const h = createHarness();
    // An agent's edit between the read and the write: Zendesk refuses the stale stamp.
    sandbox.failNext({ method: "PUT", path: "/api/v2/tickets/101" }, [{ status: 409 }]);
    await h.deliver(ticketCreated(T101));
    const { reads, writes } = perMessage();
    expect(writes).toEqual(["PUT /api/v2/tickets/101", "PUT /api/v2/tickets/101"]);
    // The context read, then one re-read after the conflict (and the comments, to rule out our own landing).
    expect(reads.filter((path) => path === "/api/v2/tickets/101")).toHaveLength(2);
    expect(sandbox.ticket(101).comments.filter((c) => !c.public)).toHaveLength(1);
    expect(sandbox.ticket(101).tags).toContain("deskmate_escalated");
    expect(h.handled().at(-1)).toMatchObject({ outcome: "escalate", writes: 1 });
  });

  it("a job stored by the earlier step split resumes in that split: the note it sent is not sent again", async () => {
    const h = createHarness({ queue: true });
    await h.deliver(ticketCreated(T101));
    sandbox.failNext(
      { method: "PUT", path: "/api/v2/tickets/101" },
      Array.from({ length: 4 }, () => ({ status: 500 })),
    );
    const body = h.sent[0]!;
    const [first] = await h.drainQueue();
    expect(first?.retried).toHaveLength(1);
    // Rewrite the stored job as the earlier release left it: note update sent and recorded, tags not yet.
    const store = h.store();
    const state = await store.getTicketState("101");
    const { attempt: _attempt, ...job } = state.inFlight!;
    await store.putTicketState("101", { ...state, inFlight: { ...job, stepsDone: ["update"] } });
    sandbox.addComment(101, { authorId: SANDBOX.assistantId, body: "Deskmate handoff (sent before)", public: false });
    const before = sandbox.writes().length;

    h.sent.push(body);
    const [second] = await h.drainQueue("deskmate-events", 2);
    expect(second?.acked).toBe(true);
    expect(
      sandbox
        .writes()
        .slice(before)
        .map((w) => `${w.method} ${w.path}`),
    ).toEqual(["PUT /api/v2/tickets/101/tags"]);
    expect(sandbox.ticket(101).comments.filter((c) => !c.public)).toHaveLength(1);
    expect(sandbox.ticket(101).tags).toEqual(expect.arrayContaining(["deskmate_escalated", "deskmate_draft"]));
  });
});
