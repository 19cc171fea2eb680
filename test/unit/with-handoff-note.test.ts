import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import { withHandoffNote } from "../../src/pipeline/with-handoff-note.ts";
import { renderZendeskNote } from "../../src/platforms/zendesk/render-zendesk-note.ts";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";
import { customerComment, settingsWith, ticketContext } from "./policy-fixtures.ts";

const MESSAGE = "I want to talk to a human, please.";

function input(): DecisionInput {
  return {
    event: {
      platform: "zendesk",
      accountId: "acme",
      deliveryId: "d1",
      eventId: "e1",
      kind: "comment_added",
      ticketId: "101",
      occurredAt: "2026-11-23T12:00:00Z",
      source: "trigger",
    },
    context: ticketContext({}, MESSAGE),
    customerComment: customerComment(MESSAGE),
    state: emptyTicketState(),
    settings: settingsWith({ mode: "autosend" }),
    assistant: { id: "9999", name: "Deskmate" },
    ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}`,
  };
}

describe("the handoff note is rendered after deciding", () => {
  it("the decider returns the handoff as data, without a helpdesk renderer", async () => {
    const decide = createEngineDecider({ model: null, knowledge: null, logger: createMemoryLogger().logger });
    const plan = await decide(input());
    expect(plan).toMatchObject({ outcome: "escalate", reasons: ["human_requested"] });
    expect(plan.handoff?.reasons.map((r) => r.code)).toEqual(["human_requested"]);
    expect(plan.internalNote).toBeUndefined();
  });

  it("the flow renders the helpdesk's note from that handoff", async () => {
    const decide = createEngineDecider({ model: null, knowledge: null, logger: createMemoryLogger().logger });
    const plan = withHandoffNote(await decide(input()), renderZendeskNote);
    expect(plan.internalNote).toBe(plan.handoff ? renderZendeskNote(plan.handoff) : "no handoff");
    expect(plan.internalNote).toContain("The customer asked for a person.");
  });

  it("a plan without a handoff keeps its own note", () => {
    const plan = { outcome: "act" as const, reasons: [], internalNote: "<p>done</p>", addTags: [], removeTags: [] };
    expect(withHandoffNote(plan, () => "<p>handoff</p>")).toBe(plan);
  });
});
