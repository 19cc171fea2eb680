import { beforeEach, describe, expect, it } from "vitest";
import { AnthropicModel, anthropicModelFromEnv, type ModelSettings } from "../../src/agent/anthropic-model.ts";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { FIXTURE, modelInputFixture } from "../support/anthropic-mock/model-input.ts";
import { useMswServer } from "../support/msw-server.ts";

const mock = createAnthropicMock();
const gateway = createAnthropicMock({ baseUrl: "https://gateway.example.com/anthropic" });
useMswServer(...mock.handlers, ...gateway.handlers);

const API_KEY = "sk-ant-test-key";
/** A short timeout keeps the timeout test fast: 3 attempts of 0.25 s plus the client's backoff. */
const settings: ModelSettings = {
  decisionModel: "claude-sonnet-5-5",
  handoffModel: "claude-haiku-5-5",
  modelTimeoutSeconds: 0.25,
  prohibitedPhrases: [],
};
/** The API's `retry-after-ms` (honoured by the client) keeps retry tests from waiting out the backoff. */
const fastRetry = { "retry-after-ms": "5" };

function setup(overrides: Partial<ModelSettings> = {}) {
  const { logger, lines } = createMemoryLogger();
  const model = new AnthropicModel({ apiKey: API_KEY, settings: { ...settings, ...overrides }, logger });
  return { model, lines };
}

beforeEach(() => {
  mock.reset();
  gateway.reset();
});

describe("AnthropicModel: valid output", () => {
  it("returns the parsed output and usage, including cache reads on the second call", async () => {
    const { model } = setup();
    mock.answerNext(modelReplies.output(), modelReplies.output());

    const first = await model.propose(modelInputFixture());
    const second = await model.propose(modelInputFixture({ message: "And how long does the refund take?" }));

    expect(first).toEqual({
      ok: true,
      output: sampleModelOutput(),
      usage: expect.objectContaining({ cacheReadTokens: 0 }),
    });
    expect(second.ok && second.usage?.cacheReadTokens).toBeGreaterThan(1000);
    expect(mock.requests).toHaveLength(2);
  });

  it("round-trips action parameters through the wire format", async () => {
    const { model } = setup();
    const act = sampleModelOutput({
      outcome: "act",
      action: { name: "resend_invoice", parameters: { invoice_id: "INV-2041", copy: true, attempt: 2 } },
    });
    mock.answerNext(modelReplies.output(act));
    expect(await model.propose(modelInputFixture())).toMatchObject({ ok: true, output: act });
  });

  it("sends the settings' model, the cached system prefix and the structured output schema", async () => {
    const { model } = setup({ decisionModel: "claude-opus-5-5" });
    mock.answerNext(modelReplies.output(), modelReplies.output());
    await model.propose(modelInputFixture());
    await model.propose(modelInputFixture({ purpose: "handoff" }));

    const [decide, handoff] = mock.requests;
    expect(decide?.apiKey).toBe(API_KEY);
    expect(decide?.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(decide?.body).toMatchObject({ model: "claude-opus-5-5", max_tokens: 2048 });
    expect(handoff?.body).toMatchObject({ model: "claude-haiku-5-5", max_tokens: 1024 });
    expect(decide?.body.system).toEqual([
      { type: "text", text: expect.stringContaining("You are Deskmate"), cache_control: { type: "ephemeral" } },
    ]);
    expect(decide?.body.system).toEqual(handoff?.body.system);
    expect(JSON.stringify(decide?.body.messages)).toContain("INV-2041");
    const format = decide?.body.output_config?.format as {
      type: string;
      schema: { properties: Record<string, unknown> };
    };
    expect(format.type).toBe("json_schema");
    // Parameters travel as {name, value} pairs: a closed object could only ever be `{}`.
    expect(JSON.stringify(format.schema.properties.action)).toContain('"parameters":{"type":"array"');
  });
});

describe("AnthropicModel: failures become typed results", () => {
  it("malformed JSON is a schema violation, without the text in the detail", async () => {
    const { model } = setup();
    mock.answerNext(modelReplies.malformedJson());
    expect(await model.propose(modelInputFixture())).toEqual({
      ok: false,
      failure: "schema_violation",
      detail: "the output is not valid JSON (cut off at max_tokens)",
      // The API answered and billed the call: its tokens are reported for the ledger.
      usage: expect.objectContaining({ model: "claude-sonnet-5-5" }),
    });
  });

  it("JSON that breaks the schema is a schema violation naming the fields", async () => {
    const { model } = setup();
    mock.answerNext(modelReplies.schemaViolation());
    const result = await model.propose(modelInputFixture());
    expect(result).toMatchObject({ ok: false, failure: "schema_violation" });
    expect(!result.ok && result.detail).toMatch(/classification_confidence: .*outcome: /);
    expect(!result.ok && result.detail).not.toContain("refund_now");
  });

  it("a refusal is a refusal (its text is not parsed), and is not retried", async () => {
    const { model } = setup();
    mock.answerNext(modelReplies.refusal());
    expect(await model.propose(modelInputFixture())).toMatchObject({ ok: false, failure: "refusal" });
    expect(mock.requests).toHaveLength(1);
  });

  it("a 500 is retried twice (maxRetries 2), then is an api_error", async () => {
    const { model } = setup();
    mock.answerNext(...[1, 2, 3].map(() => modelReplies.httpError(500, fastRetry)));
    expect(await model.propose(modelInputFixture())).toEqual({
      ok: false,
      failure: "api_error",
      detail: "HTTP 500 api_error",
    });
    expect(mock.requests).toHaveLength(3);
  });

  it("a 529 overload followed by an answer succeeds on the retry", async () => {
    const { model } = setup();
    mock.answerNext(modelReplies.httpError(529, fastRetry), modelReplies.output());
    expect(await model.propose(modelInputFixture())).toMatchObject({ ok: true });
    expect(mock.requests).toHaveLength(2);
  });

  it("a 400 is an api_error at once (not retried)", async () => {
    const { model } = setup();
    mock.answerNext(modelReplies.httpError(400));
    expect(await model.propose(modelInputFixture())).toEqual({
      ok: false,
      failure: "api_error",
      detail: "HTTP 400 invalid_request_error",
    });
    expect(mock.requests).toHaveLength(1);
  });

  it("an answer slower than the timeout is a timeout after three attempts", async () => {
    const { model } = setup();
    mock.answerNext(...[1, 2, 3].map(() => modelReplies.delayed(3_000)));
    const started = Date.now();
    expect(await model.propose(modelInputFixture())).toMatchObject({ ok: false, failure: "timeout" });
    expect(mock.requests).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("caps the timeout at 30 s whatever the setting says", async () => {
    const { model } = setup({ modelTimeoutSeconds: 600 });
    mock.answerNext(modelReplies.output());
    await model.propose(modelInputFixture());
    expect(mock.requests[0]?.headers["x-stainless-timeout"]).toBe("30");
  });

  it("never throws, even when the settings cannot be read", async () => {
    const { logger } = createMemoryLogger();
    const model = new AnthropicModel({
      apiKey: API_KEY,
      settings: () => Promise.reject(new Error("store down")),
      logger,
    });
    expect(await model.propose(modelInputFixture())).toMatchObject({ ok: false, failure: "api_error" });
    expect(mock.requests).toHaveLength(0);
  });
});

describe("AnthropicModel: logs", () => {
  it("log model, latency and token usage, never prompt or customer text", async () => {
    const { model, lines } = setup();
    mock.answerNext(modelReplies.output(), modelReplies.output(), modelReplies.schemaViolation());
    await model.propose(modelInputFixture());
    await model.propose(modelInputFixture());
    await model.propose(modelInputFixture());

    expect(lines[1]).toMatchObject({
      level: "info",
      msg: "model call succeeded",
      model: "claude-sonnet-5-5",
      purpose: "decide",
      latency_ms: expect.any(Number),
      usage_input: expect.any(Number),
      usage_output: expect.any(Number),
      usage_cache_read: expect.any(Number),
      usage_cache_write: 0,
      outcome: "answer",
    });
    expect(lines[2]).toMatchObject({ level: "warn", failure: "schema_violation" });
    const logged = JSON.stringify(lines);
    for (const secret of [
      "INV-2041",
      "Maria",
      "You are Deskmate",
      API_KEY,
      "refund within 30 days",
      FIXTURE.requesterEmail,
    ]) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe("anthropicModelFromEnv", () => {
  it("is null without ANTHROPIC_API_KEY", () => {
    const { logger } = createMemoryLogger();
    expect(anthropicModelFromEnv({}, { settings: defaultSettings, logger })).toBeNull();
    expect(anthropicModelFromEnv({ ANTHROPIC_API_KEY: "  " }, { settings: defaultSettings, logger })).toBeNull();
  });

  it("uses ANTHROPIC_BASE_URL and the default models from settings", async () => {
    const { logger } = createMemoryLogger();
    const model = anthropicModelFromEnv(
      { ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: `${gateway.baseUrl}/` },
      { settings: async () => defaultSettings, logger },
    );
    gateway.answerNext(modelReplies.output());
    expect(await model?.propose(modelInputFixture())).toMatchObject({ ok: true });
    expect(mock.requests).toHaveLength(0);
    expect(gateway.requests[0]?.body.model).toBe(defaultSettings.decisionModel);
    expect(gateway.requests[0]?.headers["x-stainless-timeout"]).toBe(String(defaultSettings.modelTimeoutSeconds));
  });
});
