import { describe, expect, it } from "vitest";
import type { Decider } from "../../src/pipeline/decider.ts";
import { adminReplied, userCreated } from "../support/intercom-events.ts";
import { INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";

const { zendesk, intercom } = useBothHelpdesks();

const REPLY = "You can request a refund within 30 days of purchase, back on your card within 5-7 business days.";
/** Answers every message: refund questions as refund, anything else as billing. */
const answering: Decider = async (input) => ({
  outcome: "answer",
  reasons: [],
  customerMessage: REPLY,
  addTags: [],
  removeTags: [],
  facts: {
    category: /refund/i.test(input.customerComment.body) ? "refund" : "billing",
    confidence: 0.9,
    usage: [],
    sources: [],
    knowledgeGap: false,
  },
});
const READINESS = { DESKMATE_READINESS_THRESHOLD: "0.7", DESKMATE_READINESS_MIN_SAMPLES: "10" };
const MINUTE = 60_000;
type Harness = ReturnType<typeof createHarness>;

/** One platform: open a ticket with a customer message, an agent's public reply, and what Deskmate sent. */
interface Platform {
  name: "zendesk" | "intercom";
  account: string;
  open(h: Harness, text: string): Promise<string>;
  agentReplies(h: Harness, ticketId: string, body: string, atMs: number): Promise<void>;
  deskmateReplies(ticketId: string): number;
}

const requesters = new Map<string, { requesterId: number } | { contactId: string }>();
const PLATFORMS: Platform[] = [
  {
    name: "zendesk",
    account: "acme",
    async open(h, text) {
      const customer = zendesk.addCustomer("Ready Customer");
      const ticket = zendesk.addTicket({
        subject: "Refund",
        requesterId: customer.id,
        comments: [{ authorId: customer.id, body: text }],
      });
      requesters.set(String(ticket.id), { requesterId: customer.id });
      expect((await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }))).status).toBe(202);
      return String(ticket.id);
    },
    async agentReplies(h, ticketId, body, atMs) {
      const { requesterId } = requesters.get(ticketId) as { requesterId: number };
      const comment = zendesk.addComment(Number(ticketId), { authorId: SANDBOX.agentId, body });
      const event = commentAdded(
        { id: Number(ticketId), requesterId },
        { id: comment.id, authorId: SANDBOX.agentId, isStaff: true },
        new Date(atMs).toISOString(),
      );
      expect((await h.deliver(event)).status).toBe(202);
    },
    deskmateReplies: (ticketId) =>
      zendesk.ticket(Number(ticketId)).comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId).length,
  },
  {
    name: "intercom",
    account: TEST_INTERCOM_APP_ID,
    async open(h, text) {
      const contact = intercom.addContact("Ready Customer");
      const conversation = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: text }] });
      requesters.set(String(conversation.id), { contactId: contact.id });
      expect(
        (await h.deliverIntercom(userCreated({ id: conversation.id, contactId: contact.id, body: text }))).status,
      ).toBe(202);
      return String(conversation.id);
    },
    async agentReplies(h, ticketId, body, atMs) {
      const { contactId } = requesters.get(ticketId) as { contactId: string };
      const human = INTERCOM_SANDBOX.humanAdminId;
      const part = intercom.addPart(ticketId, { author: "admin", adminId: human, body }).parts.at(-1);
      const createdAt = Math.floor(atMs / 1000);
      const event = adminReplied(
        { id: ticketId, contactId },
        human,
        { id: part?.id ?? "", body, createdAt },
        { createdAt },
      );
      expect((await h.deliverIntercom(event)).status).toBe(202);
    },
    deskmateReplies: (ticketId) =>
      intercom
        .conversation(ticketId)
        .parts.filter((p) => p.authorId === INTERCOM_SANDBOX.assistantAdminId && p.partType === "comment").length,
  },
];

describe.each(PLATFORMS)("$name: readiness from the shadow period decides what autosend sends", (platform) => {
  it("the nightly job's ready categories reach autosend_categories=ready through the worker", async () => {
    // Shadow: ten refund questions the agents answer as Deskmate proposed (10 of 10, lower bound 0.72).
    const shadow = createHarness({ env: { ...READINESS, DESKMATE_MODE: "shadow" }, decide: answering });
    for (let i = 0; i < 10; i++) {
      const ticketId = await platform.open(shadow, "Can I get a refund for my order?");
      await platform.agentReplies(shadow, ticketId, REPLY, Date.now() + MINUTE);
      expect(platform.deskmateReplies(ticketId)).toBe(0);
    }
    await shadow.runtime.runScheduled("17 3 * * *", Date.now() + 60 * MINUTE);

    // Autosend for the ready categories, on the same store and ledger (a worker with new settings).
    const env = { ...READINESS, DESKMATE_MODE: "autosend", DESKMATE_AUTOSEND_CATEGORIES: "ready" };
    const autosend = createHarness({ env, decide: answering, kv: shadow.kv, ledgerDb: shadow.ledgerDb });
    const refund = await platform.open(autosend, "A refund for my other order, please.");
    const billing = await platform.open(autosend, "Why was I charged twice?");
    expect(platform.deskmateReplies(refund)).toBe(1);
    expect(platform.deskmateReplies(billing)).toBe(0);
    const rows = await autosend.decisions(platform.name, platform.account);
    expect(rows.slice(-2)).toEqual([
      expect.objectContaining({ ticketId: refund, category: "refund", outcome: "answer", publicReply: true }),
      expect.objectContaining({ ticketId: billing, category: "billing", outcome: "answer", publicReply: false }),
    ]);
  });
});
