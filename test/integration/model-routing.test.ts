import { beforeEach, describe, expect, it } from "vitest";
import { AnthropicModel } from "../../src/agent/anthropic-model.ts";
import type { Settings } from "../../src/config/settings-schema.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import type { ModelOutput } from "../../src/ports/model-output.ts";
import { createAnthropicMock, modelReplies } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";
import { modelOutput, settingsWith, shippingPassage, decisionInput } from "../unit/policy-fixtures.ts";

const mock = createAnthropicMock();
useMswServer(...mock.handlers);
beforeEach(() => mock.reset());

const NOW = new Date("2026-11-23T12:00:00Z");
const SMALL = "claude-haiku-5-5";
const LARGE = "claude-sonnet-5-5";
const ORDER = "Where is my order 4411? It has not arrived yet.";
const shippingAnswer = modelOutput({
  intent_category: "order_shipping",
  reply: "Standard shipping takes 3-5 business days.",
  cited_source_ids: [shippingPassage.id],
});

/** The real engine and Claude adapter against the Messages API mock: what reaches the API is what we check. */
async function decide(message: string, settings: Settings, ...outputs: ModelOutput[]) {
  mock.answerNext(...outputs.map((output) => modelReplies.output(output)));
  const model = new AnthropicModel({ apiKey: "sk-ant-test-key", settings, logger: createMemoryLogger().logger });
  const engine = createEngineDecider({
    model,
    knowledge: { search: async () => [shippingPassage] },
    logger: createMemoryLogger().logger,
    now: () => NOW,
  });
  const input: DecisionInput = decisionInput(message, settings, NOW.toISOString());
  const plan = await engine(input);
  return { plan, models: mock.requests.map((call) => call.body.model) };
}

describe("model routing by difficulty (what the Messages API is asked to run)", () => {
  it("a routine category (order and shipping) is decided by the small model alone", async () => {
    const { plan, models } = await decide(ORDER, settingsWith(), shippingAnswer);
    expect(models).toEqual([SMALL]);
    expect(plan).toMatchObject({ outcome: "answer", modelCalls: 1 });
    expect(plan.facts?.usage.map((u) => u.model)).toEqual([SMALL]);
  });

  it("a complex category (refund) goes to the decision model", async () => {
    const { models } = await decide("How long do refunds take for order 4411?", settingsWith(), modelOutput());
    expect(models).toEqual([LARGE]);
  });

  it("a message the rules cannot place goes to the decision model", async () => {
    const { models } = await decide("Hello, quick one for you.", settingsWith(), shippingAnswer);
    expect(models).toEqual([LARGE]);
  });

  it("an empty routine list sends every message to the decision model", async () => {
    const { models } = await decide(ORDER, settingsWith({ smallModelCategories: [] }), shippingAnswer);
    expect(models).toEqual([LARGE]);
  });

  it("the small model's low classification confidence has the decision model decide again", async () => {
    const unsure = { ...shippingAnswer, classification_confidence: 0.5 };
    const { plan, models } = await decide(ORDER, settingsWith(), unsure, shippingAnswer);
    expect(models).toEqual([SMALL, LARGE]);
    expect(plan).toMatchObject({ outcome: "answer", modelCalls: 2 });
    expect(plan.facts?.usage.map((u) => u.model).sort()).toEqual([LARGE, SMALL].sort());
  });

  it("the threshold is a setting: at 0.4 the same 0.5 stays with the small model", async () => {
    const unsure = { ...shippingAnswer, classification_confidence: 0.5 };
    const { models } = await decide(ORDER, settingsWith({ smallModelMinConfidence: 0.4 }), unsure);
    expect(models).toEqual([SMALL]);
  });

  it("a confident small model keeps a routine message even when it names another category", async () => {
    const { models } = await decide(ORDER, settingsWith(), { ...shippingAnswer, intent_category: "refund" });
    expect(models).toEqual([SMALL]);
  });

  it("the handoff summary of a hard-trigger escalation runs on the small (handoff) model", async () => {
    const { plan, models } = await decide("I want to talk to a real person.", settingsWith(), modelOutput());
    expect(plan.outcome).toBe("escalate");
    expect(models).toEqual([SMALL]);
  });

  it("a VIP customer's handoff is written by the decision model", async () => {
    // The fixture's requester carries the tag "gold".
    const { plan, models } = await decide(ORDER, settingsWith({ vipTags: ["gold"] }), modelOutput());
    expect(plan).toMatchObject({ outcome: "escalate", reasons: ["vip"] });
    expect(models).toEqual([LARGE]);
  });
});
