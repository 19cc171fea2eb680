import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { userCreated } from "../support/intercom-events.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { createHarness } from "../support/worker-harness.ts";

/**
 * An Intercom conversation whose customer hides a request for a person behind a zero-width space,
 * writes a card number with dots and has a right-to-left override in their name: the hard trigger
 * fires, and the handoff note shows the name clean and the card masked.
 */
const sandbox = createIntercomSandbox();
const anthropic = createAnthropicMock();
useMswServer(...sandbox.handlers, ...anthropic.handlers);
beforeEach(() => {
  sandbox.reset();
  anthropic.reset();
});
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("Intercom: invisible characters in customer text", () => {
  it("a zero-width space does not hide a request for a person; the note is clean", async () => {
    const h = createHarness({ env: { ANTHROPIC_API_KEY: "test-key" } });
    const contact = sandbox.addContact("Ana \u202eSilva\u202c");
    const conv = sandbox.addConversation({
      contactId: contact.id,
      parts: [
        { author: "user", body: "Let me talk to a hu\u200bman now, my card 4111.1111.1111.1111 was charged twice" },
      ],
    });
    expect((await h.deliverIntercom(userCreated({ id: conv.id, contactId: contact.id }))).status).toBe(202);

    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["human_requested"] });
    const note = sandbox
      .conversation(conv.id)
      .parts.filter((p) => p.partType === "note" && p.authorId === INTERCOM_SANDBOX.assistantAdminId)
      .at(-1);
    const html = note?.bodyHtml ?? note?.body ?? "";
    expect(html).toContain("Ana Silva");
    expect(html).not.toMatch(/[\u200b\u202a-\u202e]/);
    expect(html).toContain("[card ending 1111]");
    expect(html).not.toContain("4111.1111.1111.1111");
  });
});
