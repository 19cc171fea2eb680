import { describe, expect, it } from "vitest";
import type { Decider } from "../../src/pipeline/decider.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, statusChanged, ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
const T102 = { id: 102, requesterId: SANDBOX.customerWithoutOrgId };

const answering: Decider = async ({ settings }) => ({
  outcome: "answer",
  reasons: [],
  customerMessage: "You can download every invoice under Billing > Invoices.",
  addTags: [`${settings.tagPrefix}answered`],
  removeTags: [],
});

function reads() {
  return sandbox.requests.filter((r) => r.method === "GET").map((r) => r.path);
}

describe("a customer message flows from webhook to helpdesk writes", () => {
  it("new ticket without model key: verified, context in one wave, escalated with a handoff note (draft)", async () => {
    const h = createHarness();
    const res = await h.deliver(ticketCreated(T101));
    expect(res.status).toBe(202);

    expect(reads()).toEqual(
      expect.arrayContaining([
        "/api/v2/users/me",
        "/api/v2/tickets/101",
        "/api/v2/tickets/101/comments",
        "/api/v2/search",
      ]),
    );
    // Requester and organization come side-loaded with the ticket.
    expect(sandbox.requests.find((r) => r.path === "/api/v2/tickets/101")?.query.include).toBe("users,organizations");
    const writes = sandbox.writes();
    // One write: the note, priority and tags in one safe update stamped from the context read.
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /api/v2/tickets/101"]);
    expect(reads().filter((path) => path === "/api/v2/tickets/101")).toHaveLength(1);
    const update = writes[0]?.body as {
      ticket: {
        comment: { public: boolean; html_body: string };
        safe_update: boolean;
        updated_stamp: string;
        additional_tags: string[];
      };
    };
    expect(update.ticket.comment.public).toBe(false);
    expect(update.ticket.comment.html_body).toContain("Deskmate handoff");
    expect(update.ticket.comment.html_body).toContain("Maria");
    expect(update.ticket.safe_update).toBe(true);
    expect(update.ticket.updated_stamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(update.ticket.additional_tags).toEqual([
      "deskmate_escalated",
      "deskmate_reason_model_error",
      "deskmate_draft",
    ]);
    expect(sandbox.ticket(101).tags).toEqual(
      expect.arrayContaining(["deskmate_escalated", "deskmate_reason_model_error", "deskmate_draft"]),
    );
    expect(sandbox.ticket(101).comments.filter((c) => c.public)).toHaveLength(1); // only the customer's
    expect(h.handled()[0]).toMatchObject({
      outcome: "escalate",
      reasons: ["model_error"],
      ticket_id: "101",
      writes: 1,
    });
  });

  it("the same delivery twice, or the same event under a new invocation id, writes once", async () => {
    const h = createHarness();
    const event = ticketCreated(T101);
    expect((await h.deliver(event, { invocationId: "inv-1" })).status).toBe(202);
    const again = await h.deliver(event, { invocationId: "inv-1" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    expect((await h.deliver(event, { invocationId: "inv-2" })).status).toBe(200);
    expect(sandbox.writes()).toHaveLength(1);
  });

  it("a late comment_added for the message already handled on ticket.created writes nothing more", async () => {
    const h = createHarness();
    await h.deliver(ticketCreated(T101));
    const first = sandbox.ticket(101).comments[0];
    await h.deliver(commentAdded(T101, { id: first?.id ?? 0, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    expect(sandbox.writes()).toHaveLength(1);
    expect(h.handled()[1]).toMatchObject({ outcome: "skip", reasons: ["already_handled"] });
  });

  it("the assistant's own comment causes nothing (not even a read of the ticket)", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: answering });
    await h.deliver(commentAdded(T101, { id: 777, authorId: SANDBOX.assistantId, isStaff: true }));
    expect(sandbox.writes()).toEqual([]);
    expect(reads()).not.toContain("/api/v2/tickets/101");
    expect(h.handled()[0]).toMatchObject({ outcome: "skip", reasons: ["own_comment"] });
  });

  it("internal notes are skipped", async () => {
    const h = createHarness();
    await h.deliver(commentAdded(T101, { id: 778, authorId: SANDBOX.agentId, isStaff: true, isPublic: false }));
    expect(sandbox.writes()).toEqual([]);
    expect(h.handled()[0]).toMatchObject({ reasons: ["internal_note"] });
  });

  it("a ticket a human agent already answered gets no public reply, even in autosend", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: answering });
    sandbox.addComment(102, { authorId: SANDBOX.customerWithoutOrgId, body: "Still broken." });
    await h.deliver(commentAdded(T102, { id: 999, authorId: SANDBOX.customerWithoutOrgId, isStaff: false }));
    expect(sandbox.writes()).toEqual([]);
    expect(h.handled()[0]).toMatchObject({ outcome: "skip", reasons: ["human_owned"] });
  });

  it("an agent's public reply event marks the ticket human-owned for every later message", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: answering });
    await h.deliver(commentAdded(T101, { id: 800, authorId: SANDBOX.agentId, isStaff: true }));
    expect((await h.store().getTicketState("101")).humanOwned).toBe(true);
    sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body: "Any news?" });
    await h.deliver(commentAdded(T101, { id: 801, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    expect(sandbox.writes()).toEqual([]);
  });

  it("autosend: a public reply as the assistant's user, status pending", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: answering });
    await h.deliver(ticketCreated(T101));
    const update = sandbox.writes().find((w) => w.path === "/api/v2/tickets/101")?.body as {
      ticket: { comment: { public: boolean; author_id: number; body: string }; status: string };
    };
    expect(update.ticket.comment).toMatchObject({ public: true, author_id: SANDBOX.assistantId });
    expect(update.ticket.comment.body).toContain("Billing > Invoices");
    expect(update.ticket.status).toBe("pending");
    expect(sandbox.ticket(101).status).toBe("pending");
    expect((await h.store().getTicketState("101")).aiTurns).toBe(1);
  });

  it("autosend escalation: handoff note first, then the warm public message", async () => {
    const h = createHarness({
      env: { DESKMATE_MODE: "autosend", DESKMATE_FALLBACK_GROUP_ID: String(SANDBOX.groups.tier2) },
    });
    await h.deliver(ticketCreated(T101));
    const updates = sandbox.writes().filter((w) => w.path === "/api/v2/tickets/101");
    const bodies = updates.map(
      (u) => (u.body as { ticket: { comment: { public: boolean }; group_id?: number } }).ticket,
    );
    expect(bodies.map((b) => b.comment.public)).toEqual([false, true]);
    expect(bodies[0]?.group_id).toBe(SANDBOX.groups.tier2);
    expect(sandbox.ticket(101).group_id).toBe(SANDBOX.groups.tier2);
  });

  it("shadow: one internal note describing the plan plus the shadow tag, nothing else", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "shadow", DESKMATE_FALLBACK_GROUP_ID: "2003" } });
    await h.deliver(ticketCreated(T101));
    const writes = sandbox.writes();
    expect(writes.map((w) => w.path)).toEqual(["/api/v2/tickets/101"]);
    const ticket = (writes[0]!.body as { ticket: Record<string, unknown> }).ticket;
    expect(ticket.group_id).toBeUndefined();
    expect((ticket.comment as { html_body: string }).html_body).toContain("shadow mode");
    expect(ticket.additional_tags).toEqual(["deskmate_shadow"]);
    expect(ticket.remove_tags).toBeUndefined();
  });

  it("off: nothing is read from the ticket and nothing is written", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "off" } });
    await h.deliver(ticketCreated(T101));
    expect(sandbox.writes()).toEqual([]);
    expect(reads()).not.toContain("/api/v2/tickets/101");
  });

  it("opted-out and closed tickets are skipped", async () => {
    const h = createHarness();
    const t104 = sandbox.ticket(104);
    await h.deliver(ticketCreated({ id: 104, requesterId: t104.requester_id, tags: t104.tags }));
    await h.deliver(
      commentAdded(
        { id: 105, requesterId: sandbox.ticket(105).requester_id, status: "closed" },
        { id: 5, authorId: 1, isStaff: false },
      ),
    );
    expect(sandbox.writes()).toEqual([]);
    expect(h.handled().map((l) => l.reasons)).toEqual([["opted_out"], ["closed"]]);
  });

  it("a reopened ticket the assistant handled gets the reopened tag", async () => {
    const h = createHarness();
    await h.deliver(ticketCreated(T101));
    await h.deliver(statusChanged(T101, "solved", "open"));
    expect(sandbox.writes().at(-1)?.body).toEqual({ tags: ["deskmate_reopened"] });
  });

  it("the app installation's settings steer the worker (and beat DESKMATE_* variables)", async () => {
    sandbox.setAppInstallation(SANDBOX.appId, { mode: "shadow" });
    const h = createHarness({ env: { ZENDESK_APP_ID: String(SANDBOX.appId), DESKMATE_MODE: "draft" } });
    await h.deliver(ticketCreated(T101));
    const update = sandbox.writes().at(-1)?.body as { ticket: { additional_tags?: string[] } };
    expect(update.ticket.additional_tags).toEqual(["deskmate_shadow"]);
  });

  it("logs carry ids, outcomes and timings but never bodies or emails", async () => {
    const h = createHarness();
    await h.deliver(ticketCreated(T101));
    const text = JSON.stringify(h.lines);
    expect(text).not.toContain("charged twice");
    expect(text).not.toMatch(/@[a-z]+\.(com|test|example)/);
    expect(h.handled()[0]).toMatchObject({
      delivery_id: expect.any(String),
      ticket_id: "101",
      timings: { total: expect.any(Number) },
    });
  });
});
