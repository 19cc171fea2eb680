import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import type { Plan } from "../../src/domain/plan.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import { withKnowledgeGapTag } from "../../src/pipeline/with-knowledge-gap-tag.ts";
import { settingsWith, decisionInput } from "./policy-fixtures.ts";

const MESSAGE = "How long do refunds take for order 4411?";

describe("withKnowledgeGapTag", () => {
  it("adds <prefix>knowledge_gap and keeps every other tag", () => {
    const plan: Plan = { outcome: "answer", reasons: [], addTags: ["acme_answered"], removeTags: [] };
    expect(withKnowledgeGapTag(plan, "acme_").addTags).toEqual(["acme_answered", "acme_knowledge_gap"]);
  });

  it("the engine tags a gap even when the model call then fails", async () => {
    const decide = createEngineDecider({
      model: { propose: async () => ({ ok: false, failure: "timeout", detail: "slow" }) },
      knowledge: { search: async () => [] },
      logger: createMemoryLogger().logger,
    });
    const input: DecisionInput = decisionInput(MESSAGE, settingsWith({ mode: "autosend" }));
    const plan = await decide(input);
    expect(plan).toMatchObject({ outcome: "escalate", reasons: ["model_error"] });
    expect(plan.addTags).toContain("deskmate_knowledge_gap");
  });
});
