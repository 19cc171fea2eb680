import { BUNDLED_MESSAGES } from "../../src/handoff/bundled-messages.ts";
import { ACTIONS_TOKEN } from "../../test/support/actions-backend.ts";
import { modelReplies, sampleModelOutput, type ModelReply } from "../../test/support/anthropic-mock.ts";
import { userCreated, userReplied } from "../../test/support/intercom-events.ts";
import { signedIntercomRequest } from "../../test/support/signed-intercom-request.ts";
import { signedZendeskRequest } from "../../test/support/signed-zendesk-request.ts";
import { commentAdded, ticketCreated } from "../../test/support/zendesk-events.ts";
import { SANDBOX } from "../../test/support/zendesk-sandbox.ts";
import { describeOutcome, htmlToText, printTable, settle } from "./format.ts";
import { startLocalApis } from "./local-apis.ts";
import type { HandledLine, startWorker } from "./worker-process.ts";
import { startSandboxWorker } from "./sandbox-worker.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;
type Platform = "zendesk" | "intercom";

/** A conversation on one helpdesk: the customer writes (first or again), and what the customer and agents see. */
interface Chat {
  write(text: string): Promise<HandledLine | undefined>;
  replies(): string[];
  lastNote(): string;
}

const question = (reply: string, intent: "refund" | "order_shipping" = "refund"): ModelReply =>
  modelReplies.output(sampleModelOutput({ intent_category: intent, outcome: "ask", reply, cited_source_ids: [] }));
const lookUp = (reply: string): ModelReply[] => [
  modelReplies.toolUse([{ name: "order_status", input: { order_id: "A-1001" } }]),
  question(reply, "order_shipping"),
];
const REFUND_ANSWER = "You can request a refund within 30 days of purchase.";
/** The model looks the order up, then answers from the refund article (its id on each platform). */
const lookUpAndAnswer = (platform: Platform): ModelReply[] => [
  modelReplies.toolUse([{ name: "order_status", input: { order_id: "A-1001" } }]),
  modelReplies.output(
    sampleModelOutput({
      reply: REFUND_ANSWER,
      cited_source_ids: [`${platform === "zendesk" ? "zd" : "ic"}-article:360001001#1`],
    }),
  ),
];
const handOver = modelReplies.output(
  sampleModelOutput({ intent_category: "billing", outcome: "escalate", reply: null, cited_source_ids: [] }),
);

interface LanguageCase {
  name: string;
  /** The customer's messages on one ticket, each with the recorded model replies it gets on a platform. */
  turns: Array<{ text: string; replies: ModelReply[] | ((platform: Platform) => ModelReply[]) }>;
  /** What the customer's last reply must contain (`has`) and must not (`lacks`). */
  has: string;
  lacks?: string;
}

const CASES: LanguageCase[] = [
  {
    name: "Spanish customer, first reply",
    turns: [
      {
        text: "Hola, ¿puedo devolver unos auriculares que ya abrí? ¿Cuánto cuesta la devolución?",
        replies: [question("¿Me puede indicar el número de pedido de los auriculares?")],
      },
    ],
    has: BUNDLED_MESSAGES.es.disclosure,
  },
  {
    name: "Spanish customer, handed to a person",
    turns: [
      { text: "Hola, quiero hablar con una persona de su equipo sobre mi factura, por favor.", replies: [handOver] },
    ],
    has: BUNDLED_MESSAGES.es.escalation,
  },
  {
    name: "account looked up, first time",
    turns: [
      {
        text: "Hi, where is my order A-1001? I would like to know when it arrives.",
        replies: lookUp("Which item of the order do you mean?"),
      },
    ],
    has: BUNDLED_MESSAGES.en.data_notice,
  },
  {
    name: "account looked up again, same ticket",
    turns: [
      {
        text: "Hi, where is my order A-1001? I would like to know when it arrives.",
        replies: lookUp("Which item of the order do you mean?"),
      },
      {
        text: "Thanks. Can I get a refund for the headset in order A-1001 within the return window?",
        replies: lookUpAndAnswer,
      },
    ],
    has: REFUND_ANSWER,
    lacks: BUNDLED_MESSAGES.en.data_notice,
  },
];

/**
 * Part 7: the customer's language, on its own worker in autosend on both platforms (recorded model
 * outputs): a Spanish customer gets the Spanish disclosure and escalation message, and the notice that
 * their account was looked up comes once per ticket. Returns the number of checks that failed.
 */
export async function handoffLanguagePart(secret: string, intercomSecret: string): Promise<number> {
  const apis = await startLocalApis();
  const worker = await startSandboxWorker(apis, {
    secret,
    intercomSecret,
    vars: {
      DESKMATE_MODE: "autosend",
      DESKMATE_ACTIONS_BASE_URL: apis.actionsUrl,
      DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
    },
  });
  const { base } = worker;
  let failed = 0;
  try {
    await worker.ready();
    const rows: string[][] = [];
    for (const c of CASES) {
      for (const platform of ["zendesk", "intercom"] as const) {
        const chat =
          platform === "zendesk"
            ? zendeskChat(apis, base, secret, worker)
            : intercomChat(apis, base, intercomSecret, worker);
        let handled: HandledLine | undefined;
        for (const turn of c.turns) {
          apis.anthropic.answerNext(...(typeof turn.replies === "function" ? turn.replies(platform) : turn.replies));
          handled = await chat.write(turn.text);
        }
        const reply = words(chat.replies().at(-1) ?? "");
        const ok = reply.includes(words(c.has)) && !(c.lacks && reply.includes(words(c.lacks)));
        if (!ok) failed += 1;
        // The note's reason line; answers and questions leave no note.
        const note = handled?.outcome === "escalate" ? (chat.lastNote().split("\n")[1] ?? "").slice(0, 45) : "—";
        // The English disclosure is shown as a mark, so the table shows what follows it.
        const shown = reply.replace(words(BUNDLED_MESSAGES.en.disclosure), "[AI disclosure]").slice(0, 100);
        rows.push([c.name, platform, describeOutcome(handled), shown, note, ok ? "ok" : "MISMATCH"]);
      }
    }
    console.log(
      "\nPart 7d — the customer's language (own worker, mode autosend, both platforms; recorded model outputs)",
    );
    printTable(["scenario", "platform", "outcome", "what the customer got (start)", "note", "check"], rows);
  } finally {
    worker.stop();
    apis.close();
  }
  return failed;
}

/** Paragraph breaks differ per helpdesk (Intercom keeps HTML paragraphs): compare words. */
function words(text: string): string {
  return htmlToText(text.replace(/<\/p>/g, " ")).replace(/\s+/g, " ").trim();
}

function zendeskChat(apis: Apis, base: string, secret: string, worker: ReturnType<typeof startWorker>): Chat {
  const customer = apis.sandbox.addCustomer("Dana Customer", { email: "dana@example.com", external_id: "cus_dana" });
  let ticketId = 0;
  const send = async (payload: { id: string }) => {
    await fetch(`${base}/webhooks/zendesk`, await signedZendeskRequest(payload, { secret }));
    const handled = await worker.waitForEvent(payload.id);
    await settle(() => apis.sandbox.writes().length, 150);
    return handled;
  };
  const comments = () => apis.sandbox.ticket(ticketId).comments;
  return {
    async write(text) {
      if (!ticketId) {
        ticketId = apis.sandbox.addTicket({
          subject: "Ayuda",
          requesterId: customer.id,
          comments: [{ authorId: customer.id, body: text }],
        }).id;
        return send(ticketCreated({ id: ticketId, requesterId: customer.id }));
      }
      const comment = apis.sandbox.addComment(ticketId, { authorId: customer.id, body: text });
      const snapshot = { id: ticketId, requesterId: customer.id };
      return send(commentAdded(snapshot, { id: comment.id, authorId: customer.id, isStaff: false, body: text }));
    },
    replies: () =>
      comments()
        .filter((c) => c.public && c.author_id === SANDBOX.assistantId)
        .map((c) => c.body),
    lastNote: () =>
      htmlToText(
        comments()
          .filter((c) => !c.public)
          .at(-1)?.html_body ?? "",
      ),
  };
}

function intercomChat(apis: Apis, base: string, secret: string, worker: ReturnType<typeof startWorker>): Chat {
  const contact = apis.intercom.addContact("Dana");
  let conversationId = "";
  const send = async (payload: { id: string }) => {
    await fetch(`${base}/webhooks/intercom`, await signedIntercomRequest(payload, { secret }));
    const handled = await worker.waitForEvent(payload.id);
    await settle(() => apis.intercom.writes().length, 150);
    return handled;
  };
  const parts = () => apis.intercom.conversation(conversationId).parts;
  return {
    async write(text) {
      if (!conversationId) {
        const conversation = apis.intercom.addConversation({
          contactId: contact.id,
          parts: [{ author: "user", body: text }],
        });
        conversationId = conversation.id;
        return send(userCreated({ id: conversationId, contactId: contact.id, body: text }));
      }
      const part = apis.intercom.addPart(conversationId, { author: "user", body: text }).parts.at(-1);
      return send(userReplied({ id: conversationId, contactId: contact.id }, { id: part?.id ?? "", body: text }));
    },
    replies: () =>
      parts()
        .filter((p) => p.partType === "comment" && p.authorType === "admin")
        .map((p) => p.body ?? p.bodyHtml ?? ""),
    lastNote: () =>
      htmlToText(
        parts()
          .filter((p) => p.partType === "note")
          .at(-1)?.bodyHtml ?? "",
      ),
  };
}
