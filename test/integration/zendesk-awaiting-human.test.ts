import type { ReasonCode } from "../../src/domain/reasons.ts";
import { describe, expect, it } from "vitest";
import { outcomeTags } from "../../src/handoff/outcome-tags.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, statusChanged, ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
const customer = { authorId: SANDBOX.customerWithOrgId, isStaff: false };

/**
 * The decision engine's place in the pipeline: every call would be a model call.
 * Escalates the first message, answers later ones.
 */
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
        priority: "normal",
      };
    }
    return {
      outcome: "answer",
      reasons: [],
      customerMessage: "Here is the answer.",
      addTags: [`${settings.tagPrefix}answered`],
      removeTags: [],
    };
  };
  return { decide, calls: () => calls };
}

function publicByAssistant(): string[] {
  return sandbox
    .ticket(101)
    .comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId)
    .map((c) => c.body);
}

async function escalated(env: Record<string, string> = { DESKMATE_MODE: "autosend" }) {
  const model = countingDecider();
  const h = createHarness({ env, decide: model.decide });
  await h.deliver(ticketCreated(T101));
  expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
  expect(publicByAssistant()).toHaveLength(env.DESKMATE_MODE === "autosend" ? 1 : 0);
  return { h, model, writesBefore: sandbox.writes().length };
}

async function customerWrites(h: ReturnType<typeof createHarness>, body: string) {
  const comment = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body });
  await h.deliver(commentAdded(T101, { id: comment.id, ...customer }));
  return comment;
}

describe("after an escalation the ticket belongs to humans", () => {
  it("autosend: 'hello? anyone?' gets no reply, no model call, one internal note; marked awaiting_human", async () => {
    const { h, model, writesBefore } = await escalated();
    await customerWrites(h, "hello? anyone? my card 4111 1111 1111 1111 was charged twice");

    expect(model.calls()).toBe(1);
    expect(publicByAssistant()).toHaveLength(1);
    const newWrites = sandbox.writes().slice(writesBefore);
    expect(newWrites.map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /api/v2/tickets/101"]);
    const ticket = (
      newWrites[0]!.body as { ticket: { comment: { public: boolean; html_body: string }; priority?: string } }
    ).ticket;
    expect(ticket.comment.public).toBe(false);
    expect(ticket.comment.html_body).toContain("wrote again");
    expect(ticket.comment.html_body).toContain("hello? anyone?");
    expect(ticket.comment.html_body).not.toContain("4111 1111 1111 1111");
    expect(ticket.priority).toBeUndefined();
    expect(h.handled().at(-1)).toMatchObject({
      outcome: "skip",
      reasons: ["awaiting_human"],
      model_calls: 0,
      writes: 1,
    });

    // The same event again writes nothing more.
    const again = sandbox.ticket(101).comments.at(-2)!;
    await h.deliver(commentAdded(T101, { id: again.id, ...customer }));
    expect(sandbox.writes()).toHaveLength(writesBefore + 1);
  });

  it("a hard trigger in the follow-up raises the priority and adds its reason tag, still without a reply", async () => {
    const { h, model, writesBefore } = await escalated();
    await customerWrites(h, "Still nothing. I am forwarding this to my lawyer and will take legal action.");

    expect(model.calls()).toBe(1);
    expect(publicByAssistant()).toHaveLength(1);
    const newWrites = sandbox.writes().slice(writesBefore);
    expect(newWrites.map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /api/v2/tickets/101"]);
    const ticket = (
      newWrites[0]!.body as {
        ticket: { comment: { public: boolean; html_body: string }; priority: string; additional_tags: string[] };
      }
    ).ticket;
    expect(ticket.comment.public).toBe(false);
    expect(ticket.comment.html_body).toContain("Urgency raised to high");
    expect(ticket.priority).toBe("high");
    expect(sandbox.ticket(101).priority).toBe("high");
    expect(ticket.additional_tags).toEqual(["deskmate_reason_legal"]);
    expect(sandbox.ticket(101).tags).toContain("deskmate_reason_legal");
    expect(h.handled().at(-1)).toMatchObject({ outcome: "skip", reasons: ["awaiting_human"] });
  });

  it("draft: the follow-up is one internal note too, with no suggested reply", async () => {
    const { h, model, writesBefore } = await escalated({ DESKMATE_MODE: "draft" });
    await customerWrites(h, "hello? anyone?");
    expect(model.calls()).toBe(1);
    const newWrites = sandbox.writes().slice(writesBefore);
    expect(newWrites).toHaveLength(1);
    expect(
      (newWrites[0]!.body as { ticket: { comment: { public: boolean; html_body: string } } }).ticket.comment,
    ).toMatchObject({ public: false });
    expect(JSON.stringify(newWrites[0]?.body)).not.toContain("suggested reply");
  });

  it("an agent hands the ticket back by removing the escalated tag: the next message is decided again", async () => {
    const { h, model } = await escalated();
    sandbox.removeTags(101, ["deskmate_escalated"]);
    await customerWrites(h, "One more question about my refund.");
    expect(model.calls()).toBe(2);
    expect(publicByAssistant()).toEqual(["A member of our team will reply here shortly.", "Here is the answer."]);
    expect((await h.store().getTicketState("101")).awaitingHumanSince).toBeUndefined();
  });

  it("once the ticket is solved, a message that reopens it is a new issue and is decided again", async () => {
    const { h, model } = await escalated();
    await h.deliver(statusChanged(T101, "open", "solved"));
    await customerWrites(h, "New problem: my password reset mail never arrives.");
    expect(model.calls()).toBe(2);
    expect(h.handled().at(-1)).toMatchObject({ outcome: "answer" });
  });

  it("a ticket reopened after it was solved is a new issue, even when the solve event never arrived", async () => {
    const { h, model } = await escalated();
    await h.deliver(statusChanged(T101, "solved", "open"));
    await customerWrites(h, "New problem: my password reset mail never arrives.");
    expect(model.calls()).toBe(2);
    expect(h.handled().at(-1)).toMatchObject({ outcome: "answer" });
  });
});
