import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outcomeTags } from "../../src/handoff/outcome-tags.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { userCreated } from "../support/intercom-events.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { createHarness, recordedMessage } from "../support/worker-harness.ts";
import { StoreThatStopsOnce } from "../support/store-that-stops-once.ts";

const intercom = createIntercomSandbox();
useMswServer(...intercom.handlers);
beforeEach(() => intercom.reset());
afterEach(() => expectRequestsMatchSpec(intercom.requests));

describe("Intercom: a job that stopped between a helpdesk write and recording it", () => {
  it("is redelivered and posts neither its note nor its reply a second time", async () => {
    const kv = new StoreThatStopsOnce();
    const h = createHarness({
      queue: true,
      kv,
      env: { DESKMATE_MODE: "autosend" },
      decide: async ({ settings }) => ({
        outcome: "escalate",
        reasons: ["needs_human_judgment"],
        customerMessage: "A member of our team will reply here shortly.",
        internalNote: "<p>Deskmate handoff: the refund needs a person.</p>",
        addTags: outcomeTags({ outcome: "escalate", reasons: ["needs_human_judgment"] }, settings.tagPrefix),
        removeTags: [],
      }),
    });
    const contact = intercom.addContact("Interrupted Customer");
    const conv = intercom.addConversation({
      contactId: contact.id,
      parts: [{ author: "user", body: "My refund never arrived." }],
    });
    const parts = (type: string) =>
      intercom
        .conversation(conv.id)
        .parts.filter((p) => p.partType === type && p.authorId === INTERCOM_SANDBOX.assistantAdminId);
    // The worker stops right after the note is posted, then again right after the reply.
    kv.when = () => parts("note").length > 0;

    await h.deliverIntercom(userCreated({ id: conv.id, contactId: contact.id }));
    const [first] = await h.drainQueue();
    expect(first?.acked).toBe(false);
    kv.when = () => parts("comment").length > 0;
    const second = recordedMessage(first!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [second]);
    expect(second.acked).toBe(false);

    const third = recordedMessage(first!.body, 3);
    await h.runtime.consumeQueue("deskmate-events", [third]);
    expect(third.acked).toBe(true);
    expect(parts("note")).toHaveLength(1);
    expect(parts("comment")).toHaveLength(1);
    expect(intercom.conversation(conv.id).tags).toContain("deskmate_escalated");
  });
});
