import { beforeEach, describe, expect, it } from "vitest";
import { createAnthropicMock, sampleModelOutput } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";

/**
 * Card numbers written to slip past a digit pattern (dots, underscores, middle dots, zero-width
 * separators, full-width digits) are masked before the model request and in the handoff note, even
 * when the model quotes them back; a right-to-left override in the requester's name does not reach
 * the note.
 */
const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
});

const FORMATS: Array<[string, string]> = [
  ["dots", "4111.1111.1111.1111"],
  ["underscores", "4111_1111_1111_1111"],
  ["middle dots", "4111\u00b71111\u00b71111\u00b71111"],
  ["zero-width spaces", "4111\u200b1111\u200b1111\u200b1111"],
  ["a zero-width joiner between every digit", [..."4111111111111111"].join("\u200d")],
  [
    "full-width digits",
    "\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11",
  ],
];

/** The card's digits, however they were written: separators and invisible characters dropped. */
const joined = (text: string) => text.normalize("NFKC").replace(/[\s.\-_\u00b7\p{Cf}]/gu, "");

describe("an obfuscated card number never reaches the model or the note", () => {
  it.each(FORMATS)("%s", async (_name, card) => {
    const message = `Please refund the duplicate charge on my card ${card} today`;
    anthropic.setFallback(() => ({
      kind: "output",
      output: sampleModelOutput({
        outcome: "escalate",
        reply: null,
        // The model quotes the customer verbatim and repeats the number: the note must still mask it.
        handoff: {
          summary: `Duplicate charge on card ${card}`,
          customer_wants: message,
          known_facts: [`Card ${card} was charged twice`],
          urgency: "normal",
          suggested_next_step: "Refund the duplicate charge.",
        },
      }),
    }));
    const h = createHarness({ env: { ANTHROPIC_API_KEY: "test-key" } });
    const customer = sandbox.addCustomer("Maria \u202eLopez\u202c");
    const ticket = sandbox.addTicket({
      subject: "Double charge",
      requesterId: customer.id,
      comments: [{ authorId: customer.id, body: message }],
    });
    expect((await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }))).status).toBe(202);

    expect(anthropic.requests.length).toBeGreaterThan(0);
    for (const call of anthropic.requests) {
      const body = JSON.stringify(call.body);
      expect(joined(body)).not.toContain("4111111111111111");
      expect(body).toContain("[card ending 1111]");
    }
    const notes = sandbox.ticket(ticket.id).comments.filter((c) => c.author_id === SANDBOX.assistantId && !c.public);
    expect(notes.length).toBeGreaterThan(0);
    const html = notes.map((c) => c.html_body).join("\n");
    expect(joined(html)).not.toContain("4111111111111111");
    expect(html).toContain("[card ending 1111]");
    expect(html).not.toContain("\u202e");
    expect(html).toContain("Maria Lopez");
    expect(JSON.stringify(h.lines)).not.toContain(card);
  });
});
