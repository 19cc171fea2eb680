import { beforeEach, describe, expect, it } from "vitest";
import { AnthropicModel, type ModelSettings } from "../../src/agent/anthropic-model.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createAnthropicMock, modelReplies } from "../support/anthropic-mock.ts";
import { modelInputFixture } from "../support/anthropic-mock/model-input.ts";
import { useMswServer } from "../support/msw-server.ts";

const mock = createAnthropicMock();
useMswServer(...mock.handlers);
beforeEach(() => mock.reset());

const settings: ModelSettings = {
  decisionModel: "claude-sonnet-5-5",
  handoffModel: "claude-haiku-5-5",
  modelTimeoutSeconds: 5,
  prohibitedPhrases: [],
};
const model = () => new AnthropicModel({ apiKey: "sk-ant-test-key", settings, logger: createMemoryLogger().logger });

describe("AnthropicModel: usage for the ledger (tokens per kind and the model billed)", () => {
  it("reports cache writes on the first call, cache reads on the next, and the model id of each purpose", async () => {
    mock.answerNext(modelReplies.output(), modelReplies.output(), modelReplies.output());
    const m = model();
    const first = await m.propose(modelInputFixture());
    const second = await m.propose(modelInputFixture({ message: "And how long does the refund take?" }));
    const handoff = await m.propose(modelInputFixture({ purpose: "handoff" }));

    expect(first.usage).toMatchObject({ model: "claude-sonnet-5-5", cacheReadTokens: 0 });
    expect(first.usage?.cacheWriteTokens).toBeGreaterThan(1000);
    expect(second.usage).toMatchObject({ model: "claude-sonnet-5-5", cacheWriteTokens: 0 });
    expect(second.usage?.cacheReadTokens).toBe(first.usage?.cacheWriteTokens);
    expect(handoff.usage?.model).toBe("claude-haiku-5-5");
    for (const result of [first, second, handoff]) {
      expect(result.usage?.inputTokens).toBeGreaterThan(0);
      expect(result.usage?.outputTokens).toBeGreaterThan(0);
    }
  });

  it("a failure after the API answered still reports the tokens it billed; one that never reached it none", async () => {
    mock.answerNext(modelReplies.schemaViolation(), modelReplies.httpError(400));
    const m = model();
    const invalid = await m.propose(modelInputFixture());
    expect(invalid).toMatchObject({ ok: false, failure: "schema_violation" });
    expect(invalid.usage).toMatchObject({ model: "claude-sonnet-5-5" });
    expect(invalid.usage?.outputTokens).toBeGreaterThan(0);

    const refused = await m.propose(modelInputFixture());
    expect(refused).toMatchObject({ ok: false, failure: "api_error" });
    expect(refused.usage).toBeUndefined();
  });
});
