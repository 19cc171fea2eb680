import { describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { decision } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness, recordedMessage } from "../support/worker-harness.ts";
import {
  agentAssignmentChanged,
  commentAdded,
  csatTrigger,
  groupAssignmentChanged,
  statusChanged,
  ticketCreated,
} from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

// The harness's ZENDESK_SUBDOMAIN: every delivery, trigger or event subscription, is filed under it.
const ACCOUNT = "acme";
const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

function answering() {
  let calls = 0;
  const decide: Decider = async ({ settings }) => {
    calls += 1;
    return {
      outcome: "answer",
      reasons: [],
      customerMessage: "You can download every invoice under Billing > Invoices.",
      addTags: [`${settings.tagPrefix}answered`],
      removeTags: [],
    };
  };
  return { decide, calls: () => calls };
}

/** The real worker with the ledger bound to an SQLite copy of the D1 schema. */
function withLedger(env: Record<string, string> = {}, decide?: Decider, queue = false) {
  const db = sqliteD1();
  const h = createHarness({
    env: { ...env, LEDGER: db as unknown as D1Database },
    ...(decide ? { decide } : {}),
    ...(queue ? { queue } : {}),
  });
  const ledger = d1Ledger(db);
  const events = async (account = ACCOUNT): Promise<Array<Partial<LifecycleEvent>>> => {
    const page = await ledger.lifecycle({
      platform: "zendesk",
      account,
      from: "2000-01-01T00:00:00.000Z",
      to: "2100-01-01T00:00:00.000Z",
    });
    return page.rows
      .map(({ ticketId, kind, eventId, rating, detail }) => ({ ticketId, kind, eventId, rating, detail }))
      .sort((a, b) => a.eventId.localeCompare(b.eventId));
  };
  /** The ledger's lifecycle table is unreachable until the returned function brings it back. */
  const breakLifecycleTable = () => {
    db.database.exec("ALTER TABLE lifecycle_events RENAME TO lifecycle_events_away");
    return () => db.database.exec("ALTER TABLE lifecycle_events_away RENAME TO lifecycle_events");
  };
  return { h, ledger, events, breakLifecycleTable };
}

describe("Zendesk webhooks -> lifecycle events in the ledger", () => {
  it("solved and reopened, keyed by ticket, status and time; a redelivery is stored once", async () => {
    const { h, events } = withLedger();
    const solvedAt = "2026-11-22T08:30:11.000Z";
    const solved = statusChanged(T101, "open", "solved", solvedAt);
    await h.deliver(solved);
    // The same fact under another event id (e.g. a re-sent subscription) is still one row.
    await h.deliver({ ...solved, id: crypto.randomUUID() });
    await h.deliver(statusChanged(T101, "solved", "closed", "2026-11-25T08:30:11.000Z"));
    await h.deliver(statusChanged(T101, "solved", "open", "2026-11-23T09:00:00.000Z"));
    const ms = (iso: string) => Date.parse(iso);
    expect(await events()).toEqual([
      {
        ticketId: "101",
        kind: "reopened",
        eventId: `status:101:reopened:${ms("2026-11-23T09:00:00.000Z")}`,
        rating: null,
        detail: null,
      },
      { ticketId: "101", kind: "solved", eventId: `status:101:solved:${ms(solvedAt)}`, rating: null, detail: null },
    ]);
  });

  it("agent and group assignment changes carry the new value; an agent assignment is no takeover", async () => {
    const { h, events } = withLedger();
    const time = "2026-11-22T08:30:00.000Z";
    const ms = Date.parse(time);
    await h.deliver(agentAssignmentChanged(T101, SANDBOX.agentId, time));
    await h.deliver(groupAssignmentChanged(T101, SANDBOX.groups.billing, time));
    await h.deliver(agentAssignmentChanged(T101, null, "2026-11-22T09:00:00.000Z"));
    expect(await events()).toEqual([
      {
        ticketId: "101",
        kind: "assignee_changed",
        eventId: `assignee_changed:101:${ms}:901`,
        rating: null,
        detail: "901",
      },
      {
        ticketId: "101",
        kind: "assignee_changed",
        eventId: `assignee_changed:101:${Date.parse("2026-11-22T09:00:00.000Z")}:none`,
        rating: null,
        detail: "none",
      },
      { ticketId: "101", kind: "group_changed", eventId: `group_changed:101:${ms}:2002`, rating: null, detail: "2002" },
    ]);
    expect((await h.store().getTicketState("101")).humanOwned).toBe(false);
    expect(sandbox.writes()).toEqual([]);
  });

  it("a customer's public message and an agent's public reply, keyed by comment id", async () => {
    const { h, events } = withLedger();
    const customer = sandbox.ticket(101).comments[0]?.id ?? 0;
    await h.deliver(commentAdded(T101, { id: customer, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    await h.deliver(commentAdded(T101, { id: 800, authorId: SANDBOX.agentId, isStaff: true }));
    await h.deliver(commentAdded(T101, { id: 801, authorId: SANDBOX.agentId, isStaff: true, isPublic: false }));
    await h.deliver(commentAdded(T101, { id: 802, authorId: SANDBOX.assistantId, isStaff: true }));
    expect((await events()).map((e) => `${e.kind} ${e.eventId}`)).toEqual([
      `customer_message comment:${customer}`,
      "human_public_reply comment:800",
    ]);
  });

  it("a CSAT trigger stores the verdict once per ticket and verdict", async () => {
    const { h, events } = withLedger();
    await h.deliver(csatTrigger(T101, "Good, I'm satisfied", "2026-11-23T10:02Z"));
    await h.deliver(csatTrigger(T101, "good", "2026-11-23T10:05Z"), { invocationId: "another-delivery" });
    await h.deliver(csatTrigger(T101, "bad", "2026-11-24T10:00Z"));
    expect(await events("acme")).toEqual([
      { ticketId: "101", kind: "csat", eventId: "csat:101:bad", rating: "bad", detail: null },
      { ticketId: "101", kind: "csat", eventId: "csat:101:good", rating: "good", detail: null },
    ]);
  });

  it("a new ticket from a requester with decisions on other tickets in 7 days marks each re-contacted", async () => {
    const { h, ledger, events } = withLedger();
    const requesterId = String(SANDBOX.customerWithOrgId);
    const now = Date.now();
    const row = (ticketId: string, daysAgo: number, requester = requesterId) =>
      decision({
        account: ACCOUNT,
        ticketId,
        requesterId: requester,
        decidedAt: new Date(now - daysAgo * 86_400_000).toISOString(),
      });
    for (const d of [row("90", 2), row("90", 1), row("91", 6.9), row("92", 8), row("93", 1, "4242"), row("101", 0.5)])
      await ledger.recordDecision(d);
    const created = ticketCreated(T101, new Date(now).toISOString());
    await h.deliver(created);
    await h.deliver({ ...created, id: crypto.randomUUID() });
    expect((await events()).filter((e) => e.kind === "new_ticket_same_requester")).toEqual([
      { ticketId: "90", kind: "new_ticket_same_requester", eventId: "recontact:90:101", rating: null, detail: "101" },
      { ticketId: "91", kind: "new_ticket_same_requester", eventId: "recontact:91:101", rating: null, detail: "101" },
    ]);
  });
});

describe("a customer confirming the assistant's answer", () => {
  async function answeredTicket() {
    const model = answering();
    const { h, events, ledger } = withLedger({ DESKMATE_MODE: "autosend" }, model.decide);
    await h.deliver(ticketCreated(T101));
    expect(h.handled()[0]).toMatchObject({ outcome: "answer" });
    const customerWrites = async (body: string) => {
      const comment = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body });
      await h.deliver(commentAdded(T101, { id: comment.id, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
      return comment.id;
    };
    const decisionRows = async () => {
      const range = { from: "2000-01-01T00:00:00.000Z", to: "2100-01-01T00:00:00.000Z" };
      const page = await ledger.decisions({ platform: "zendesk", account: ACCOUNT, ...range });
      return page.rows.map((r) => ({ outcome: r.outcome, reasons: r.reasons, commentId: r.commentId })).reverse();
    };
    return { h, model, events, customerWrites, decisionRows };
  }

  it("'thanks, that worked!' is recorded as customer_confirmed, with no model call and no reply", async () => {
    const { h, model, events, customerWrites, decisionRows } = await answeredTicket();
    const writesBefore = sandbox.writes().length;
    const id = await customerWrites("Thanks, that worked!");
    // The confirming message is a customer message like any other: it leaves its one decision row.
    expect((await decisionRows()).map((r) => [r.outcome, r.reasons.join(","), r.commentId === String(id)])).toEqual([
      ["answer", "", false],
      ["skip", "customer_confirmed", true],
    ]);
    expect(h.handled()[1]).toMatchObject({ outcome: "skip", reasons: ["customer_confirmed"] });
    expect(model.calls()).toBe(1);
    expect(sandbox.writes()).toHaveLength(writesBefore);
    expect((await events()).filter((e) => e.eventId === `comment:${id}`)).toEqual([
      { ticketId: "101", kind: "customer_confirmed", eventId: `comment:${id}`, rating: null, detail: null },
    ]);
    expect((await h.store().getTicketState("101")).lastHandledCommentId).toBe(String(id));
  });

  it("'thanks, but it still fails' is a customer message and is answered", async () => {
    const { h, model, events, customerWrites } = await answeredTicket();
    const id = await customerWrites("Thanks, but it still fails");
    expect(h.handled()[1]).toMatchObject({ outcome: "answer" });
    expect(model.calls()).toBe(2);
    expect((await events()).filter((e) => e.eventId === `comment:${id}`)).toMatchObject([{ kind: "customer_message" }]);
  });

  it("thanks after the assistant asked a question is not a confirmation: decided as usual", async () => {
    let calls = 0;
    const asking: Decider = async () => {
      calls += 1;
      return { outcome: "ask", reasons: [], customerMessage: "Which order is it?", addTags: [], removeTags: [] };
    };
    const { h } = withLedger({ DESKMATE_MODE: "autosend" }, asking);
    await h.deliver(ticketCreated(T101));
    const comment = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body: "Thanks!" });
    await h.deliver(commentAdded(T101, { id: comment.id, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    expect(h.handled().map((line) => line.outcome)).toEqual(["ask", "ask"]);
    expect(calls).toBe(2);
  });
});

describe("a ledger that fails", () => {
  it("retries the event; the retry stores the fact once and writes nothing twice", async () => {
    const { h, events, breakLifecycleTable } = withLedger({}, undefined, true);
    await h.deliver(statusChanged(T101, "open", "solved", "2026-11-22T08:30:11.000Z"));
    const restore = breakLifecycleTable();
    const [first] = await h.drainQueue();
    expect(first).toMatchObject({ acked: false });
    expect(first?.retried).toHaveLength(1);
    restore();
    const retry = recordedMessage(first?.body ?? ({} as never), 2);
    await h.runtime.consumeQueue("deskmate-events", [retry]);
    expect(retry.acked).toBe(true);
    expect((await events()).map((e) => e.kind)).toEqual(["solved"]);
  });

  it("a confirmation is not marked handled until the ledger has it", async () => {
    const { h, events, breakLifecycleTable } = withLedger({ DESKMATE_MODE: "autosend" }, answering().decide, true);
    await h.deliver(ticketCreated(T101));
    await h.drainQueue();
    const writesBefore = sandbox.writes().length;
    const comment = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body: "thanks, that worked!" });
    await h.deliver(commentAdded(T101, { id: comment.id, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    const restore = breakLifecycleTable();
    const [first] = await h.drainQueue();
    expect(first?.retried).toHaveLength(1);
    expect((await h.store().getTicketState("101")).lastHandledCommentId).not.toBe(String(comment.id));
    restore();
    const retry = recordedMessage(first?.body ?? ({} as never), 2);
    await h.runtime.consumeQueue("deskmate-events", [retry]);
    expect(h.handled().at(-1)).toMatchObject({ reasons: ["customer_confirmed"] });
    expect((await events()).filter((e) => e.eventId === `comment:${comment.id}`)).toMatchObject([
      { kind: "customer_confirmed" },
    ]);
    expect(sandbox.writes()).toHaveLength(writesBefore);
  });
});
