import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DISCLOSURE_TEXT } from "../../src/config/settings-schema.ts";
import { BUNDLED_MESSAGES } from "../../src/handoff/bundled-messages.ts";
import { ACTIONS_BASE_URL, ACTIONS_TOKEN, createActionsBackend } from "../support/actions-backend.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { modelReplies, sampleModelOutput, type ModelReply } from "../support/anthropic-mock.ts";
import { userCreated, userReplied } from "../support/intercom-events.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";

type Harness = ReturnType<typeof createHarness>;

/**
 * The customer's language through the worker, on both helpdesks: a Spanish customer gets the Spanish
 * disclosure and escalation message, an admin translation replaces a bundled one, and the notice that
 * an action read the customer's account is given once per ticket.
 */
const { zendesk, intercom, anthropic, server } = useBothHelpdesks({ modelFallback: null });
let backend = createActionsBackend();
beforeEach(() => {
  backend = createActionsBackend();
  server.use(...backend.handlers);
});

const ENV = {
  ANTHROPIC_API_KEY: "test-key",
  DESKMATE_MODE: "autosend",
  DESKMATE_ACTIONS_BASE_URL: ACTIONS_BASE_URL,
  DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
};
const SPANISH_QUESTION = "Hola, ¿puedo devolver unos auriculares que ya abrí? ¿Cuánto cuesta la devolución?";
const SPANISH_PERSON = "Hola, quiero hablar con una persona de su equipo sobre mi factura, por favor.";

const SPANISH_QUESTION_REPLY = "¿Me puede indicar el número de pedido de los auriculares?";
const question = (reply: string): ModelReply =>
  modelReplies.output(sampleModelOutput({ intent_category: "refund", outcome: "ask", reply, cited_source_ids: [] }));
const REFUND_ANSWER = "You can request a refund within 30 days of purchase.";
const refundArticle = (platform: Platform) => `${platform === "zendesk" ? "zd" : "ic"}-article:360001001#1`;
const escalation = (): ModelReply =>
  modelReplies.output(
    sampleModelOutput({ intent_category: "billing", outcome: "escalate", reply: null, cited_source_ids: [] }),
  );
/** The model looks the order up, then replies (a question, or an answer citing `cited`). */
const lookUp = (reply: string, cited?: string): ModelReply[] => [
  modelReplies.toolUse([{ name: "order_status", input: { order_id: "A-1001" } }]),
  modelReplies.output(
    sampleModelOutput({
      intent_category: "refund",
      outcome: cited ? "answer" : "ask",
      reply,
      cited_source_ids: cited ? [cited] : [],
    }),
  ),
];
/** Intercom keeps a reply's paragraphs as HTML paragraphs: compare the words, not the blank lines. */
const words = (text: string | undefined) =>
  text
    ?.replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

type Platform = "zendesk" | "intercom";

/** One conversation on either helpdesk: its first message, later messages, and the public replies so far. */
async function conversation(platform: Platform, h: Harness, first: string) {
  if (platform === "zendesk") {
    const customer = zendesk.addCustomer("Dana Customer", { email: "dana@example.com", external_id: "cus_dana" });
    const ticket = zendesk.addTicket({
      subject: "Ayuda",
      requesterId: customer.id,
      comments: [{ authorId: customer.id, body: first }],
    });
    const snapshot = { id: ticket.id, requesterId: customer.id };
    expect((await h.deliver(ticketCreated(snapshot))).status).toBe(202);
    return {
      replies: () =>
        zendesk
          .ticket(ticket.id)
          .comments.filter((c) => c.public && c.author_id !== customer.id)
          .map((c) => c.body),
      async say(body: string) {
        const comment = zendesk.addComment(ticket.id, { authorId: customer.id, body });
        await h.deliver(commentAdded(snapshot, { id: comment.id, authorId: customer.id, isStaff: false, body }));
      },
    };
  }
  const contact = intercom.addContact("Dana");
  const conv = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: first }] });
  expect((await h.deliverIntercom(userCreated({ id: conv.id, contactId: contact.id, body: first }))).status).toBe(202);
  return {
    replies: () =>
      intercom
        .conversation(conv.id)
        .parts.filter((p) => p.partType === "comment" && p.authorType === "admin")
        .map((p) => p.body ?? p.bodyHtml ?? ""),
    async say(body: string) {
      const snapshot = intercom.addPart(conv.id, { author: "user", body });
      const part = snapshot.parts.at(-1);
      await h.deliverIntercom(userReplied({ id: conv.id, contactId: contact.id }, { id: part?.id ?? "", body }));
    },
  };
}

describe.each(["zendesk", "intercom"] as const)("the customer's language on %s", (platform) => {
  it("a Spanish customer gets the Spanish disclosure before the assistant's first reply", async () => {
    anthropic.answerNext(question(SPANISH_QUESTION_REPLY));
    const h = createHarness({ env: ENV });
    const { replies } = await conversation(platform, h, SPANISH_QUESTION);
    expect(h.handled()[0]).toMatchObject({ outcome: "ask", reasons: [] });
    expect(replies().map(words)).toEqual([words(`${BUNDLED_MESSAGES.es.disclosure}\n\n${SPANISH_QUESTION_REPLY}`)]);
  });

  it("a Spanish customer handed to a person gets the Spanish escalation message", async () => {
    anthropic.answerNext(escalation(), escalation());
    const h = createHarness({ env: ENV });
    const { replies } = await conversation(platform, h, SPANISH_PERSON);
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
    expect(replies()).toEqual([expect.stringContaining(BUNDLED_MESSAGES.es.escalation)]);
  });

  it("the admin's translation replaces the bundled Spanish text", async () => {
    anthropic.answerNext(escalation(), escalation());
    const translations = { es: { escalation: "¡Gracias! Una persona de Acme le responde aquí enseguida." } };
    const h = createHarness({ env: { ...ENV, DESKMATE_MESSAGE_TRANSLATIONS: JSON.stringify(translations) } });
    const { replies } = await conversation(platform, h, SPANISH_PERSON);
    expect(replies()).toEqual([expect.stringContaining("Una persona de Acme le responde aquí")]);
  });

  it("the data notice comes once per ticket, after the disclosure, the first time an action reads the account", async () => {
    anthropic.answerNext(
      ...lookUp("Which item of the order do you mean?"),
      ...lookUp(REFUND_ANSWER, refundArticle(platform)),
    );
    const h = createHarness({ env: ENV });
    const chat = await conversation(platform, h, "Hi, where is my order A-1001? I would like to know when it arrives.");
    await chat.say("Thanks. Can I get a refund for the headset in order A-1001 within the return window?");
    expect(h.handled().map((line) => [line.outcome, line.reasons])).toEqual([
      ["ask", []],
      ["answer", []],
    ]);
    expect(backend.requests.filter((r) => r.path === "/orders/A-1001")).toHaveLength(2);
    const [first, second] = chat.replies();
    expect(words(first)).toBe(
      words(`${DEFAULT_DISCLOSURE_TEXT}\n\n${BUNDLED_MESSAGES.en.data_notice}\n\nWhich item of the order do you mean?`),
    );
    expect(words(second)).not.toContain(BUNDLED_MESSAGES.en.data_notice);
    expect(words(second)).toContain(REFUND_ANSWER);
  });

  it("data_notice off: no notice", async () => {
    anthropic.answerNext(...lookUp("Which item of the order do you mean?"));
    const h = createHarness({ env: { ...ENV, DESKMATE_DATA_NOTICE: "false" } });
    const chat = await conversation(platform, h, "Hi, where is my order A-1001? I would like to know when it arrives.");
    expect(chat.replies().map(words)).toEqual([
      words(`${DEFAULT_DISCLOSURE_TEXT}\n\nWhich item of the order do you mean?`),
    ]);
  });
});
