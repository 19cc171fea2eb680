import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import { withHandoffNote } from "../../src/pipeline/with-handoff-note.ts";
import { renderZendeskNote } from "../../src/platforms/zendesk/render-zendesk-note.ts";
import { settingsWith, decisionInput } from "./policy-fixtures.ts";

const MESSAGE = "I want to talk to a human, please.";

function input(): DecisionInput {
  return decisionInput(MESSAGE, settingsWith({ mode: "autosend" }));
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
