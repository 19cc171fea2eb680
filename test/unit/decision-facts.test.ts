import { describe, expect, it } from "vitest";
import type { Settings } from "../../src/config/settings-schema.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import type { Knowledge, Passage } from "../../src/ports/knowledge.ts";
import type { Model, ModelInput, ModelResult } from "../../src/ports/model.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import { modelOutput, refundPassage, settingsWith, decisionInput } from "./policy-fixtures.ts";

const NOW = new Date("2026-11-23T12:00:00Z");

/** Usage as the adapter reports it for one `propose`. */
const usage = (
  model: string,
  inputTokens: number,
  outputTokens: number,
  cacheReadTokens = 0,
  cacheWriteTokens = 0,
) => ({
  model,
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

/** The engine over a model that answers with `results` in order, and knowledge holding `passages`. */
async function decide(
  message: string,
  results: ModelResult[],
  passages: Passage[],
  settings: Settings = settingsWith(),
) {
  const calls: ModelInput["purpose"][] = [];
  const model: Model = {
    propose: async (input) => {
      calls.push(input.purpose);
      const next = results.shift();
      if (!next) throw new Error("no model result queued");
      return next;
    },
  };
  const knowledge: Knowledge = { search: async () => passages };
  const engine = createEngineDecider({ model, knowledge, logger: createMemoryLogger().logger, now: () => NOW });
  const input: DecisionInput = decisionInput(message, settings, NOW.toISOString());
  return { plan: await engine(input), calls };
}

const REFUND_QUESTION = "How long do refunds take for order 4411?";

describe("the engine's decision facts (what the ledger row is built from)", () => {
  it("an answer: the model's category and answer confidence, its tokens, the cited source and its age", async () => {
    const { plan } = await decide(
      REFUND_QUESTION,
      [
        {
          ok: true,
          output: modelOutput({ answer_confidence: 0.91 }),
          usage: usage("claude-sonnet-5-5", 1200, 80, 3000, 0),
        },
      ],
      [refundPassage],
    );
    expect(plan.outcome).toBe("answer");
    expect(plan.facts).toEqual({
      category: "refund",
      confidence: 0.91,
      usage: [{ model: "claude-sonnet-5-5", input: 1200, output: 80, cacheRead: 3000, cacheWrite: 0 }],
      // refundPassage was updated on 2026-10-01: 53 whole days before NOW.
      sources: [{ id: refundPassage.id, ageDays: 53 }],
      knowledgeGap: false,
    });
  });

  it("a regenerated reply: both calls' tokens, summed per model", async () => {
    const banned = modelOutput({
      reply: "Refunds go back to your original payment method within 30 days, guaranteed.",
    });
    const { plan, calls } = await decide(
      REFUND_QUESTION,
      [
        { ok: true, output: banned, usage: usage("claude-sonnet-5-5", 1000, 50, 0, 2000) },
        { ok: true, output: modelOutput(), usage: usage("claude-sonnet-5-5", 1100, 40, 2000, 0) },
      ],
      [refundPassage],
      settingsWith({ prohibitedPhrases: ["guaranteed"] }),
    );
    expect(calls).toEqual(["decide", "decide"]);
    expect(plan.outcome).toBe("answer");
    expect(plan.facts?.usage).toEqual([
      { model: "claude-sonnet-5-5", input: 2100, output: 90, cacheRead: 2000, cacheWrite: 2000 },
    ]);
  });

  it("a hard trigger: the handoff-enrichment call's tokens under the handoff model, and its category", async () => {
    const { plan, calls } = await decide(
      "My lawyer will file a lawsuit against you this week.",
      [{ ok: true, output: modelOutput({ intent_category: "complaint" }), usage: usage("claude-haiku-5-5", 900, 120) }],
      [],
    );
    expect(calls).toEqual(["handoff"]);
    expect(plan.outcome).toBe("escalate");
    expect(plan.facts).toMatchObject({
      category: "complaint",
      // The enrichment call proposes nothing: no answer confidence.
      confidence: null,
      usage: [{ model: "claude-haiku-5-5", input: 900, output: 120, cacheRead: 0, cacheWrite: 0 }],
      sources: [],
    });
  });

  it("a failed call the API billed still counts; retrieval that found nothing is a knowledge gap", async () => {
    const { plan } = await decide(
      REFUND_QUESTION,
      [{ ok: false, failure: "schema_violation", detail: "bad output", usage: usage("claude-sonnet-5-5", 700, 2048) }],
      [],
    );
    expect(plan).toMatchObject({ outcome: "escalate", reasons: ["model_error"] });
    expect(plan.facts).toMatchObject({
      usage: [{ model: "claude-sonnet-5-5", input: 700, output: 2048, cacheRead: 0, cacheWrite: 0 }],
      knowledgeGap: true,
    });
  });
});
