import { describe, expect, it } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { adminAssigned, adminReplied, userCreated } from "../support/intercom-events.ts";
import { INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { decision } from "../support/ledger-rows.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";

const { zendesk, intercom } = useBothHelpdesks();

const TOKEN = "test-admin-token-0123456789";
const PROPOSED =
  "The Pro plan costs €29.90 a month; write to billing@acme.example or see " +
  "https://acme.zendesk.com/hc/en-us/articles/360001234-Plans?utm_source=deskmate&token=abc";
const PROPOSED_KEPT =
  "The Pro plan costs €29.90 a month; write to [email] or see https://acme.zendesk.com/hc/en-us/articles/360001234-Plans";
const HUMAN =
  "Hi! Pro is €29.90 per month, details: https://acme.zendesk.com/hc/en-us/articles/360001234 (sam@example.com)";
const HUMAN_KEPT =
  "Hi! Pro is €29.90 per month, details: https://acme.zendesk.com/hc/en-us/articles/360001234 ([email])";

const answering: Decider = async () => ({
  outcome: "answer",
  reasons: [],
  customerMessage: PROPOSED,
  addTags: [],
  removeTags: [],
  facts: { category: "billing", confidence: 0.9, usage: [], sources: [], knowledgeGap: false },
});

function setup(mode: "shadow" | "draft" | "autosend") {
  const db = sqliteD1();
  const h = createHarness({
    env: { DESKMATE_ADMIN_TOKEN: TOKEN, DESKMATE_MODE: mode, LEDGER: db as unknown as D1Database },
    decide: answering,
  });
  const ledger = d1Ledger(db);
  const range = { from: "2000-01-01T00:00:00.000Z", to: "2100-01-01T00:00:00.000Z" };
  const today = new Date().toISOString().slice(0, 10);
  const readiness = async (platform: string, account: string) => {
    const res = await h.runtime.app.request(
      `/admin/readiness?platform=${platform}&account=${account}&from=${today}&to=${today}`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
      h.env,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as {
      categories: Array<Record<string, unknown> & { category: string }>;
      ready_categories: string[];
    };
  };
  return { h, ledger, range, readiness };
}

describe("Zendesk: a shadow decision scored against the agent's reply", () => {
  const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

  it("keeps what Deskmate proposed and what the agent wrote, masked, and scores them", async () => {
    const { h, ledger, range, readiness } = setup("shadow");
    const customer = zendesk.ticket(101).comments[0]?.id ?? 0;
    await h.deliver(commentAdded(T101, { id: customer, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    const [row] = (await ledger.decisions({ platform: "zendesk", account: "acme", ...range })).rows;
    expect(row).toMatchObject({ mode: "shadow", outcome: "answer", proposedReply: PROPOSED_KEPT });

    const reply = zendesk.addComment(101, { authorId: SANDBOX.agentId, body: HUMAN });
    await h.deliver(commentAdded(T101, { id: reply.id, authorId: SANDBOX.agentId, isStaff: true }));
    const events = (await ledger.lifecycle({ platform: "zendesk", account: "acme", ...range })).rows;
    expect(events.find((e) => e.kind === "human_public_reply")).toMatchObject({
      eventId: `comment:${reply.id}`,
      replyText: HUMAN_KEPT,
    });

    const answer = await readiness("zendesk", "acme");
    expect(answer.categories).toMatchObject([
      {
        category: "billing",
        samples: 1,
        decision_agreement: { count: 1, total: 1 },
        answer_agreement: { count: 1, total: 1, conflicting_facts: 0 },
        ready: false,
        not_ready_because: ["samples", "decision_agreement", "answer_agreement"],
      },
    ]);
  });

  it("reads no comment for a ticket without a shadow or draft decision", async () => {
    const { h, ledger, range } = setup("autosend");
    const customer = zendesk.ticket(101).comments[0]?.id ?? 0;
    await h.deliver(commentAdded(T101, { id: customer, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    const reads = () => zendesk.requests.filter((r) => r.method === "GET" && r.path.endsWith("/comments.json")).length;
    const before = reads();
    const reply = zendesk.addComment(101, { authorId: SANDBOX.agentId, body: HUMAN });
    await h.deliver(commentAdded(T101, { id: reply.id, authorId: SANDBOX.agentId, isStaff: true }));
    expect(reads()).toBe(before);
    const events = (await ledger.lifecycle({ platform: "zendesk", account: "acme", ...range })).rows;
    expect(events.find((e) => e.kind === "human_public_reply")).not.toHaveProperty("replyText");
    const [row] = (await ledger.decisions({ platform: "zendesk", account: "acme", ...range })).rows;
    expect(row).not.toHaveProperty("proposedReply");
  });
});

describe("Zendesk: when the agent's comment cannot be read", () => {
  const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

  it("a refused read keeps the reply without text (decision agreement still counts), logged by id", async () => {
    const { h, ledger, range, readiness } = setup("shadow");
    const customer = zendesk.ticket(101).comments[0]?.id ?? 0;
    await h.deliver(commentAdded(T101, { id: customer, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    const reply = zendesk.addComment(101, { authorId: SANDBOX.agentId, body: HUMAN });
    zendesk.failNext({ method: "GET", path: "/api/v2/tickets/101/comments.json" }, [{ status: 403 }]);
    await h.deliver(commentAdded(T101, { id: reply.id, authorId: SANDBOX.agentId, isStaff: true }));
    const events = (await ledger.lifecycle({ platform: "zendesk", account: "acme", ...range })).rows;
    const stored = events.find((e) => e.kind === "human_public_reply");
    expect(stored?.eventId).toBe(`comment:${reply.id}`);
    expect(stored).not.toHaveProperty("replyText");
    const warning = h.lines.find((l) => l.msg === "human reply not read for scoring");
    expect(warning).toMatchObject({ ticket_id: "101", comment_id: String(reply.id) });
    expect(JSON.stringify(warning)).not.toContain("29.90");
    expect((await readiness("zendesk", "acme")).categories).toMatchObject([
      { samples: 1, decision_agreement: { count: 1 }, answer_agreement: { total: 0 } },
    ]);
  });
});

describe("Intercom: a draft decision scored against the teammate's reply and routing", () => {
  it("keeps both texts and scores decision, answer and draft acceptance", async () => {
    const { h, ledger, range, readiness } = setup("draft");
    const contact = intercom.addContact("Scored Customer");
    const conv = intercom.addConversation({
      contactId: contact.id,
      parts: [{ author: "user", body: "How much is Pro?" }],
    });
    const snapshot = { id: conv.id, contactId: contact.id, sourceId: conv.parts[0]?.id ?? "" };
    await h.deliverIntercom(userCreated(snapshot));
    const account = TEST_INTERCOM_APP_ID;
    const [row] = (await ledger.decisions({ platform: "intercom", account, ...range })).rows;
    expect(row).toMatchObject({ mode: "draft", outcome: "answer", proposedReply: PROPOSED_KEPT });

    // The teammate sends the suggestion with a greeting added.
    const sent = `Hi Sam, ${PROPOSED}`;
    const part = intercom.addPart(conv.id, { author: "admin", adminId: "901", body: sent }).parts.at(-1);
    const inAMinute = Math.floor(Date.now() / 1000) + 60;
    await h.deliverIntercom(
      adminReplied(snapshot, "901", { id: part?.id ?? "", body: sent, createdAt: inAMinute }, { createdAt: inAMinute }),
    );
    const events = (await ledger.lifecycle({ platform: "intercom", account, ...range })).rows;
    expect(events.find((e) => e.kind === "human_public_reply")?.replyText).toBe(`Hi Sam, ${PROPOSED_KEPT}`);

    const answer = await readiness("intercom", account);
    expect(answer.categories).toMatchObject([
      {
        category: "billing",
        samples: 1,
        decision_agreement: { count: 1, total: 1 },
        answer_agreement: { count: 1, total: 1 },
        draft_acceptance: { count: 1, total: 1, unchanged: 0, edited: 1, discarded: 0 },
      },
    ]);
  });

  it("a teammate routing the conversation to a team is an escalation: the answer disagrees", async () => {
    const { h, readiness } = setup("shadow");
    const contact = intercom.addContact("Routed Customer");
    const conv = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: "Refund?" }] });
    const snapshot = { id: conv.id, contactId: contact.id, sourceId: conv.parts[0]?.id ?? "" };
    await h.deliverIntercom(userCreated(snapshot));
    const inAMinute = Math.floor(Date.now() / 1000) + 60;
    await h.deliverIntercom(
      adminAssigned(snapshot, { teamId: INTERCOM_SANDBOX.teams.billing }, { createdAt: inAMinute }),
    );
    const answer = await readiness("intercom", TEST_INTERCOM_APP_ID);
    expect(answer.categories).toMatchObject([
      { category: "billing", samples: 1, decision_agreement: { count: 0, total: 1 }, answer_agreement: { total: 0 } },
    ]);
  });
});

describe("the nightly job stores each account's ready categories for the rollout", () => {
  it("computes readiness over the last 30 days per account, under rollout:ready_categories", async () => {
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    const night = Date.now();
    const hour = 3_600_000;
    const accounts = [
      { platform: "zendesk", account: "acme" },
      { platform: "intercom", account: TEST_INTERCOM_APP_ID },
    ] as const;
    for (const { platform, account } of accounts) {
      // 12 billing tickets the human answered too (12 of 12: lower bound 0.76, ready at 0.7 over 10
      // samples), 12 shipping ones they routed to a group instead.
      for (let i = 0; i < 24; i++) {
        const ticketId = String(900_000 + i);
        const decidedAt = new Date(night - (i + 2) * 24 * hour).toISOString();
        const category = i < 12 ? "billing" : "shipping";
        await ledger.recordDecision({
          ...decision({ platform, account, ticketId, eventId: `d${i}` }),
          decidedAt,
          mode: "shadow",
          outcome: "answer",
          category,
          proposedReply: "Refunds take 5 days.",
        });
        await ledger.recordLifecycle({
          platform,
          account,
          ticketId,
          eventId: `h${i}`,
          at: new Date(Date.parse(decidedAt) + hour).toISOString(),
          requesterId: null,
          rating: null,
          ...(category === "billing"
            ? { kind: "human_public_reply", detail: null, replyText: "Your refund takes 5 days." }
            : { kind: "group_changed", detail: "7" }),
        });
      }
    }
    const h = createHarness({
      env: { DESKMATE_READINESS_MIN_SAMPLES: "10", DESKMATE_READINESS_THRESHOLD: "0.7" },
      ledgerDb: db,
    });
    await h.runtime.runScheduled("17 3 * * *", night);
    for (const { platform, account } of accounts) {
      const stored = JSON.parse((await h.kv.get(`dm:${platform}:${account}:rollout:ready_categories`)) ?? "null");
      expect(stored).toEqual({ categories: ["billing"], computed_at: new Date(night).toISOString() });
    }
  });
});
