import { describe, expect, it } from "vitest";
import type { LifecycleEvent } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import {
  adminAssigned,
  adminClosed,
  adminOpened,
  adminReplied,
  ratingAdded,
  userCreated,
  userReplied,
} from "../support/intercom-events.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { decision } from "../support/ledger-rows.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createIntercomSandbox());

function answering() {
  let calls = 0;
  const decide: Decider = async () => {
    calls += 1;
    return { outcome: "answer", reasons: [], customerMessage: "Here is how.", addTags: [], removeTags: [] };
  };
  return { decide, calls: () => calls };
}

/** The real worker with the ledger on an SQLite copy of the D1 schema, and one customer's conversation. */
function setup(env: Record<string, string> = {}) {
  const db = sqliteD1();
  const model = answering();
  const h = createHarness({ env: { ...env, LEDGER: db as unknown as D1Database }, decide: model.decide });
  const ledger = d1Ledger(db);
  const contact = sandbox.addContact("Ledger Customer");
  const conv = sandbox.addConversation({
    contactId: contact.id,
    parts: [{ author: "user", body: "Where is my order?" }],
  });
  const snapshot = { id: conv.id, contactId: contact.id, sourceId: conv.parts[0]?.id ?? "" };
  const events = async (): Promise<Array<Partial<LifecycleEvent>>> => {
    const page = await ledger.lifecycle({
      platform: "intercom",
      account: TEST_INTERCOM_APP_ID,
      from: "2000-01-01T00:00:00.000Z",
      to: "2100-01-01T00:00:00.000Z",
    });
    return page.rows
      .map(({ ticketId, kind, eventId, rating, detail }) => ({ ticketId, kind, eventId, rating, detail }))
      .sort((a, b) => a.eventId.localeCompare(b.eventId));
  };
  return { h, ledger, model, contact, conv: snapshot, events };
}

/** Whole seconds some minutes ago: Intercom notifications older than the claim window are ignored. */
const minutesAgo = (minutes: number) => Math.floor(Date.now() / 1000) - minutes * 60;

describe("Intercom webhooks -> lifecycle events in the ledger", () => {
  it("closed and opened by an admin are a solve and a reopen", async () => {
    const { h, conv, events } = setup();
    const closedAt = minutesAgo(30);
    const openedAt = minutesAgo(10);
    await h.deliverIntercom(adminClosed(conv, { createdAt: closedAt }));
    await h.deliverIntercom(adminOpened(conv, { createdAt: openedAt }));
    expect(await events()).toEqual([
      {
        ticketId: conv.id,
        kind: "reopened",
        eventId: `status:${conv.id}:reopened:${openedAt * 1000}`,
        rating: null,
        detail: null,
      },
      {
        ticketId: conv.id,
        kind: "solved",
        eventId: `status:${conv.id}:solved:${closedAt * 1000}`,
        rating: null,
        detail: null,
      },
    ]);
  });

  it("assignment to a team is a group change, to a teammate an assignee change", async () => {
    const { h, conv, events } = setup();
    const at = minutesAgo(20);
    await h.deliverIntercom(adminAssigned(conv, { teamId: INTERCOM_SANDBOX.teams.billing }, { createdAt: at }));
    await h.deliverIntercom(adminAssigned(conv, { adminId: "901" }, { createdAt: at + 60 }));
    expect((await events()).map((e) => `${e.kind} ${e.eventId} ${e.detail}`)).toEqual([
      `assignee_changed assignee_changed:${conv.id}:${(at + 60) * 1000}:901 901`,
      `group_changed group_changed:${conv.id}:${at * 1000}:2002 2002`,
    ]);
  });

  it("ratings: 4-5 good, 1-2 bad, 3 not stored; the same verdict twice is one row", async () => {
    const { h, conv, events } = setup();
    await h.deliverIntercom(ratingAdded(conv, { rating: 5, remark: "" }));
    await h.deliverIntercom(ratingAdded(conv, { rating: 4, remark: "" }));
    await h.deliverIntercom(ratingAdded(conv, { rating: 3, remark: "" }));
    expect(await events()).toEqual([
      { ticketId: conv.id, kind: "csat", eventId: `csat:${conv.id}:good`, rating: "good", detail: null },
    ]);
    await h.deliverIntercom(ratingAdded(conv, { rating: 1, remark: "" }));
    expect((await events()).map((e) => e.rating)).toEqual(["bad", "good"]);
  });

  it("a customer's messages and a teammate's public reply, keyed by part id; redelivery stored once", async () => {
    const { h, conv, events } = setup();
    const created = userCreated(conv);
    await h.deliverIntercom(created);
    await h.deliverIntercom(created);
    const reply = sandbox.addPart(conv.id, { author: "admin", adminId: "901", body: "On its way." }).parts.at(-1);
    await h.deliverIntercom(adminReplied(conv, "901", { id: reply?.id ?? "", body: "On its way." }));
    expect((await events()).map((e) => `${e.kind} ${e.eventId}`)).toEqual([
      `customer_message comment:${conv.sourceId}`,
      `human_public_reply comment:${reply?.id}`,
    ]);
  });

  it("a new conversation from a contact with decisions elsewhere in 7 days marks those re-contacted", async () => {
    const { h, ledger, conv, contact, events } = setup();
    const now = Date.now();
    const row = (ticketId: string, daysAgo: number) =>
      decision({
        platform: "intercom",
        account: TEST_INTERCOM_APP_ID,
        ticketId,
        requesterId: contact.id,
        decidedAt: new Date(now - daysAgo * 86_400_000).toISOString(),
      });
    await ledger.recordDecision(row("7001", 3));
    await ledger.recordDecision(row("7002", 10));
    await h.deliverIntercom(userCreated(conv, { createdAt: Math.floor(now / 1000) }));
    expect((await events()).filter((e) => e.kind === "new_ticket_same_requester")).toEqual([
      {
        ticketId: "7001",
        kind: "new_ticket_same_requester",
        eventId: `recontact:7001:${conv.id}`,
        rating: null,
        detail: conv.id,
      },
    ]);
  });

  it("'perfect, all sorted' after the assistant's answer is customer_confirmed, with no model call", async () => {
    const { h, model, conv, events } = setup({ DESKMATE_MODE: "autosend" });
    await h.deliverIntercom(userCreated(conv));
    expect(h.handled()[0]).toMatchObject({ outcome: "answer" });
    const writesBefore = sandbox.writes().length;
    const part = sandbox.addPart(conv.id, { author: "user", body: "perfect, all sorted" }).parts.at(-1);
    await h.deliverIntercom(userReplied(conv, { id: part?.id ?? "", body: "perfect, all sorted" }));
    expect(h.handled()[1]).toMatchObject({ outcome: "skip", reasons: ["customer_confirmed"] });
    expect(model.calls()).toBe(1);
    expect(sandbox.writes()).toHaveLength(writesBefore);
    expect((await events()).map((e) => `${e.kind} ${e.eventId}`)).toEqual([
      `customer_message comment:${conv.sourceId}`,
      `customer_confirmed comment:${part?.id}`,
    ]);
  });
});
