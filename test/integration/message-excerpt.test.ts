import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { consoleClient } from "../support/console-client.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";

const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
  // An answer that cites nothing: policy refuses it (no_grounding), so the message escalates as a knowledge gap.
  anthropic.setFallback(
    modelReplies.output(
      sampleModelOutput({
        intent_category: "order_shipping",
        outcome: "answer",
        reply: "The warranty lasts seven years.",
        cited_source_ids: [],
      }),
    ),
  );
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

const EMAIL = "jane.doe@example.com";
const PHONE = "+1 415 555 0100";
const MESSAGE = `Hi,   my warranty claim for order 88123456 went nowhere.\n\nWrite to ${EMAIL} or call ${PHONE}.`;
const MASKED = "Hi, my warranty claim for order [number] went nowhere. Write to [email] or call [phone].";

/** One customer message through the real worker (signed webhook, pipeline, ledger), then its console. */
async function handled(env: Record<string, string> = {}) {
  const client = await consoleClient({}, { ANTHROPIC_API_KEY: "test-key", ...env });
  const customer = sandbox.addCustomer("Jane Doe");
  const ticket = sandbox.addTicket({
    subject: "Warranty",
    requesterId: customer.id,
    comments: [{ authorId: customer.id, body: MESSAGE }],
  });
  expect((await client.h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }))).status).toBe(202);
  const rows = await client.h.decisions();
  const day = rows[0]?.decidedAt.slice(0, 10) ?? "";
  const filters = `platform=zendesk&account=acme&from=${day}&to=${day}`;
  return { ...client, ticketId: String(ticket.id), rows, filters };
}

describe("the customer's message on its decision row", () => {
  it("is stored masked: no e-mail, no phone, no order number, whitespace collapsed", async () => {
    const { rows } = await handled();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "escalate", reasons: ["no_grounding"], messageExcerpt: MASKED });
    expect(rows[0]?.messageExcerpt).not.toContain(EMAIL);
    expect(rows[0]?.messageExcerpt).not.toContain("415");
  });

  it("is not kept for a skip that read no message (mode off)", async () => {
    const { rows } = await handled({ DESKMATE_MODE: "off" });
    expect(rows).toMatchObject([{ outcome: "skip", reasons: ["mode_off"], messageExcerpt: null }]);
  });

  it("opens the review queue's card", async () => {
    const { get, signIn, filters, ticketId } = await handled();
    const page = await (await get(`/admin/review?${filters}`, (await signIn()).cookie)).text();
    expect(page).toContain(`Ticket ${ticketId} · Escalated`);
    expect(page).toContain(`<strong>Customer wrote:</strong> <q data-message-excerpt>${MASKED}</q>`);
    expect(page).not.toContain(EMAIL);
    expect(page).not.toContain(PHONE);
  });

  it("is an example question of its knowledge gap on the Knowledge page", async () => {
    const { get, signIn, filters, ticketId } = await handled();
    const page = await (await get(`/admin/knowledge?${filters}`, (await signIn()).cookie)).text();
    expect(page).toContain('data-gap-category="order_shipping" data-value="1"');
    const examples = /<ul class="examples" data-gap-examples="order_shipping">([\s\S]*?)<\/ul>/.exec(page)?.[1];
    expect(examples).toContain(`<q data-example>${MASKED}</q>`);
    expect(examples).toContain(`ticket ${ticketId}`);
    expect(page).not.toContain(EMAIL);
  });
});
