import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { LifecycleEvent } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { runNightly } from "../../src/nightly/run-nightly.ts";
import { reconcileCursor } from "../../src/nightly/reconcile-cursor.ts";
import type { Helpdesk } from "../../src/ports/helpdesk.ts";
import type { Ledger, LedgerAccount } from "../../src/ports/ledger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { sandboxIntercomHelpdesk } from "../support/intercom-sandbox/sandbox-helpdesk.ts";
import { decision } from "../support/ledger-rows.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { SANDBOX_OAUTH, sandboxHelpdesk } from "../support/zendesk-sandbox/sandbox-helpdesk.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The night the job runs; tickets were decided on in the days before. */
const NIGHT = Date.parse("2026-12-06T03:17:00Z");
let clock = NIGHT;

const zendesk = createZendeskSandbox({ oauthClient: SANDBOX_OAUTH, now: () => new Date(clock) });
const intercom = createIntercomSandbox({ now: () => new Date(clock) });
useMswServer(...zendesk.handlers, ...intercom.handlers);

const ACME: LedgerAccount = { platform: "zendesk", account: "acme" };
const WORKSPACE: LedgerAccount = { platform: "intercom", account: "ws_1" };

let ledger: Ledger;
let kv: MemoryKvStore;
let logLines: Array<Record<string, unknown>>;
let settings: Record<string, typeof defaultSettings>;

beforeEach(() => {
  clock = NIGHT;
  zendesk.reset();
  intercom.reset();
  ledger = d1Ledger(sqliteD1());
  kv = new MemoryKvStore();
  settings = {};
});
afterEach(() => {
  expectRequestsMatchSpec(zendesk.requests);
  expectRequestsMatchSpec(intercom.requests);
});

function helpdeskFor(account: LedgerAccount): Helpdesk {
  return account.platform === "zendesk"
    ? sandboxHelpdesk(zendesk.baseUrl, { now: () => clock }).helpdesk
    : sandboxIntercomHelpdesk(intercom.baseUrl, { now: () => clock }).helpdesk;
}

function nightly(options: { maxTickets?: number; helpdesk?: (account: LedgerAccount) => Helpdesk } = {}) {
  const { logger, lines } = createMemoryLogger();
  logLines = lines;
  return runNightly(
    {
      ledger,
      logger,
      forAccount: (account) => ({
        helpdesk: (options.helpdesk ?? helpdeskFor)(account),
        settings: async () => settings[`${account.platform}:${account.account}`] ?? defaultSettings,
        cursor: reconcileCursor(new StateStore(kv, account)),
      }),
    },
    { now: new Date(NIGHT), ...(options.maxTickets === undefined ? {} : { maxTickets: options.maxTickets }) },
  );
}

/** A Zendesk ticket from Sam that the assistant answered `daysAgo` days before the night. */
async function answeredZendeskTicket(daysAgo: number, subject = "Where is my parcel?") {
  clock = NIGHT - daysAgo * DAY;
  const ticket = zendesk.addTicket({
    subject,
    requesterId: SANDBOX.customerWithoutOrgId,
    comments: [{ authorId: SANDBOX.customerWithoutOrgId, body: "Where is my parcel?" }],
  });
  const decidedAt = new Date(clock + MINUTE).toISOString();
  await ledger.recordDecision(
    decision({
      ticketId: String(ticket.id),
      requesterId: String(SANDBOX.customerWithoutOrgId),
      commentId: String(ticket.comments[0]?.id),
      eventId: `evt-${ticket.id}`,
      decidedAt,
    }),
  );
  clock += 2 * MINUTE;
  zendesk.addComment(ticket.id, { authorId: SANDBOX.assistantId, body: "It ships today." });
  return { id: ticket.id, decidedAt };
}

async function lifecycleOf(account: LedgerAccount, ticketId: string): Promise<LifecycleEvent[]> {
  const page = await ledger.lifecycle({
    ...account,
    from: "2026-01-01T00:00:00Z",
    to: "2027-01-01T00:00:00Z",
    ticketIds: [ticketId],
  });
  return page.rows.sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId));
}

const ticketReads = () =>
  zendesk.requests.filter((r) => /^\/api\/v2\/tickets\/\d+$/.test(r.path)).map((r) => r.path.split("/").pop());

describe("nightly reconciliation on Zendesk", () => {
  it("stores a missed 'thanks, that worked' as the customer's confirmation, other replies as messages", async () => {
    const ticket = await answeredZendeskTicket(3);
    clock += 10 * MINUTE;
    const thanks = zendesk.addComment(ticket.id, {
      authorId: SANDBOX.customerWithoutOrgId,
      body: "Thanks, that worked!",
    });
    clock += 10 * MINUTE;
    const more = zendesk.addComment(ticket.id, {
      authorId: SANDBOX.customerWithoutOrgId,
      body: "Thanks! And the invoice?",
    });

    await nightly();

    const kinds = (await lifecycleOf(ACME, String(ticket.id))).map((e) => [e.kind, e.eventId]);
    expect(kinds).toEqual([
      ["customer_confirmed", `comment:${thanks.id}`],
      ["customer_message", `comment:${more.id}`],
    ]);
  });

  it("fills in a solve and a rating the webhooks never delivered", async () => {
    const ticket = await answeredZendeskTicket(3);
    clock = NIGHT - 2 * DAY;
    zendesk.setStatus(ticket.id, "solved");
    clock += 10 * MINUTE;
    zendesk.rate(ticket.id, "good");

    const summary = await nightly();

    const events = await lifecycleOf(ACME, String(ticket.id));
    expect(events.map((e) => [e.kind, e.eventId, e.rating])).toEqual([
      ["solved", expect.stringMatching(new RegExp(`^reconciled:solved:${ticket.id}:\\d+$`)), null],
      ["csat", `csat:${ticket.id}:good`, "good"],
    ]);
    expect(events.every((e) => e.requesterId === String(SANDBOX.customerWithoutOrgId))).toBe(true);
    // The rating list (read first) and the ticket give the same rating: stored once.
    expect(summary).toMatchObject({ ticketsChecked: 1, ticketsFailed: 0, eventsAdded: 1, ratingsAdded: 1 });
    const done = logLines.find((l) => l.msg === "nightly run finished");
    expect(done).toMatchObject({ accounts: 1, tickets_checked: 1, events_added: 1, ratings_added: 1 });
  });

  it("stores ratings of tickets the assistant never touched (the human-only baseline)", async () => {
    await answeredZendeskTicket(3);
    clock = NIGHT - DAY;
    zendesk.rate(SANDBOX.tickets.agentReplied, "bad");

    const summary = await nightly();

    expect(await lifecycleOf(ACME, String(SANDBOX.tickets.agentReplied))).toMatchObject([
      { kind: "csat", eventId: `csat:${SANDBOX.tickets.agentReplied}:bad`, rating: "bad" },
    ]);
    expect(summary.ratingsAdded).toBe(1);
    const ratingRead = zendesk.requests.find((r) => r.path === "/api/v2/satisfaction_ratings");
    expect(ratingRead?.query).toMatchObject({
      score: "received",
      start_time: String((NIGHT - 2 * DAY) / 1000),
      end_time: String(NIGHT / 1000),
    });
  });

  it("adds nothing the webhooks already stored", async () => {
    const ticket = await answeredZendeskTicket(3);
    clock = NIGHT - 2 * DAY;
    zendesk.setStatus(ticket.id, "solved");
    zendesk.rate(ticket.id, "good");
    const webhookSolve = {
      ...ACME,
      ticketId: String(ticket.id),
      kind: "solved" as const,
      at: new Date(NIGHT - 2 * DAY).toISOString(),
      eventId: `status:${ticket.id}:solved:${NIGHT - 2 * DAY}`,
      requesterId: String(SANDBOX.customerWithoutOrgId),
      rating: null,
      detail: null,
    };
    await ledger.recordLifecycle(webhookSolve);
    await ledger.recordLifecycle({
      ...webhookSolve,
      kind: "csat",
      eventId: `csat:${ticket.id}:good`,
      rating: "good",
    });

    const summary = await nightly();

    expect(summary.eventsAdded + summary.ratingsAdded).toBe(0);
    expect((await lifecycleOf(ACME, String(ticket.id))).map((e) => e.eventId)).toEqual([
      `csat:${ticket.id}:good`,
      `status:${ticket.id}:solved:${NIGHT - 2 * DAY}`,
    ]);
  });

  it("records a reopen after a stored solve, with the customer's message and a human's reply", async () => {
    const ticket = await answeredZendeskTicket(4);
    const solvedAt = NIGHT - 3 * DAY;
    await ledger.recordLifecycle({
      ...ACME,
      ticketId: String(ticket.id),
      kind: "solved",
      at: new Date(solvedAt).toISOString(),
      eventId: `status:${ticket.id}:solved:${solvedAt}`,
      requesterId: String(SANDBOX.customerWithoutOrgId),
      rating: null,
      detail: null,
    });
    clock = NIGHT - 2 * DAY;
    const again = zendesk.addComment(ticket.id, { authorId: SANDBOX.customerWithoutOrgId, body: "Still nothing." });
    zendesk.setStatus(ticket.id, "open");
    clock += 30 * MINUTE;
    const human = zendesk.addComment(ticket.id, { authorId: SANDBOX.agentId, body: "Looking into it." });
    zendesk.addComment(ticket.id, { authorId: SANDBOX.agentId, body: "internal", public: false });

    await nightly();

    const events = await lifecycleOf(ACME, String(ticket.id));
    expect(events.map((e) => [e.kind, e.eventId])).toEqual([
      ["solved", `status:${ticket.id}:solved:${solvedAt}`],
      ["customer_message", `comment:${again.id}`],
      ["reopened", `reconciled:reopened:${ticket.id}:${Date.parse(again.created_at)}`],
      ["human_public_reply", `comment:${human.id}`],
    ]);
  });

  it("logs a ticket that cannot be read and still reconciles the others", async () => {
    const broken = await answeredZendeskTicket(4, "broken");
    const fine = await answeredZendeskTicket(3, "fine");
    clock = NIGHT - DAY;
    zendesk.setStatus(fine.id, "solved");
    zendesk.setStatus(broken.id, "solved");
    zendesk.failNext({ method: "GET", path: `/api/v2/tickets/${broken.id}` }, [{ status: 404 }]);

    const summary = await nightly();

    expect(summary).toMatchObject({ ticketsChecked: 1, ticketsFailed: 1, accountsFailed: 0 });
    expect(await lifecycleOf(ACME, String(broken.id))).toEqual([]);
    expect((await lifecycleOf(ACME, String(fine.id))).map((e) => e.kind)).toEqual(["solved"]);
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: "reconciliation: ticket skipped", ticket_id: String(broken.id) }),
    );
  });

  it("checks at most the bound per run, oldest first, and resumes there the next night", async () => {
    const ids: string[] = [];
    for (const daysAgo of [6, 5, 4, 3, 2]) ids.push(String((await answeredZendeskTicket(daysAgo)).id));
    // Decided before the look-back window (72 h + 7 days + 2 days of margin): never read.
    await ledger.recordDecision(
      decision({ ticketId: "101", eventId: "evt-old", decidedAt: new Date(NIGHT - 13 * DAY).toISOString() }),
    );

    const runs: Array<Array<string | undefined>> = [];
    for (let night = 0; night < 4; night++) {
      const before = zendesk.requests.length;
      await nightly({ maxTickets: 2 });
      runs.push(
        zendesk.requests
          .slice(before)
          .filter((r) => /^\/api\/v2\/tickets\/\d+$/.test(r.path))
          .map((r) => r.path.split("/").pop()),
      );
    }

    expect(runs).toEqual([[ids[0], ids[1]], [ids[2], ids[3]], [ids[4]], [ids[0], ids[1]]]);
    expect(ticketReads()).not.toContain("101");
  });
});

describe("nightly reconciliation on Intercom", () => {
  it("fills in a close by a teammate and a 5-star rating; a 3-star rating is neither good nor bad", async () => {
    clock = NIGHT - 3 * DAY;
    const rated = intercom.addConversation({
      contactId: INTERCOM_SANDBOX.contacts.sam,
      parts: [{ author: "user", body: "How do I reset my password?" }],
    });
    const neutral = intercom.addConversation({
      contactId: INTERCOM_SANDBOX.contacts.sam,
      parts: [{ author: "user", body: "Can I change my plan?" }],
    });
    for (const conversation of [rated, neutral]) {
      await ledger.recordDecision(
        decision({
          ...WORKSPACE,
          ticketId: conversation.id,
          eventId: `notif-${conversation.id}`,
          requesterId: INTERCOM_SANDBOX.contacts.sam,
          decidedAt: new Date(clock + MINUTE).toISOString(),
        }),
      );
    }
    clock = NIGHT - 2 * DAY;
    intercom.close(rated.id);
    intercom.close(neutral.id);
    clock += 5 * MINUTE;
    intercom.rate(rated.id, 5);
    intercom.rate(neutral.id, 3);

    const summary = await nightly();

    expect((await lifecycleOf(WORKSPACE, rated.id)).map((e) => [e.kind, e.eventId, e.at])).toEqual([
      ["solved", `reconciled:solved:${rated.id}:${NIGHT - 2 * DAY}`, new Date(NIGHT - 2 * DAY).toISOString()],
      ["csat", `csat:${rated.id}:good`, new Date(NIGHT - 2 * DAY + 5 * MINUTE).toISOString()],
    ]);
    expect((await lifecycleOf(WORKSPACE, neutral.id)).map((e) => e.kind)).toEqual(["solved"]);
    expect(summary).toMatchObject({ ticketsChecked: 2, eventsAdded: 3 });
  });
});

describe("retention", () => {
  it("deletes only rows older than each account's retention, and only of that account", async () => {
    settings["zendesk:acme"] = { ...defaultSettings, retentionDays: 30 };
    const old = new Date(NIGHT - 40 * DAY).toISOString();
    const recent = new Date(NIGHT - 20 * DAY).toISOString();
    for (const [account, at, id] of [
      [ACME, old, "a-old"],
      [ACME, recent, "a-new"],
      [WORKSPACE, old, "w-old"],
    ] as const) {
      await ledger.recordDecision(decision({ ...account, eventId: id, decidedAt: at, ticketId: "900001" }));
      await ledger.recordLifecycle({
        ...account,
        ticketId: "900001",
        kind: "customer_message",
        at,
        eventId: `comment:${id}`,
        requesterId: null,
        rating: null,
        detail: null,
      });
    }

    // Reconciliation is not what this test is about: a helpdesk that knows no ticket.
    const summary = await nightly({ maxTickets: 0 });

    const ids = async (account: LedgerAccount) =>
      (await ledger.decisions({ ...account, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" })).rows.map(
        (r) => r.eventId,
      );
    expect(await ids(ACME)).toEqual(["a-new"]);
    expect(await ids(WORKSPACE)).toEqual(["w-old"]);
    expect(summary).toMatchObject({ decisionsDeleted: 1, lifecycleDeleted: 1 });
    expect((await lifecycleOf(WORKSPACE, "900001")).map((e) => e.eventId)).toEqual(["comment:w-old"]);
  });
});
