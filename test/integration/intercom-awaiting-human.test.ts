import type { ReasonCode } from "../../src/domain/reasons.ts";
import { describe, expect, it } from "vitest";
import { outcomeTags } from "../../src/handoff/outcome-tags.ts";
import { applyInboxAction } from "../../src/http/inbox-app/apply-inbox-action.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { userCreated, userReplied } from "../support/intercom-events.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createIntercomSandbox());

/** Every call here would be a model call: escalates the first message, answers later ones. */
function countingDecider() {
  let calls = 0;
  const decide: Decider = async ({ settings }) => {
    calls += 1;
    if (calls === 1) {
      const reasons: ReasonCode[] = ["needs_human_judgment"];
      return {
        outcome: "escalate",
        reasons,
        customerMessage: "A member of our team will reply here shortly.",
        internalNote: "<p>Deskmate handoff</p>",
        addTags: outcomeTags({ outcome: "escalate", reasons }, settings.tagPrefix),
        removeTags: [],
      };
    }
    return { outcome: "answer", reasons: [], customerMessage: "Here is the answer.", addTags: [], removeTags: [] };
  };
  return { decide, calls: () => calls };
}

async function escalatedConversation() {
  const model = countingDecider();
  const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: model.decide });
  const contact = sandbox.addContact("Waiting Customer");
  const conv = sandbox.addConversation({
    contactId: contact.id,
    parts: [{ author: "user", body: "My refund never arrived." }],
  });
  await h.deliverIntercom(userCreated({ id: conv.id, contactId: contact.id }));
  expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
  const customerWrites = async (body: string) => {
    const part = sandbox.addPart(conv.id, { author: "user", body }).parts.at(-1)!;
    await h.deliverIntercom(userReplied({ id: conv.id, contactId: contact.id }, { id: part.id, body }));
  };
  return { h, model, conversationId: conv.id, customerWrites, writesBefore: sandbox.writes().length };
}

function assistantParts(conversationId: string, partType: string) {
  return sandbox
    .conversation(conversationId)
    .parts.filter((p) => p.partType === partType && p.authorId === INTERCOM_SANDBOX.assistantAdminId);
}

describe("Intercom: after an escalation the conversation belongs to humans", () => {
  it("a follow-up gets no reply, no model call, one note; a hard trigger raises urgency and tags why", async () => {
    const { h, model, conversationId, customerWrites, writesBefore } = await escalatedConversation();
    expect(assistantParts(conversationId, "comment")).toHaveLength(1);

    await customerWrites("hello? anyone? I want to speak to a human agent now");
    expect(model.calls()).toBe(1);
    expect(assistantParts(conversationId, "comment")).toHaveLength(1);
    const notes = assistantParts(conversationId, "note");
    expect(notes).toHaveLength(2); // the handoff, then the follow-up
    expect(notes[1]?.bodyHtml ?? notes[1]?.body).toContain("wrote again");
    expect(notes[1]?.bodyHtml ?? notes[1]?.body).toContain("Urgency raised to high");
    expect(sandbox.conversation(conversationId).tags).toContain("deskmate_reason_human_requested");
    const newWrites = sandbox.writes().slice(writesBefore);
    expect(newWrites.filter((w) => /\/reply$/.test(w.path))).toHaveLength(1);
    expect(h.handled().at(-1)).toMatchObject({ outcome: "skip", reasons: ["awaiting_human"], model_calls: 0 });
  });

  it("a teammate's hand-back in the inbox app ends the wait: the next message is decided again", async () => {
    const { h, model, conversationId, customerWrites } = await escalatedConversation();
    const store = h.runtime.pipelineDeps("intercom", TEST_INTERCOM_APP_ID).store;
    await store.putTicketState(
      conversationId,
      applyInboxAction(await store.getTicketState(conversationId), "hand_back"),
    );
    await customerWrites("One more question about my refund.");
    expect(model.calls()).toBe(2);
    expect(assistantParts(conversationId, "comment")).toHaveLength(2);
    expect(h.handled().at(-1)).toMatchObject({ outcome: "answer" });
  });
});
