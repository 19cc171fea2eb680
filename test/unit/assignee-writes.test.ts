import { describe, expect, it } from "vitest";
import { defaultSettings, type Settings } from "../../src/config/settings-schema.ts";
import type { Plan } from "../../src/domain/plan.ts";
import { writeSteps } from "../../src/pipeline/execute-writes.ts";
import { gatePlan } from "../../src/pipeline/gate-plan.ts";

/** The assignee continuity chose travels with the group through the mode gate and the write steps. */
const routed: Plan = {
  outcome: "escalate",
  reasons: ["human_requested"],
  customerMessage: "A specialist is taking over.",
  internalNote: "<p>handoff</p>",
  addTags: ["deskmate_escalated"],
  removeTags: [],
  groupId: "2002",
  assigneeId: "901",
  priority: "normal",
};
const gate = (mode: Settings["mode"]) =>
  gatePlan({ plan: routed, settings: { ...defaultSettings, mode }, ticketId: "101", humanOwned: false });

describe("the assignee goes wherever the group goes", () => {
  it.each(["draft", "autosend"] as const)("%s: group and assignee are written", (mode) => {
    expect(gate(mode)).toMatchObject({ groupId: "2002", assigneeId: "901" });
  });
  it("off writes nothing; shadow only describes the assignee in its note", () => {
    expect(gate("off").assigneeId).toBeUndefined();
    const shadow = gate("shadow");
    expect(shadow.assigneeId).toBeUndefined();
    expect(shadow.internalNote?.htmlBody).toContain("<strong>Assignee:</strong> 901");
  });
  it("the assignee rides in the ticket step with the note and the group", () => {
    const steps = writeSteps(gate("autosend"));
    expect(steps[0]).toMatchObject({ step: "ticket", writes: { groupId: "2002", assigneeId: "901" } });
    expect(steps.filter((s) => s.writes.assigneeId !== undefined)).toHaveLength(1);
  });
  it("an assignee alone is still an update", () => {
    expect(writeSteps({ addTags: [], removeTags: [], assigneeId: "901" })).toEqual([
      { step: "ticket", writes: { addTags: [], removeTags: [], assigneeId: "901" } },
    ]);
  });
});
